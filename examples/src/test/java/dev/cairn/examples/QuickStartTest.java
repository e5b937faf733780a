package dev.cairn.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.RunView;
import dev.cairn.testkit.CairnExtension;
import dev.cairn.testkit.RunAssert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's main command, on the test kit's engine (embedded, over gRPC both). */
class QuickStartTest {
  @RegisterExtension
  final CairnExtension cairn = CairnExtension.builder().register(new OrderFulfilment()).build();

  @Test
  void quickStartRunsTheOrderWithARetryAndPrintsTheShipment() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunView run = QuickStart.run(cairn.runs(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);
    RunAssert.assertThat(run).succeeded().step("charge").attempts(2);
    assertTrue(output.contains("shipped 3 units, charged 2100 cents, tracking TRK-O-1001"), output);
    assertTrue(output.contains("STEP_RETRYING"), output);
    assertTrue(output.contains("validated"), output);
    assertTrue(output.endsWith("tracking TRK-O-1001\n"), output);
  }

  @Test
  void theSameRunWorksThroughTheGrpcClient() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RunView run = QuickStart.run(cairn.client(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    RunAssert.assertThat(run).succeeded();
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("RUN_SUCCEEDED"), printed.toString());
  }
}
