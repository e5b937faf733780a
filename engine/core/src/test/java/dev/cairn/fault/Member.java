package dev.cairn.fault;

import dev.cairn.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One process of the cluster under test (an engine node or a worker) that faults are done to: killed and
 * started again, frozen and let go. Remembers whether it is meant to be up, so a process that died on its own
 * can be told from one the schedule killed, and whether its current process has said it is ready (a node
 * serving, a worker registered): faults are only worth injecting into processes that are doing their job, not
 * into ones still booting. Thread-safe: the schedule and its delayed recoveries share it.
 */
final class Member implements AutoCloseable {
  enum Kind { NODE, WORKER }

  enum State { UP, KILLED, PAUSED }

  /** Starts this member's process. */
  interface Launcher {
    ChildJvm launch() throws IOException;
  }

  private final String name;
  private final Kind kind;
  private final Launcher launcher;
  private final Predicate<String> readyOutput;
  private final List<File> logs = new ArrayList<>();
  private ChildJvm process;
  private State state = State.KILLED;

  /** {@code readyOutput}: whether the current process's output so far says it is ready. */
  Member(String name, Kind kind, Launcher launcher, Predicate<String> readyOutput) {
    this.name = name;
    this.kind = kind;
    this.launcher = launcher;
    this.readyOutput = readyOutput;
  }

  String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  synchronized void start() throws IOException {
    process = launcher.launch();
    logs.add(process.logFile());
    state = State.UP;
  }

  synchronized void kill() throws IOException, InterruptedException {
    process.kill9();
    state = State.KILLED;
  }

  synchronized void pause() throws IOException, InterruptedException {
    process.pause();
    state = State.PAUSED;
  }

  /** Lets a paused process go; does nothing to one in another state (healed already, or killed). */
  synchronized boolean resume() throws IOException, InterruptedException {
    if (state != State.PAUSED) {
      return false;
    }
    process.resume();
    state = State.UP;
    return true;
  }

  /** Starts a killed process again; does nothing to one that is up or paused. */
  synchronized boolean restart() throws IOException {
    if (state != State.KILLED) {
      return false;
    }
    start();
    return true;
  }

  /** Up and running (not paused, not dead), and its current process says it is ready. */
  synchronized boolean isReady() {
    return state == State.UP && process.isAlive() && readyOutput.test(process.output());
  }

  /** Meant to be up, but its process has exited: nobody killed it. */
  synchronized boolean diedOnItsOwn() {
    return state == State.UP && !process.isAlive();
  }

  /** Brings the member back whatever was done to it: resumed if paused, started if dead. */
  synchronized void heal() throws IOException, InterruptedException {
    if (state == State.PAUSED) {
      resume();
    }
    if (state == State.KILLED || !process.isAlive()) {
      start();
    }
  }

  synchronized String output() {
    return process == null ? "" : process.output();
  }

  synchronized List<File> logs() {
    return List.copyOf(logs);
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
