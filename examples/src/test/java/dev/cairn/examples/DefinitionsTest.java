package dev.cairn.examples;

import dev.cairn.testkit.DefinitionCompatibility;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Changing a workflow's definition strands its unfinished runs: this fails until the baseline is updated on
 * purpose ({@code -Dcairn.definitions.update=true}), the moment to drain the old runs before deploying.
 */
class DefinitionsTest {
  @Test
  void theWorkflowDefinitionsMatchTheCommittedBaseline() {
    DefinitionCompatibility.assertMatchesBaseline(Path.of("src/test/resources/workflow-definitions.txt"),
        new OrderFulfilment(), new SubscriptionTrial((customer, cents) -> "unused"));
  }
}
