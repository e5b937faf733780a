package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {
  private final DefinitionScanner scanner = new DefinitionScanner(new PayloadCodec());

  private String refusal(Object workflow) {
    return assertThrows(DefinitionException.class, () -> scanner.scan(workflow)).getMessage();
  }

  @Workflow(name = "unknown-parent")
  static final class UnknownParent {
    @Step
    String a() {
      return "a";
    }

    @Step(parents = "nope")
    String b() {
      return "b";
    }
  }

  @Workflow(name = "cycle")
  static final class Cycle {
    @Step(parents = "c")
    String a() {
      return "a";
    }

    @Step(parents = "a")
    String b() {
      return "b";
    }

    @Step(parents = "b")
    String c() {
      return "c";
    }
  }

  @Workflow(name = "duplicate")
  static final class Duplicate {
    @Step(name = "same")
    String a() {
      return "a";
    }

    @Step(name = "same")
    String b() {
      return "b";
    }
  }

  @Workflow(name = "unbindable")
  static final class Unbindable {
    @Step
    String a() {
      return "a";
    }

    @Step(parents = "a")
    String b(String input, String secondUnannotated) {
      return input + secondUnannotated;
    }
  }

  @Workflow(name = "parent-not-declared")
  static final class ParentNotDeclared {
    @Step
    String a() {
      return "a";
    }

    @Step
    String b(@Parent("a") String fromA) {
      return fromA;
    }
  }

  @Workflow(name = "unserialisable")
  static final class Unserialisable {
    @Step
    InputStream open() {
      return InputStream.nullInputStream();
    }
  }

  static final class NoCreator {
    final String value;

    NoCreator(String value) {
      this.value = value;
    }
  }

  @Workflow(name = "unreadable-input")
  static final class UnreadableInput {
    @Step
    String read(NoCreator input) {
      return input.value;
    }
  }

  @Workflow(name = "bad-timeout")
  static final class BadTimeout {
    @Step(timeout = "ten minutes")
    String a() {
      return "a";
    }
  }

  @Workflow(name = "negative-retries")
  static final class NegativeRetries {
    @Step(retries = -1)
    String a() {
      return "a";
    }
  }

  static final class NotAWorkflow {
    @Step
    String a() {
      return "a";
    }
  }

  @Test
  void unknownParentIsRefused() {
    assertEquals(UnknownParent.class.getName() + ".b: unknown parent 'nope'; steps are [a, b]",
        refusal(new UnknownParent()));
  }

  @Test
  void cycleIsRefusedWithItsPath() {
    assertEquals(Cycle.class.getName() + ".a: cycle: a -> c -> b -> a", refusal(new Cycle()));
  }

  @Test
  void duplicateStepNameIsRefused() {
    assertEquals(Duplicate.class.getName() + ".b: duplicate step name 'same' (also used by method a)",
        refusal(new Duplicate()));
  }

  @Test
  void unbindableParameterIsRefused() {
    assertEquals(Unbindable.class.getName() + ".b: parameter 2 (secondUnannotated) cannot be bound: the run input is"
        + " bound already; annotate parent outputs with @Parent(\"step\")", refusal(new Unbindable()));
  }

  @Workflow(name = "parent-not-declared")
  static final class ParentDeclared {
    @Step
    String a() {
      return "a";
    }

    @Step(parents = "a")
    String b(@Parent("a") String fromA) {
      return fromA;
    }
  }

  @Test
  void aParentParameterMakesItsStepAParentWithTheSameFingerprintAsListingIt() {
    WorkflowDefinition inferred = scanner.scan(new ParentNotDeclared());
    WorkflowDefinition listed = scanner.scan(new ParentDeclared());
    assertEquals(List.of("a"), inferred.step("b").parents());
    assertEquals(listed.fingerprint(), inferred.fingerprint(), "runs started before the change still fit");
  }

  @Test
  void unserialisableTypesAreRefused() {
    assertEquals(Unserialisable.class.getName() + ".open: return type java.io.InputStream cannot be stored as JSON:"
        + " java.io.InputStream is abstract and has no @JsonTypeInfo, so its concrete type would be lost",
        refusal(new Unserialisable()));
    assertEquals(UnreadableInput.class.getName() + ".read: parameter 1 (input) of type " + NoCreator.class.getName()
        + " cannot be read from JSON: " + NoCreator.class.getName()
        + " has neither a no-argument constructor nor a @JsonCreator, so it cannot be read back",
        refusal(new UnreadableInput()));
  }

  @Test
  void badTimeoutIsRefused() {
    assertEquals(BadTimeout.class.getName() + ".a: timeout 'ten minutes' is not a duration (write 500ms, 30s, 5m,"
        + " 2h, 1d or ISO-8601 like PT30S)", refusal(new BadTimeout()));
    assertEquals(NegativeRetries.class.getName() + ".a: retries must be >= 0, got -1", refusal(new NegativeRetries()));
  }

  @Test
  void classWithoutWorkflowAnnotationIsRefused() {
    assertEquals(NotAWorkflow.class.getName() + ": not annotated @Workflow", refusal(new NotAWorkflow()));
  }

  @Test
  void builderRefusesBadDefinitionsBeforeTouchingTheDatabase() {
    DefinitionException error = assertThrows(DefinitionException.class,
        () -> Cairn.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/none", "x", "y").register(new Cycle()).build());
    assertEquals(Cycle.class.getName() + ".a: cycle: a -> c -> b -> a", error.getMessage());
    IllegalArgumentException slots = assertThrows(IllegalArgumentException.class,
        () -> Cairn.builder().workerSlots(0).build());
    assertEquals("workerSlots is invalid: 0 (see Cairn.Builder.workerSlots)", slots.getMessage());
    assertEquals(List.of(), List.of());
  }

  @Test
  void builderRefusesANodeIdItCouldNotSendToTheOtherNodes() {
    // The id goes into every wake-up and announcement payload (PostgreSQL refuses 8000 bytes or more).
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("", "nodeId is required (see Cairn.Builder.nodeId)");
    refusals.put("   ", "nodeId is blank (see Cairn.Builder.nodeId)");
    refusals.put("n".repeat(201), "nodeId is 201 characters long; at most 200 are allowed (see Cairn.Builder.nodeId)");
    refusals.put("n".repeat(100_000),
        "nodeId is 100000 characters long; at most 200 are allowed (see Cairn.Builder.nodeId)");
    refusals.put("node\u0000a", "nodeId contains the control character U+0000 at index 4");
    refusals.put("node\na", "nodeId contains the control character U+000A at index 4");
    refusals.forEach((id, message) -> {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> Cairn.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/none", "x", "y").nodeId(id).build(), id);
      assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
      assertTrue(refused.getMessage().length() < 300, "bounded: " + refused.getMessage().length());
    });
  }
}
