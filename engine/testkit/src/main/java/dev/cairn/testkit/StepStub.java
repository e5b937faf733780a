package dev.cairn.testkit;

/**
 * What a stubbed step does instead of its body: given the run input the step would have received (null when the
 * step takes none), return its output or throw its failure. Runs on the engine's slot threads: thread-safe.
 */
@FunctionalInterface
public interface StepStub {
  Object answer(Object input) throws Exception;
}
