package dev.cairn.internal.definition;

import dev.cairn.CairnException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The workflows this node knows, by name. Thread-safe. */
public final class WorkflowRegistry {
  private final Map<String, WorkflowDefinition> byName = new ConcurrentHashMap<>();
  private final Map<Class<?>, WorkflowDefinition> byClass = new ConcurrentHashMap<>();

  public void add(WorkflowDefinition definition) {
    WorkflowDefinition previous = byName.putIfAbsent(definition.name(), definition);
    if (previous != null) {
      throw new dev.cairn.DefinitionException(definition.instance().getClass().getName() + ": workflow name '"
          + definition.name() + "' is registered already by " + previous.instance().getClass().getName());
    }
    byClass.put(definition.instance().getClass(), definition);
  }

  /** @throws CairnException naming the registered workflows when {@code name} is unknown */
  public WorkflowDefinition get(String name) {
    WorkflowDefinition definition = byName.get(name);
    if (definition == null) {
      throw new CairnException("unknown workflow '" + name + "'; registered: " + names());
    }
    return definition;
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
    return byName.values().stream().filter(WorkflowDefinition::isLocal).map(WorkflowDefinition::name).sorted()
        .toList();
  }

  public List<String> localFingerprints() {
    return byName.values().stream().filter(WorkflowDefinition::isLocal).map(WorkflowDefinition::fingerprint)
        .toList();
  }

  /** The definition new runs of {@code name} start with, if any. */
  public java.util.Optional<WorkflowDefinition> find(String name) {
    return java.util.Optional.ofNullable(byName.get(name));
  }

  /**
   * Makes a worker's definition the current one of its workflow if there is none yet, or if the current one is
   * remote and {@code replaceable} says nobody serves it any more. Returns the definition that is current after.
   */
  public synchronized WorkflowDefinition offerRemote(WorkflowDefinition remote,
      java.util.function.Predicate<WorkflowDefinition> replaceable) {
    WorkflowDefinition current = byName.get(remote.name());
    if (current == null || !current.isLocal() && !current.fingerprint().equals(remote.fingerprint())
        && replaceable.test(current)) {
      byName.put(remote.name(), remote);
      return remote;
    }
    return current;
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
