package dev.cairn.testkit;

import dev.cairn.StepInterceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit's interceptor: a step with a stub runs the stub instead of its body; every other step runs as written.
 * Counts the calls of each stubbed step. Thread-safe.
 */
final class Stubs implements StepInterceptor {
  private final Map<String, StepStub> stubs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  void put(String workflowName, String stepName, StepStub stub) {
    String key = key(workflowName, stepName);
    stubs.put(key, stub);
    calls.put(key, new AtomicInteger());
  }

  int calls(String workflowName, String stepName) {
    AtomicInteger count = calls.get(key(workflowName, stepName));
    return count == null ? 0 : count.get();
  }

  void clear() {
    stubs.clear();
    calls.clear();
  }

  @Override
  public Object intercept(Invocation invocation) throws Exception {
    String key = key(invocation.workflowName(), invocation.stepName());
    StepStub stub = stubs.get(key);
    if (stub == null) {
      return invocation.proceed();
    }
    calls.get(key).incrementAndGet();
    return stub.answer(invocation.input());
  }

  private static String key(String workflowName, String stepName) {
    return workflowName + "\u0000" + stepName;
  }
}
