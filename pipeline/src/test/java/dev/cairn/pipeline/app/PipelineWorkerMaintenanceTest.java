package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.ScheduleView;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a deployment where the engine is a bare server and the pipeline runs in worker processes (docker compose), the
 * worker with PIPELINE_MAINTENANCE serves the maintenance workflows and puts their schedules on the engine, so the
 * nightly reprocess runs there too; without a token that may trigger runs it refuses to start.
 */
class PipelineWorkerMaintenanceTest {
  @TempDir
  Path temp;

  @Test
  void aMaintenanceWorkerKeepsTheSchedulesAndRunsTheirTicks() {
    String schema = TestDatabase.newSchema();
    try (FakeServices fakes = new FakeServices();
        Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").build()) {
      engine.start();
      Map<String, String> settings = PipelineHarness.workerSettings(fakes, temp.resolve("storage"), schema,
          engine.grpcPort(), engine.tokens().create("worker", Role.WORKER, null).secret());
      settings.put("PIPELINE_MAINTENANCE", "true");

      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> PipelineWorker.start(PipelineConfig.from(settings)));
      assertTrue(refused.getMessage().startsWith("PIPELINE_MAINTENANCE is on but the token to trigger runs with is a"
          + " WORKER token"), refused.getMessage());
      settings.put("PIPELINE_MAINTENANCE", "yes please");
      IllegalArgumentException notAFlag = assertThrows(IllegalArgumentException.class,
          () -> PipelineWorker.start(PipelineConfig.from(settings)));
      assertEquals("PIPELINE_MAINTENANCE must be true or false, got 'yes please'", notAFlag.getMessage());

      settings.put("PIPELINE_MAINTENANCE", "true");
      settings.put("PIPELINE_CLIENT_TOKEN", engine.tokens().create("maintenance", Role.CLIENT, null).secret());
      try (PipelineWorker worker = PipelineWorker.start(PipelineConfig.from(settings))) {
        // The harness configures a Daily API key and no webhook secret: both schedules are kept.
        Await.until("the nightly reprocess and the poller are scheduled on the engine", Duration.ofSeconds(60),
            () -> engine.schedules().list().size() == 2);
        ScheduleView nightly = engine.schedules().get(DailyMaintenance.REPROCESS);
        assertEquals("0 5 * * *", nightly.cron());
        assertEquals("*/3 * * * *", engine.schedules().get(DailyMaintenance.POLL).cron());

        UUID tick = engine.schedules().triggerNow(DailyMaintenance.REPROCESS);
        RunView run = engine.await(tick, Duration.ofSeconds(60));
        assertEquals(RunStatus.SUCCEEDED, run.status(), run.error());
        // The engine registers no workflow of its own: only the worker can have run it.
        assertTrue(run.steps().stream().allMatch(step -> step.workerId() != null), run.steps().toString());
      }
    }
  }
}
