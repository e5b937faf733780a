package dev.cairn.spring;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine or worker with the application context and stops it gracefully with it. Its phase is below the
 * web server's, so the engine runs before the application takes requests and stops after the web server has stopped
 * taking them (running steps finish within cairn.shutdown-timeout, or are handed back to the queue); the DataSource
 * is closed only after that, when the context destroys its beans.
 */
public final class CairnLifecycle implements SmartLifecycle {
  /** Before the web server's start (DEFAULT_PHASE - 2048), after its stop. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Runnable start;
  private final Runnable stop;
  private volatile boolean running;

  CairnLifecycle(Runnable start, Runnable stop) {
    this.start = start;
    this.stop = stop;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      start.run();
      running = true;
    }
  }

  @Override
  public synchronized void stop() {
    if (running) {
      running = false;
      stop.run();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
