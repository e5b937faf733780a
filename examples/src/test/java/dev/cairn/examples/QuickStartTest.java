package dev.cairn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void quickStartRunsTheOrderWithARetryAndPrintsTheShipment() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Cairn cairn = TestEngines.builder().register(new OrderFulfilment()).build()) {
      cairn.start();
      RunView run = QuickStart.run(cairn, new PrintStream(printed, true, StandardCharsets.UTF_8));
      String output = printed.toString(StandardCharsets.UTF_8);
      assertEquals(RunStatus.SUCCEEDED, run.status(), output);
      assertEquals(2, run.step("charge").orElseThrow().attempts(), output);
      assertTrue(output.contains("shipped 3 units, charged 2100 cents, tracking TRK-O-1001"), output);
      assertTrue(output.contains("STEP_RETRYING"), output);
      assertTrue(output.contains("validated"), output);
      assertTrue(output.contains("RUN_SUCCEEDED"), output);
    }
  }
}
