package dev.cairn.crash;

import dev.cairn.Cairn;
import dev.cairn.ScheduleSpec;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine process {@link ScheduleCrashTest} kills: its clock starts at args[2] and moves one minute when the file
 * args[3] appears (the test's signal that it holds the schedule's row), so the schedule "crash-minutely" (created
 * here) comes due exactly once. Args: JDBC URL, schema, start, signal file.
 */
public final class ScheduleChild {
  private ScheduleChild() {}

  @Workflow(name = "minutely")
  public static final class Minutely {
    @Step
    public String run(String input) {
      return "ran";
    }
  }

  public static void main(String[] args) throws InterruptedException {
    ManualClock clock = new ManualClock(Instant.parse(args[2]));
    Cairn cairn = CrashChild.doomedChild(args[0], args[1]).clock(clock).register(new Minutely()).build();
    cairn.schedules().create(ScheduleSpec.builder("crash-minutely", "minutely").cron("* * * * *").build());
    cairn.start();
    System.out.println("child engine started; waiting for the signal to move its clock to the tick");
    Path signal = Path.of(args[3]);
    while (!Files.exists(signal)) {
      Thread.sleep(20);
    }
    clock.advance(Duration.ofMinutes(1));
    Thread.sleep(Long.MAX_VALUE);
  }
}
