package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Ports;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Concurrency keys under a crash: 1,000 runs over 10 customers with at most 2 runs per customer, on two engine nodes
 * (child JVMs) and a remote worker (a third), while one node is killed with {@code kill -9} mid-run. A sampler in
 * this JVM reads the database every 10 ms and must never see more than 2 runs of a customer with a step running,
 * nor the engine's own accounting hold a key more than twice; every run finishes, and every hold is given back.
 */
class KeyedCrashTest {
  private static final int RUNS = 1000;
  private static final int CUSTOMERS = 10;
  private static final long LEASE_MILLIS = 2000;

  @Test
  void aKilledNodeNeverLetsAKeyRunMoreThanItsMaxAndLeaksNoSlot() throws Exception {
    String schema = TestDatabase.newSchema();
    int port = Ports.free();
    try (Cairn control = TestEngines.builder(schema).register(new KeyedWorkflow()).build()) {
      NewToken token = control.tokens().create("keyed worker", Role.WORKER, null);
      Sampler sampler = new Sampler(schema);
      try (sampler; ChildJvm doomed = node(schema, "node-a", 0);
          ChildJvm survivor = node(schema, "node-b", port)) {
        awaitOutput(doomed, KeyedNodeMain.READY);
        awaitOutput(survivor, KeyedNodeMain.READY);
        try (ChildJvm worker = ChildJvm.start(KeyedWorkerMain.class, "127.0.0.1:" + port, token.secret(),
            "worker-1")) {
          awaitOutput(worker, "registered (session");
          sampler.start();
          for (int i = 0; i < RUNS; i++) {
            control.trigger(KeyedWorkflow.NAME, new KeyedWorkflow.Order("c" + (i % CUSTOMERS), i));
          }
          Await.until("a tenth of the runs finished", Duration.ofSeconds(120), () -> succeeded(schema) >= RUNS / 10);
          killHoldingLeases(doomed, schema);
          Await.until("every run finishes on node-b and the worker", Duration.ofSeconds(240),
              () -> succeeded(schema) == RUNS);
          assertTrue(TestDatabase.queryLong("SELECT count(*) FROM " + schema
              + ".steps WHERE worker_id = 'worker-1' AND status = 'SUCCEEDED'") > 0, "the remote worker took part");
        }
      }
      assertEquals(RUNS, succeeded(schema), "every run succeeded");
      assertTrue(TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".events WHERE type = 'STEP_LEASE_EXPIRED'")
          > 0, "the killed node's steps were taken back when their leases ran out");
      sampler.assertHeld(KeyedWorkflow.MAX_RUNS);
      ConcurrencyKeysTest.assertHoldersReturnToZero(schema);
    }
  }

  /**
   * Kills node-a while it holds leases: seen running steps, it is frozen (SIGSTOP) and looked at again, since a step
   * of 20 ms may end between a look and the kill; if it holds none once frozen, it runs on and is caught later.
   */
  private static void killHoldingLeases(ChildJvm doomed, String schema) throws Exception {
    for (int tries = 0; tries < 50; tries++) {
      Await.until("node-a runs steps", Duration.ofSeconds(60), () -> runningOn(schema, "node-a") > 0);
      doomed.pause();
      if (runningOn(schema, "node-a") > 0) {
        doomed.kill9();
        return;
      }
      doomed.resume();
    }
    throw new AssertionError("node-a was never caught holding a lease");
  }

  private static ChildJvm node(String schema, String nodeId, int port) throws IOException {
    return ChildJvm.start(KeyedNodeMain.class, TestDatabase.jdbcUrl(), schema, nodeId, Integer.toString(port),
        Long.toString(LEASE_MILLIS));
  }

  private static void awaitOutput(ChildJvm child, String line) {
    Await.until(child + " says '" + line + "'", Duration.ofSeconds(90),
        () -> child.output().contains(line) || !child.isAlive());
    assertTrue(child.output().contains(line), child.output());
  }

  private static long succeeded(String schema) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE status = 'SUCCEEDED'");
  }

  private static long runningOn(String schema, String worker) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status = 'RUNNING' AND worker_id = '"
        + worker + "'");
  }

  /**
   * Reads, every 10 ms on its own connection, the most runs of one customer that have a step RUNNING (what an
   * observer sees) and the most runs the engine counts as holding one key (its own accounting).
   */
  private static final class Sampler implements AutoCloseable {
    private final String schema;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger maxHolding = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<String> firstExcess = new AtomicReference<>();
    private final Thread thread;

    Sampler(String schema) {
      this.schema = schema;
      this.thread = new Thread(this::sample, "key-sampler");
    }

    void start() {
      thread.start();
    }

    private void sample() {
      String running = "SELECT coalesce(max(n), 0) FROM (SELECT r.input ->> 'customer', count(DISTINCT s.run_id) AS n"
          + " FROM " + schema + ".steps s JOIN " + schema + ".runs r ON r.id = s.run_id WHERE s.status = 'RUNNING'"
          + " GROUP BY 1) per_customer";
      String holding = "SELECT coalesce(max(n), 0) FROM (SELECT k, count(*) AS n FROM " + schema + ".runs,"
          + " unnest(held_keys) AS k GROUP BY k) per_key";
      try (Connection connection = TestDatabase.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        while (!stop.get()) {
          int runningNow = single(statement, running);
          int holdingNow = single(statement, holding);
          maxRunning.accumulateAndGet(runningNow, Math::max);
          maxHolding.accumulateAndGet(holdingNow, Math::max);
          if ((runningNow > KeyedWorkflow.MAX_RUNS || holdingNow > KeyedWorkflow.MAX_RUNS) && firstExcess.get() == null) {
            firstExcess.set(describeExcess(statement));
          }
          samples.incrementAndGet();
          Thread.sleep(10); // the sampling period, not a synchronisation
        }
      } catch (SQLException | InterruptedException | RuntimeException e) {
        failure.set(e);
      }
    }

    /** The runs of the customers over the limit, their steps and their events, to say what happened. */
    private String describeExcess(Statement statement) throws SQLException {
      StringBuilder text = new StringBuilder();
      try (ResultSet rows = statement.executeQuery("SELECT r.id, r.input ->> 'customer', r.status, r.held_keys::text,"
          + " (SELECT string_agg(s.step_name || ' ' || s.status || ' #' || s.attempt || ' on ' || coalesce(s.worker_id,"
          + " '-') || ' held ' || coalesce(s.held_keys::text, '-') || ' gate ' || coalesce(s.gate_key::text, '-'), '; ')"
          + " FROM " + schema + ".steps s WHERE s.run_id = r.id),"
          + " (SELECT string_agg(e.seq || ' ' || e.type || coalesce(' ' || e.step_name, '') || coalesce(' #' || e.attempt,"
          + " '') || coalesce(' ' || (e.payload ->> 'worker'), '') || ' ' || to_char(e.created_at, 'HH24:MI:SS.MS'), ', '"
          + " ORDER BY e.seq) FROM " + schema + ".events e WHERE e.run_id = r.id)"
          + " FROM " + schema + ".runs r WHERE r.held_keys IS NOT NULL OR EXISTS (SELECT 1 FROM " + schema
          + ".steps s WHERE s.run_id = r.id AND s.status = 'RUNNING') ORDER BY 2, 1")) {
        while (rows.next()) {
          text.append("\n  run ").append(rows.getString(1)).append(" customer ").append(rows.getString(2))
              .append(' ').append(rows.getString(3)).append(" holds ").append(rows.getString(4)).append(" steps: ")
              .append(rows.getString(5)).append(" events: ").append(rows.getString(6));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT string_agg(k.id || ' ' || k.key || ' in_flight '"
          + " || k.in_flight || ' released ' || coalesce((SELECT sum(units) FROM " + schema + ".flow_releases f"
          + " WHERE f.key_id = k.id), 0), '; ') FROM " + schema + ".flow_keys k")) {
        rows.next();
        text.append("\n  keys: ").append(rows.getString(1));
      }
      return text.toString();
    }

    private static int single(Statement statement, String sql) throws SQLException {
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getInt(1);
      }
    }

    void assertHeld(int max) throws InterruptedException {
      close();
      System.out.println("key sampler: " + samples.get() + " samples, most runs of one customer with a step running "
          + maxRunning.get() + ", most runs holding one key " + maxHolding.get());
      assertEquals(null, failure.get(), "the sampler failed");
      assertTrue(samples.get() > 100, "the sampler took " + samples.get() + " samples");
      assertTrue(maxRunning.get() <= max, "a customer had " + maxRunning.get() + " runs with a step running; first"
          + " excess:" + firstExcess.get());
      assertTrue(maxHolding.get() <= max, "the engine counted " + maxHolding.get() + " runs holding one key; first"
          + " excess:" + firstExcess.get());
      assertEquals(max, maxRunning.get(), "the limit was reached, not merely respected by luck");
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(10_000);
    }
  }
}
