package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code register(definitionClass, instance)}: the definition is read from a class of the instance, and the steps
 * are invoked on the instance, so a subclass made at run time (as a Spring CGLIB proxy is) intercepts them.
 */
class RegisterDefinitionClassTest {
  @Workflow(name = "definition-class")
  static class Shout {
    @Step
    String shout(String word) {
      return word.toUpperCase();
    }
  }

  /** Stands in for a generated proxy: no annotations of its own, overrides the step and delegates. */
  static final class InterceptingSubclass extends Shout {
    final AtomicInteger intercepted = new AtomicInteger();

    @Override
    String shout(String word) {
      intercepted.incrementAndGet();
      return super.shout(word) + "!";
    }
  }

  @Test
  void theDefinitionComesFromTheGivenClassAndStepsRunOnTheInstance() {
    InterceptingSubclass proxy = new InterceptingSubclass();
    try (Cairn cairn = Cairn.builder().dataSource(TestDatabase.dataSource()).schema(TestDatabase.newSchema())
        .register(Shout.class, proxy).build()) {
      cairn.start();
      assertEquals("HEY!", cairn.trigger(Shout.class, "hey").result(String.class, Duration.ofSeconds(30)),
          "triggered by the definition class, run through the subclass's override");
      assertEquals(1, proxy.intercepted.get());
    }
  }

  @Test
  void anUnannotatedSubclassAloneIsRefusedAndAClassTheInstanceIsNotIsRefused() {
    assertTrue(assertThrows(DefinitionException.class, () -> Cairn.builder().dataSource(TestDatabase.dataSource())
        .schema(TestDatabase.newSchema()).register(new InterceptingSubclass()).build()).getMessage()
        .contains("not annotated @Workflow"));
    IllegalArgumentException wrongClass = assertThrows(IllegalArgumentException.class,
        () -> Cairn.builder().register(String.class, new Shout()));
    assertTrue(wrongClass.getMessage().contains("definitionClass java.lang.String"), wrongClass.getMessage());
  }
}
