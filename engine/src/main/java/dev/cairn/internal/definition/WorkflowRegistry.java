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

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
