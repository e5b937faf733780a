package dev.cairn.fault;

import dev.cairn.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Injects faults into a {@link Cluster} for a while, from a seeded {@link Random}: kill -9 of a worker or of an
 * engine node (started again after a short delay), SIGSTOP of a worker for longer than the lease, SIGSTOP of a
 * node, and PostgreSQL crashed with {@code pg_ctl stop -m immediate} and started again at evenly spaced moments.
 * Recoveries run on their own timer, so faults overlap, within two rules: at most one node is faulted at a time,
 * and one worker always stays healthy. Faults only hit processes that serve (a node ready, a worker registered);
 * the worker to freeze is the least busy one, so the engine has room to hand it work while it is frozen.
 *
 * <p>The seed fixes the decisions (which fault, how long, the draw among the processes that serve); which
 * processes serve, and so the interleaving, depends on timing, so a replay reproduces the schedule's intent, not
 * every step of it. Every fault, recovery and skipped fault is written to the {@link FaultLog}.
 */
final class FaultSchedule {
  /**
   * How hard to push. Gaps between faults are drawn from [minGap, maxGap]; a paused worker stays frozen for
   * [minPause, maxPause].
   */
  record Pressure(long seed, Duration length, Duration minGap, Duration maxGap, Duration minPause,
      Duration maxPause, int postgresCrashes) {}

  private enum Fault { KILL_WORKER, PAUSE_WORKER, KILL_NODE, PAUSE_NODE }

  /**
   * Pause and kill workers most often: those are the faults that leave leases behind. A node fault disconnects
   * all its workers for a while (they reconnect with backoff), so it comes less often.
   */
  private static final List<Fault> WEIGHTED = List.of(Fault.PAUSE_WORKER, Fault.PAUSE_WORKER, Fault.PAUSE_WORKER,
      Fault.PAUSE_WORKER, Fault.KILL_WORKER, Fault.KILL_WORKER, Fault.KILL_WORKER, Fault.KILL_NODE, Fault.PAUSE_NODE);

  private static final Duration SERVING_AGAIN_WITHIN = Duration.ofSeconds(60);

  private final Cluster cluster;
  private final Pressure pressure;
  private final Duration lease;
  private final Random random;
  private final FaultLog log;
  private final ScheduledExecutorService recoveries = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "fault-recoveries");
    thread.setDaemon(true);
    return thread;
  });

  FaultSchedule(Cluster cluster, Pressure pressure, Duration lease, FaultLog log) {
    this.cluster = cluster;
    this.pressure = pressure;
    this.lease = lease;
    this.random = new Random(pressure.seed());
    this.log = log;
  }

  /** Injects faults for the pressure's length, then undoes them all and returns with everything up. */
  void run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    long end = start + pressure.length().toNanos();
    int crashes = 0;
    while (System.nanoTime() < end) {
      // Pacing between faults: this sleep is the schedule's rhythm, not a wait for anything.
      Thread.sleep(between(pressure.minGap(), pressure.maxGap()).toMillis());
      restartWhoDiedOnTheirOwn();
      long crashDue = start + pressure.length().toNanos() * (crashes + 1) / (pressure.postgresCrashes() + 1);
      if (crashes < pressure.postgresCrashes() && System.nanoTime() >= crashDue && crashPostgres()) {
        crashes++;
      } else {
        inject(WEIGHTED.get(random.nextInt(WEIGHTED.size())));
      }
    }
    recoveries.shutdown();
    recoveries.awaitTermination(pressure.maxPause().toSeconds() + 30, TimeUnit.SECONDS);
    cluster.healAll();
    log.note("faults over: every process runs again, PostgreSQL too");
    awaitEveryoneServing();
  }

  /** Notes (without failing: the audit says what it cost) any process that does not serve again in time. */
  private void awaitEveryoneServing() {
    long started = System.nanoTime();
    try {
      Await.until("every node serves and every worker is registered", SERVING_AGAIN_WITHIN, Duration.ofMillis(200),
          () -> cluster.members().stream().allMatch(Member::isReady));
      log.note("every node serves and every worker is registered again, "
          + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after the faults");
    } catch (AssertionError timedOut) {
      log.note("NOT SERVING " + SERVING_AGAIN_WITHIN.toSeconds() + " s after the faults: "
          + cluster.members().stream().filter(member -> !member.isReady()).toList() + " (see their logs)");
    }
  }

  private void inject(Fault fault) throws IOException, InterruptedException {
    boolean onNode = fault == Fault.KILL_NODE || fault == Fault.PAUSE_NODE;
    List<Member> group = onNode ? cluster.nodes() : cluster.workers();
    List<Member> ready = group.stream().filter(Member::isReady).toList();
    // At most one node is down at a time, and one worker always stays healthy: the steps a faulted worker holds
    // must be finished elsewhere before it comes back, or there would be nothing to catch when it does.
    if (ready.size() < (onNode ? group.size() : 2)) {
      log.note("skipped " + fault + ": only " + ready + " ready");
      return;
    }
    Member target = ready.get(random.nextInt(ready.size()));
    switch (fault) {
      case KILL_WORKER -> kill(target, between(Duration.ofMillis(500), Duration.ofSeconds(3)));
      case KILL_NODE -> kill(target, between(Duration.ofSeconds(1), Duration.ofSeconds(4)));
      case PAUSE_WORKER -> pause(leastBusy(ready, target), between(pressure.minPause(), pressure.maxPause()));
      case PAUSE_NODE -> pause(target, between(lease, lease.multipliedBy(3)));
      default -> throw new IllegalStateException(fault.toString());
    }
  }

  /**
   * The candidate running the fewest steps (the drawn one on a tie, or when the database does not answer). Frozen
   * with free slots, a worker whose stream the engine still holds has room to be handed new work it cannot run
   * until it wakes: the outside run's "worker back from a pause" case.
   */
  private Member leastBusy(List<Member> candidates, Member drawn) {
    Map<String, Long> running = cluster.runningStepsByWorker();
    Comparator<Member> byRunningSteps = Comparator.comparingLong(member -> running.getOrDefault(member.name(), 0L));
    return candidates.stream().min(byRunningSteps.thenComparing(member -> member != drawn)).orElse(drawn);
  }

  private void kill(Member target, Duration downFor) throws IOException, InterruptedException {
    target.kill();
    log.fault("kill -9 " + target.kind(), "kill -9 " + target + ", restart in " + downFor.toMillis() + " ms");
    later(downFor, () -> {
      if (target.restart()) {
        log.note(target + " started again");
      }
    });
  }

  private void pause(Member target, Duration frozenFor) throws IOException, InterruptedException {
    target.pause();
    log.fault("SIGSTOP " + target.kind(), "SIGSTOP " + target + " for " + frozenFor.toMillis() + " ms");
    later(frozenFor, () -> {
      if (target.resume()) {
        log.note("SIGCONT " + target);
      }
    });
  }

  private boolean crashPostgres() {
    if (!cluster.postgres().isRunning()) {
      return false;
    }
    Duration downFor = between(Duration.ofSeconds(1), Duration.ofSeconds(3));
    cluster.postgres().crash();
    log.fault("pg_ctl stop -m immediate", "PostgreSQL: pg_ctl stop -m immediate, start in " + downFor.toMillis()
        + " ms");
    later(downFor, () -> {
      cluster.postgres().start();
      log.note("PostgreSQL started again");
    });
    return true;
  }

  private void restartWhoDiedOnTheirOwn() throws IOException, InterruptedException {
    for (Member member : cluster.members()) {
      if (member.diedOnItsOwn()) {
        log.note(member + " EXITED ON ITS OWN (nobody killed it); starting it again. Its log: "
            + member.logs().get(member.logs().size() - 1));
        member.heal();
      }
    }
  }

  /** A recovery action run on the recovery timer after {@code delay}. */
  private interface Recovery {
    void run() throws IOException, InterruptedException;
  }

  private void later(Duration delay, Recovery recovery) {
    recoveries.schedule(() -> {
      try {
        recovery.run();
      } catch (IOException | RuntimeException e) {
        log.note("recovery failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Duration between(Duration low, Duration high) {
    return low.plusMillis((long) (random.nextDouble() * (high.toMillis() - low.toMillis())));
  }
}
