package dev.cairn.internal.definition;

import dev.cairn.CairnException;
import dev.cairn.DefinitionException;
import dev.cairn.internal.validate.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The workflows this node knows, by name. Thread-safe. */
public final class WorkflowRegistry {
  private final Map<String, WorkflowDefinition> byName = new ConcurrentHashMap<>();
  private final Map<Class<?>, WorkflowDefinition> byClass = new ConcurrentHashMap<>();
  private static final long REMOTE_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private record Cached(WorkflowDefinition definition, long until) {}

  private final Map<String, Cached> remote = new ConcurrentHashMap<>();
  private volatile Function<String, Optional<WorkflowDefinition>> remoteLookup;
  /** What this node runs itself, kept since every trigger asks (the fast path): set anew at each registration. */
  private volatile Local local = new Local(List.of(), Set.of());

  private record Local(List<String> names, Set<String> fingerprints) {}

  public synchronized void add(WorkflowDefinition definition) {
    WorkflowDefinition previous = byName.putIfAbsent(definition.name(), definition);
    if (previous != null) {
      throw new DefinitionException(definition.type().getName() + ": workflow name '"
          + definition.name() + "' is registered already by " + previous.type().getName());
    }
    byClass.put(definition.type(), definition);
    List<WorkflowDefinition> locals = byName.values().stream().filter(WorkflowDefinition::isLocal).toList();
    local = new Local(locals.stream().map(WorkflowDefinition::name).sorted().toList(),
        locals.stream().map(WorkflowDefinition::fingerprint).collect(Collectors.toUnmodifiableSet()));
  }

  /** @throws CairnException naming the registered workflows when {@code name} is unknown */
  public WorkflowDefinition get(String name) {
    return find(name).orElseThrow(() -> new CairnException("unknown workflow " + Text.quote(name)
        + "; registered here: " + names() + (remoteLookup == null ? "" : "; no worker registered it either")));
  }

  public WorkflowDefinition get(Class<?> type) {
    WorkflowDefinition definition = byClass.get(type);
    if (definition == null) {
      throw new CairnException("workflow class " + type.getName() + " is not registered; registered: " + names());
    }
    return definition;
  }

  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /** Workflows this node runs itself (registered as instances), by name. */
  public List<String> localNames() {
    return local.names();
  }

  public Set<String> localFingerprints() {
    return local.fingerprints();
  }

  /** The definition new runs of {@code name} start with, if any: a local one, else the current remote one. */
  public Optional<WorkflowDefinition> find(String name) {
    WorkflowDefinition local = byName.get(name);
    if (local != null || remoteLookup == null) {
      return Optional.ofNullable(local);
    }
    Cached cached = remote.get(name);
    if (cached == null || cached.until() < System.nanoTime()) {
      cached = new Cached(remoteLookup.apply(name).orElse(null), System.nanoTime() + REMOTE_TTL_NANOS);
      // Only hits are kept: callers choose the names, and keeping every miss would let them grow this map at will.
      if (cached.definition() != null) {
        remote.put(name, cached);
      } else {
        remote.remove(name);
      }
    }
    return Optional.ofNullable(cached.definition());
  }

  /**
   * Where definitions registered by remote workers are looked up (they are shared by all nodes through the
   * database); answers are kept for a second.
   */
  public void remoteLookup(Function<String, Optional<WorkflowDefinition>> lookup) {
    this.remoteLookup = lookup;
  }

  /** Forgets what was looked up for {@code name} (its current definition may have changed). */
  public void forgetRemote(String name) {
    remote.remove(name);
  }


  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
