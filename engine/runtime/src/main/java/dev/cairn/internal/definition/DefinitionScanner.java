package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.Concurrency;
import dev.cairn.DefinitionException;
import dev.cairn.OnFailure;
import dev.cairn.Parent;
import dev.cairn.RateLimit;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.validate.Ranges;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workflow instance's annotations and validates the whole definition. Every refusal is a
 * {@link DefinitionException} naming the class, the method and the problem. Stateless apart from the codec.
 */
public final class DefinitionScanner {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final PayloadCodec codec;

  public DefinitionScanner(PayloadCodec codec) {
    this.codec = codec;
  }

  public WorkflowDefinition scan(Object instance) {
    return scan(WorkflowInstance.of(instance));
  }

  /** Reads the definition from {@code registration.type()}; steps are invoked on its instance. */
  public WorkflowDefinition scan(WorkflowInstance registration) {
    Class<?> type = registration.type();
    Object instance = registration.instance();
    Workflow workflow = type.getAnnotation(Workflow.class);
    if (workflow == null) {
      throw new DefinitionException(type.getName() + ": not annotated @Workflow");
    }
    if (!NAME.matcher(workflow.name()).matches()) {
      throw new DefinitionException(type.getName() + ": workflow name '" + workflow.name()
          + "' must be 1-100 letters, digits, '_', '-' or '.'");
    }
    Map<String, StepDefinition> steps = new LinkedHashMap<>();
    StepDefinition onFailure = null;
    for (Method method : sortedMethods(type)) {
      boolean isStep = method.isAnnotationPresent(Step.class);
      boolean isOnFailure = method.isAnnotationPresent(OnFailure.class);
      if (!isStep && !isOnFailure) {
        continue;
      }
      StepDefinition step = scanStep(type, method, isOnFailure);
      if (steps.containsKey(step.name())) {
        throw problem(type, method, "duplicate step name '" + step.name() + "' (also used by method "
            + steps.get(step.name()).method().getName() + ")");
      }
      if (isOnFailure) {
        if (onFailure != null) {
          throw problem(type, method, "a second @OnFailure step; " + onFailure.method().getName() + " is one already");
        }
        onFailure = step;
      }
      steps.put(step.name(), step);
    }
    if (steps.isEmpty() || steps.values().stream().allMatch(StepDefinition::onFailure)) {
      throw new DefinitionException(type.getName() + ": workflow " + workflow.name() + " declares no @Step method");
    }
    checkParentsExist(type, steps);
    List<StepDefinition> ordered = topologicalOrder(type, steps);
    JsonNode inputShape = inputShape(ordered);
    RunFlow runFlow = runFlow(type, workflow, inputShape);
    return new WorkflowDefinition(workflow.name(), instance, ordered, Map.copyOf(steps), Optional.ofNullable(onFailure),
        fingerprint(workflow, ordered), inputShape, runFlow, lifecycle(type, workflow), type);
  }

  /** The class's declared schedule, event triggers and retention. */
  private static Lifecycle lifecycle(Class<?> type, Workflow workflow) {
    Duration retention = null;
    if (!workflow.retention().isEmpty()) {
      try {
        retention = Lifecycle.parseRetention(workflow.retention());
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(type.getName() + ": @Workflow(retention): " + e.getMessage());
      }
    }
    try {
      return new Lifecycle(workflow.cron().isEmpty() ? null : workflow.cron(), workflow.timezone(),
          workflow.missedTicks(), workflow.overlap(), List.of(workflow.onEvents()),
          workflow.eventFilter().isBlank() ? null : workflow.eventFilter(), retention);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(type.getName() + ": @Workflow: " + e.getMessage());
    }
  }

  /** The class's {@link Concurrency} declarations (limits on runs) and its stickiness. */
  private static RunFlow runFlow(Class<?> type, Workflow workflow, JsonNode inputShape) {
    List<ConcurrencyRule> rules = new ArrayList<>();
    Concurrency[] declared = type.getAnnotationsByType(Concurrency.class);
    for (int i = 0; i < declared.length; i++) {
      try {
        rules.add(concurrencyRule("run:" + workflow.name() + "#" + i, declared[i], inputShape));
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(type.getName() + ": @Concurrency " + (i + 1) + ": " + e.getMessage());
      }
    }
    Duration timeout = null;
    if (!workflow.timeout().isEmpty()) {
      try {
        timeout = Ranges.between("timeout", Durations.parse(workflow.timeout()), Duration.ofMillis(1),
            Ranges.MAX_WAIT);
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(type.getName() + ": @Workflow(timeout): " + e.getMessage());
      }
    }
    return rules.isEmpty() && workflow.sticky() == Workflow.Sticky.NONE && timeout == null ? RunFlow.NONE
        : new RunFlow(rules, workflow.sticky(), timeout);
  }

  private static ConcurrencyRule concurrencyRule(String rule, Concurrency declared, JsonNode inputShape) {
    KeyTemplate key = KeyTemplate.parse(declared.key());
    checkPointers(key.inputPointers(), inputShape, "key");
    return new ConcurrencyRule(rule, key, declared.max(), declared.strategy());
  }

  /** A pointer the input type cannot have is a mistake found now, not at the first trigger. */
  private static void checkPointers(List<String> pointers, JsonNode inputShape, String what) {
    for (String pointer : pointers) {
      if (inputShape == null) {
        throw new IllegalArgumentException(what + " reads " + pointer + " of the input, but no step takes an input");
      }
      if (!InputShape.hasPointer(inputShape, pointer)) {
        throw new IllegalArgumentException(what + " reads " + pointer + ", which the input type does not have");
      }
    }
  }

  /** The method's {@link Concurrency}, {@link RateLimit} and {@link WorkerLabel} declarations. */
  private StepFlow stepFlow(Class<?> type, Method method, String workflowName, String stepName,
      List<ParamBinding> bindings) {
    Concurrency[] concurrency = method.getAnnotationsByType(Concurrency.class);
    RateLimit[] rates = method.getAnnotationsByType(RateLimit.class);
    WorkerLabel[] labels = method.getAnnotationsByType(WorkerLabel.class);
    if (concurrency.length == 0 && rates.length == 0 && labels.length == 0) {
      return StepFlow.NONE;
    }
    JsonNode inputShape = null;
    for (ParamBinding binding : bindings) {
      if (binding instanceof ParamBinding.Input input) {
        inputShape = InputShape.of(input.type(), codec.mapper().getTypeFactory(), codec.mapper());
      }
    }
    List<ConcurrencyRule> concurrencyRules = new ArrayList<>();
    for (int i = 0; i < concurrency.length; i++) {
      if (concurrency[i].strategy() != Concurrency.Strategy.GROUP_ROUND_ROBIN) {
        throw problem(type, method, "@Concurrency " + (i + 1) + ": strategy " + concurrency[i].strategy()
            + " applies to runs: declare it on the workflow class (steps queue in turn)");
      }
      try {
        concurrencyRules.add(concurrencyRule("step:" + workflowName + "." + stepName + "#" + i, concurrency[i],
            inputShape));
      } catch (IllegalArgumentException e) {
        throw problem(type, method, "@Concurrency " + (i + 1) + ": " + e.getMessage());
      }
    }
    List<RateRule> rateRules = new ArrayList<>();
    for (int i = 0; i < rates.length; i++) {
      RateLimit rate = rates[i];
      try {
        KeyTemplate key = rate.key().isEmpty() ? null : KeyTemplate.parse(rate.key());
        if (key != null) {
          checkPointers(key.inputPointers(), inputShape, "key");
        }
        RateRule rule = RateRule.of(rate.name(), key, rate.units(), rate.limit(),
            key == null && rate.period().equals("1s") ? null : Durations.parse(rate.period()));
        if (rule.unitsPointer() != null) {
          checkPointers(List.of(rule.unitsPointer()), inputShape, "units");
        }
        rateRules.add(rule);
      } catch (IllegalArgumentException e) {
        throw problem(type, method, "@RateLimit " + (i + 1) + " (" + rate.name() + "): " + e.getMessage());
      }
    }
    List<LabelRule> labelRules = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      WorkerLabel label = labels[i];
      try {
        labelRules.add(new LabelRule(label.key(), label.value(), label.required(), label.weight(),
            label.comparator()));
      } catch (IllegalArgumentException e) {
        throw problem(type, method, "@WorkerLabel " + (i + 1) + " (" + label.key() + "): " + e.getMessage());
      }
    }
    return new StepFlow(concurrencyRules, rateRules, labelRules);
  }

  private static List<Method> sortedMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
    return methods;
  }

  private StepDefinition scanStep(Class<?> type, Method method, boolean onFailure) {
    Step step = method.getAnnotation(Step.class);
    String name = step == null || step.name().isEmpty() ? method.getName() : step.name();
    if (!NAME.matcher(name).matches()) {
      throw problem(type, method, "step name '" + name + "' must be 1-100 letters, digits, '_', '-' or '.'");
    }
    if (Modifier.isStatic(method.getModifiers())) {
      throw problem(type, method, "a step must be an instance method");
    }
    List<String> declared = step == null ? List.of() : List.of(step.parents());
    if (declared.stream().distinct().count() != declared.size()) {
      throw problem(type, method, "a parent is listed twice in " + declared);
    }
    method.setAccessible(true);
    List<ParamBinding> bindings = bindParameters(type, method);
    List<String> parents = parents(declared, bindings);
    if (onFailure && !parents.isEmpty()) {
      throw problem(type, method, "the @OnFailure step cannot have parents");
    }
    JavaType output = codec.type(method.getGenericReturnType());
    if (method.getReturnType() != void.class && method.getReturnType() != Void.class) {
      String typeProblem = TypeCheck.problem(output, codec.mapper().getTypeFactory());
      if (typeProblem != null) {
        throw problem(type, method, "return type " + output.toCanonical() + " cannot be stored as JSON: " + typeProblem);
      }
    }
    Duration timeout = duration(type, method, "timeout", step == null ? "10m" : step.timeout());
    Duration scheduleTimeout = step == null || step.scheduleTimeout().isEmpty() ? null
        : duration(type, method, "scheduleTimeout", step.scheduleTimeout());
    RetryPolicy retries = retryPolicy(type, method, step);
    try {
      return new StepDefinition(name, method, parents, onFailure, timeout, scheduleTimeout, retries, bindings, output,
          stepFlow(type, method, type.getAnnotation(Workflow.class).name(), name, bindings));
    } catch (IllegalArgumentException e) {
      throw problem(type, method, e.getMessage());
    }
  }

  private RetryPolicy retryPolicy(Class<?> type, Method method, Step step) {
    if (step == null) {
      return new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2, List.of());
    }
    if (step.retries() < 0) {
      throw problem(type, method, "retries must be >= 0, got " + step.retries());
    }
    if (!(step.backoffFactor() >= 1.0)) {
      throw problem(type, method, "backoffFactor must be >= 1, got " + step.backoffFactor());
    }
    if (!(step.jitter() >= 0 && step.jitter() <= 1)) {
      throw problem(type, method, "jitter must be in [0, 1], got " + step.jitter());
    }
    Duration backoff = duration(type, method, "backoff", step.backoff());
    Duration maxBackoff = duration(type, method, "maxBackoff", step.maxBackoff());
    try {
      return new RetryPolicy(step.retries() + 1, backoff, step.backoffFactor(), maxBackoff, step.jitter(),
          List.of(step.nonRetryable()));
    } catch (IllegalArgumentException e) {
      throw problem(type, method, e.getMessage());
    }
  }

  /**
   * A step's parents: those listed in {@code @Step(parents)} (ordering-only edges, or all of them as before), then
   * those its {@code @Parent} parameters read that the list lacks. A step that lists every parent it reads keeps
   * its parent list, and so its definition fingerprint, unchanged.
   */
  private static List<String> parents(List<String> declared, List<ParamBinding> bindings) {
    Set<String> parents = new LinkedHashSet<>(declared);
    for (ParamBinding binding : bindings) {
      if (binding instanceof ParamBinding.ParentOutput output) {
        parents.add(output.parent());
      }
    }
    return List.copyOf(parents);
  }

  private List<ParamBinding> bindParameters(Class<?> type, Method method) {
    List<ParamBinding> bindings = new ArrayList<>();
    boolean inputBound = false;
    Parameter[] parameters = method.getParameters();
    Type[] generic = method.getGenericParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      Parameter parameter = parameters[i];
      Parent parent = parameter.getAnnotation(Parent.class);
      if (parameter.getType() == StepContext.class) {
        bindings.add(new ParamBinding.Context());
        continue;
      }
      JavaType javaType = codec.type(generic[i]);
      String typeProblem = TypeCheck.problem(javaType, codec.mapper().getTypeFactory());
      String where = "parameter " + (i + 1) + " (" + parameter.getName() + ")";
      if (typeProblem != null) {
        throw problem(type, method, where + " of type " + javaType.toCanonical() + " cannot be read from JSON: "
            + typeProblem);
      }
      if (parent != null) {
        bindings.add(new ParamBinding.ParentOutput(parent.value(), javaType));
      } else if (inputBound) {
        throw problem(type, method, where + " cannot be bound: the run input is bound already; annotate parent "
            + "outputs with @Parent(\"step\")");
      } else {
        inputBound = true;
        bindings.add(new ParamBinding.Input(javaType));
      }
    }
    return bindings;
  }

  private static void checkParentsExist(Class<?> type, Map<String, StepDefinition> steps) {
    for (StepDefinition step : steps.values()) {
      for (String parent : step.parents()) {
        StepDefinition parentStep = steps.get(parent);
        if (parentStep == null) {
          throw problem(type, step.method(), "unknown parent '" + parent + "'; steps are " + steps.keySet());
        }
        if (parentStep.onFailure()) {
          throw problem(type, step.method(), "parent '" + parent + "' is the @OnFailure step");
        }
      }
    }
  }

  private static List<StepDefinition> topologicalOrder(Class<?> type, Map<String, StepDefinition> steps) {
    List<StepDefinition> ordered = new ArrayList<>();
    Map<String, Integer> state = new LinkedHashMap<>();
    for (StepDefinition step : steps.values()) {
      visit(type, step, steps, state, ordered, new ArrayList<>());
    }
    return ordered;
  }

  private static void visit(Class<?> type, StepDefinition step, Map<String, StepDefinition> steps,
      Map<String, Integer> state, List<StepDefinition> ordered, List<String> path) {
    Integer mark = state.get(step.name());
    if (mark != null && mark == 2) {
      return;
    }
    path.add(step.name());
    if (mark != null) {
      throw problem(type, step.method(), "cycle: " + String.join(" -> ", path));
    }
    state.put(step.name(), 1);
    for (String parent : step.parents()) {
      visit(type, steps.get(parent), steps, state, ordered, path);
    }
    state.put(step.name(), 2);
    path.remove(path.size() - 1);
    ordered.add(step);
  }

  private static Duration duration(Class<?> type, Method method, String field, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(type, method, field + " " + e.getMessage());
    }
  }

  private JsonNode inputShape(List<StepDefinition> steps) {
    for (StepDefinition step : steps) {
      for (ParamBinding binding : step.bindings()) {
        if (binding instanceof ParamBinding.Input input) {
          return InputShape.of(input.type(), codec.mapper().getTypeFactory(), codec.mapper());
        }
      }
    }
    return null;
  }

  private static String fingerprint(Workflow workflow, List<StepDefinition> steps) {
    StringBuilder text = new StringBuilder(workflow.name()).append('|').append(workflow.version());
    for (StepDefinition step : steps) {
      text.append('|').append(step.name()).append(step.onFailure() ? "!" : "").append('<')
          .append(String.join(",", step.parents())).append('>');
      for (ParamBinding binding : step.bindings()) {
        text.append(binding).append(';');
      }
      text.append("->").append(step.outputType().toCanonical());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DefinitionException problem(Class<?> type, Method method, String what) {
    return new DefinitionException(type.getName() + "." + method.getName() + ": " + what);
  }
}
