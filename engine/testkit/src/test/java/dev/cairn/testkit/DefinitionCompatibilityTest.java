package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Parent;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** A change of definition is caught against a committed baseline and against the runs in a database. */
class DefinitionCompatibilityTest {
  @Workflow(name = "signup")
  static final class SignupV1 {
    @Step
    String register(String email, StepContext ctx) {
      ctx.waitForEvent("verified-" + email, Duration.ofDays(30), String.class);
      return email;
    }
  }

  /** The same workflow after a change: a step added after the first. */
  @Workflow(name = "signup")
  static final class SignupV2 {
    @Step
    String register(String email, StepContext ctx) {
      ctx.waitForEvent("verified-" + email, Duration.ofDays(30), String.class);
      return email;
    }

    @Step
    String welcome(@Parent("register") String email) {
      return "welcome " + email;
    }
  }

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(new SignupV1()).skipping(false).build();

  @TempDir
  Path temp;

  @Test
  void aChangedDefinitionFailsAgainstTheBaselineUntilItIsUpdated() throws Exception {
    Path baseline = temp.resolve("definitions.txt");
    AssertionFailedError missing = assertThrows(AssertionFailedError.class,
        () -> DefinitionCompatibility.assertMatchesBaseline(baseline, new SignupV1()));
    assertTrue(missing.getMessage().contains("wrote one"), missing.getMessage());
    assertTrue(Files.readString(baseline).contains("signup " + DefinitionCompatibility.fingerprints(new SignupV1())
        .get("signup")));

    DefinitionCompatibility.assertMatchesBaseline(baseline, new SignupV1());
    AssertionFailedError changed = assertThrows(AssertionFailedError.class,
        () -> DefinitionCompatibility.assertMatchesBaseline(baseline, new SignupV2()));
    assertTrue(changed.getMessage().startsWith("workflow signup changed its definition"), changed.getMessage());

    System.setProperty(DefinitionCompatibility.UPDATE_PROPERTY, "true");
    try {
      DefinitionCompatibility.assertMatchesBaseline(baseline, new SignupV2());
    } finally {
      System.clearProperty(DefinitionCompatibility.UPDATE_PROPERTY);
    }
    DefinitionCompatibility.assertMatchesBaseline(baseline, new SignupV2());
  }

  @Test
  void unfinishedRunsOfTheOldDefinitionAreFoundInTheDatabase() {
    RunHandle<?> run = cairn.runs().trigger(SignupV1.class, "ada@example.com");
    Eventually.until("the run waits", Duration.ofSeconds(30),
        () -> run.get().step("register").map(step -> step.status() == StepStatus.WAITING).orElse(false));
    String schema = cairn.schema();

    assertEquals(List.of(), DefinitionCompatibility.strandedRuns(cairn.dataSource(), schema,
        new SignupV1()));
    List<DefinitionCompatibility.Stranded> stranded = DefinitionCompatibility.strandedRuns(
        cairn.dataSource(), schema, new SignupV2());
    assertEquals(1, stranded.size());
    assertEquals("signup", stranded.get(0).workflowName());
    assertEquals(1, stranded.get(0).runs());
    assertThrows(AssertionFailedError.class, () -> DefinitionCompatibility.assertNoStrandedRuns(
        cairn.dataSource(), schema, new SignupV2()));
  }
}
