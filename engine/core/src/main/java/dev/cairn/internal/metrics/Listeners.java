package dev.cairn.internal.metrics;

import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls several listeners in order; a listener that throws is logged and does not stop the others. */
public final class Listeners implements CairnListener {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private final List<CairnListener> listeners;

  public Listeners(List<CairnListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<CairnListener> call) {
    for (CairnListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("listener {} failed: {}", listener, e.toString());
      }
    }
  }

  @Override
  public void stepsBlocked(String kind, String rule, int count) {
    each(listener -> listener.stepsBlocked(kind, rule, count));
  }

  @Override
  public void stepsQueued(int count) {
    each(listener -> listener.stepsQueued(count));
  }

  @Override
  public void stepStarted(String workflow, String step, Duration queuedFor) {
    each(listener -> listener.stepStarted(workflow, step, queuedFor));
  }

  @Override
  public void stepSucceeded(String workflow, String step, Duration ranFor) {
    each(listener -> listener.stepSucceeded(workflow, step, ranFor));
  }

  @Override
  public void stepFailed(String workflow, String step, Duration ranFor, boolean willRetry) {
    each(listener -> listener.stepFailed(workflow, step, ranFor, willRetry));
  }

  @Override
  public void leaseExpired(UUID runId) {
    each(listener -> listener.leaseExpired(runId));
  }

  @Override
  public void stepsClaimed(int count, Duration took) {
    each(listener -> listener.stepsClaimed(count, took));
  }

  @Override
  public void outcomesWritten(int count, Duration took) {
    each(listener -> listener.outcomesWritten(count, took));
  }

  @Override
  public void runFinished(String workflow, RunStatus status) {
    each(listener -> listener.runFinished(workflow, status));
  }
}
