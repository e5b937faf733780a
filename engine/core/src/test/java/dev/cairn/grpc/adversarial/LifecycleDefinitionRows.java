package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.accepted;
import static dev.cairn.grpc.adversarial.BadValue.invalid;

import dev.cairn.proto.v1.DeclaredLifecycle;
import dev.cairn.proto.v1.MissedTicks;
import dev.cairn.proto.v1.ScheduleOverlap;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of what a registered definition declares about its runs: the run deadline ({@code run_timeout_ms}) and
 * the lifecycle (a schedule, event triggers, a retention period). A bad value ends the registration's stream with
 * INVALID_ARGUMENT naming the field; a good one is registered (and the declarations of before are restored).
 *
 * <p>The fixture's engine holds what {@link #DECLARED} declares (the valid registration's lifecycle). Each row sends
 * {@link #ANOTHER} instead, with one field spoiled: it differs from what is stored in every part (cron, zone,
 * policies, event key, filter, retention), so a refused registration that wrote any part of it (or deleted what it
 * no longer declares) changes a schedule, trigger or retention row, which the fixture's counts see.
 */
final class LifecycleDefinitionRows {
  /** What the valid registration declares; the fixture registers it once before the cases. */
  static final DeclaredLifecycle DECLARED = DeclaredLifecycle.newBuilder().setCron("0 0 1 1 *")
      .setTimeZone("Europe/Paris").setMissedTicks(MissedTicks.MISSED_TICKS_SKIP)
      .setOverlap(ScheduleOverlap.SCHEDULE_OVERLAP_SKIP).addOnEvents("adversarial-declared-key")
      .setEventFilter("/payload/kind == \"daily\"").setRetentionMs(7_200_000).build();
  /** Another declaration, different in every part (and ticking once a year too, so no tick runs in a test). */
  static final DeclaredLifecycle ANOTHER = DeclaredLifecycle.newBuilder().setCron("30 12 1 1 *")
      .setTimeZone("America/New_York").setMissedTicks(MissedTicks.MISSED_TICKS_ALL)
      .setOverlap(ScheduleOverlap.SCHEDULE_OVERLAP_CANCEL_PREVIOUS).addOnEvents("adversarial-other-key")
      .setEventFilter("/payload/kind == \"weekly\"").setRetentionMs(10_800_000).build();
  private static final long MINUTE = 60_000L;
  private static final long CENTURY = 3_153_600_000_000L;
  /** Ranges.MAX_WAIT: 3650 days. */
  private static final long TEN_YEARS = 3650L * 24 * 3600 * 1000;

  private LifecycleDefinitionRows() {}

  static void add(List<WorkerStreamTable.StreamRow<?>> rows,
      Function<WorkerMessage.Builder, WorkflowDefinition.Builder> workflow) {
    String prefix = "register.workflows[0].";
    Function<WorkerMessage.Builder, DeclaredLifecycle.Builder> declaring = message -> workflow.apply(message)
        .setLifecycle(ANOTHER).getLifecycleBuilder();
    rows.add(row(prefix + "run_timeout_ms", List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE),
        invalid("int64 max", Long.MAX_VALUE), invalid("3650 days + 1 ms", TEN_YEARS + 1),
        accepted("0 (none)", 0L), accepted("1", 1L), accepted("int32 max + 1", Integer.MAX_VALUE + 1L),
        accepted("3650 days", TEN_YEARS)), (message, ms) -> {
          declaring.apply(message);
          workflow.apply(message).setRunTimeoutMs(ms);
        }));
    String at = prefix + "lifecycle.";
    rows.add(row(at + "cron", crons(), (message, cron) -> declaring.apply(message).setCron(cron)));
    rows.add(row(at + "time_zone", BadValues.concat(BadValues.timeZone(), List.of(accepted("empty (UTC)", ""))),
        (message, zone) -> declaring.apply(message).setTimeZone(zone)));
    // A zone is read only with a cron expression: without one it is still a value the field does not take.
    rows.add(row(at + "time_zone", List.of(invalid("U+0000, without a cron", "\u0000"),
        invalid("unknown region, without a cron", "Mars/Olympus_Mons"),
        invalid("1 MiB, without a cron", BadValues.huge(1024 * BadValues.KIB))),
        (message, zone) -> declaring.apply(message).clearCron().setTimeZone(zone)));
    rows.add(row(at + "missed_ticks", policies(MissedTicks.values().length - 1),
        (message, number) -> declaring.apply(message).setMissedTicksValue(number)));
    rows.add(row(at + "missed_ticks", List.of(invalid("unknown number 99, without a cron", 99)),
        (message, number) -> declaring.apply(message).clearCron().setMissedTicksValue(number)));
    rows.add(row(at + "overlap", policies(ScheduleOverlap.values().length - 1),
        (message, number) -> declaring.apply(message).setOverlapValue(number)));
    rows.add(row(at + "overlap", List.of(invalid("unknown number 99, without a cron", 99)),
        (message, number) -> declaring.apply(message).clearCron().setOverlapValue(number)));
    eventRows(rows, at, workflow, declaring);
    retentionRows(rows, at, declaring);
    // The declared schedule and triggers are named after the workflow: the longest name still declares them.
    rows.add(row(prefix + "name", List.of(accepted("200 characters, declaring a cron, an event key and a retention",
        BadValues.huge(200))), (message, name) -> {
          declaring.apply(message);
          workflow.apply(message).setName(name);
        }));
    rows.add(row(prefix + "name", List.of(accepted("200 characters, declaring an event key and a retention (no cron)",
        BadValues.huge(200))), (message, name) -> {
          declaring.apply(message).clearCron();
          workflow.apply(message).setName(name);
        }));
    rows.add(row(prefix + "name", List.of(accepted("101 characters, declaring a cron", BadValues.huge(101)),
        accepted("100 characters, declaring a cron", BadValues.huge(100))), (message, name) -> {
          declaring.apply(message);
          workflow.apply(message).setName(name);
        }));
  }

  /**
   * A declared cron expression: the values a schedule's cron is refused for (empty aside: it declares no
   * schedule), and expressions that are accepted.
   */
  private static List<BadValue<String>> crons() {
    List<BadValue<String>> values = new ArrayList<>(BadValues.cron().stream()
        .filter(value -> !value.label().equals("empty")).toList());
    values.addAll(List.of(accepted("empty (none)", ""), accepted("month names", "0 0 1 JAN *"),
        accepted("lists, ranges and steps", "0,30 0-6/2 1 1 *")));
    return values;
  }

  /** A policy enum: UNSPECIFIED (the default) and every defined number accepted, unknown numbers refused. */
  private static List<BadValue<Integer>> policies(int defined) {
    List<BadValue<Integer>> values = new ArrayList<>(List.of(invalid("unknown number 99", 99),
        invalid("unknown number -1", -1), invalid("int32 max", Integer.MAX_VALUE), accepted("UNSPECIFIED", 0)));
    for (int number = 1; number < defined; number++) {
      values.add(accepted("number " + number, number));
    }
    return values;
  }

  private static void eventRows(List<WorkerStreamTable.StreamRow<?>> rows, String at,
      Function<WorkerMessage.Builder, WorkflowDefinition.Builder> workflow,
      Function<WorkerMessage.Builder, DeclaredLifecycle.Builder> declaring) {
    // A bad key after the good one: the refusal names on_events (and the entry).
    rows.add(row(at + "on_events", BadValues.requiredName(255),
        (message, key) -> declaring.apply(message).addOnEvents(key)));
    rows.add(row(at + "on_events", List.of(accepted("255 characters", BadValues.huge(255)),
        accepted("non-ASCII", "événement-ключ-事件"), accepted("none (the filter unused)", "")), (message, key) -> {
          DeclaredLifecycle.Builder lifecycle = declaring.apply(message).clearOnEvents();
          if (!key.isEmpty()) {
            lifecycle.addOnEvents(key);
          }
        }));
    rows.add(row(at + "on_events", List.of(invalid("21 keys", 21), invalid("1000 keys", 1000),
        accepted("20 keys", 20)), (message, count) -> {
          DeclaredLifecycle.Builder lifecycle = declaring.apply(message).clearOnEvents();
          for (int i = 0; i < count; i++) {
            lifecycle.addOnEvents("adversarial-key-" + i);
          }
        }));
    // The trigger's name joins the workflow's name and the key: both at their longest (no cron: the trigger alone).
    rows.add(row(at + "on_events", List.of(accepted("255 characters, on a workflow named with 200 (no cron)",
        BadValues.huge(255))), (message, key) -> {
          declaring.apply(message).clearCron().clearOnEvents().addOnEvents(key);
          workflow.apply(message).setName(BadValues.huge(200));
        }));
    rows.add(row(at + "event_filter", FieldTable.filters(),
        (message, filter) -> declaring.apply(message).setEventFilter(filter)));
    // A filter is read only with event keys: without them it is still a value the field does not take.
    rows.add(row(at + "event_filter", List.of(invalid("no ==, without event keys", "/payload/x"),
        invalid("truncated string, without event keys", "/payload/x == \"abc"),
        invalid("U+0000, without event keys", "/a == \"\u0000\""),
        invalid("1 MiB, without event keys", BadValues.huge(1024 * BadValues.KIB))),
        (message, filter) -> declaring.apply(message).clearOnEvents().setEventFilter(filter)));
  }

  private static void retentionRows(List<WorkerStreamTable.StreamRow<?>> rows, String at,
      Function<WorkerMessage.Builder, DeclaredLifecycle.Builder> declaring) {
    rows.add(row(at + "retention_ms", List.of(invalid("-1", -1L), invalid("-1 minute", -MINUTE),
        invalid("int64 min", Long.MIN_VALUE), invalid("int64 max", Long.MAX_VALUE), invalid("1", 1L),
        invalid("1 minute - 1 ms", MINUTE - 1), invalid("100 years + 1 ms", CENTURY + 1),
        accepted("0 (the engine's default)", 0L), accepted("1 minute", MINUTE),
        accepted("int32 max + 1 (about 25 days)", Integer.MAX_VALUE + 1L), accepted("100 years", CENTURY)),
        (message, ms) -> declaring.apply(message).setKeepForever(false).setRetentionMs(ms)));
    // Both set: the refusal names retention_ms (which must be 0 with keep_forever).
    rows.add(row(at + "retention_ms", List.of(invalid("1 minute, with keep_forever", MINUTE),
        invalid("1, with keep_forever", 1L), invalid("-1, with keep_forever", -1L),
        invalid("int64 max, with keep_forever", Long.MAX_VALUE), invalid("int64 min, with keep_forever",
            Long.MIN_VALUE)), (message, ms) -> declaring.apply(message).setKeepForever(true).setRetentionMs(ms)));
    rows.add(row(at + "keep_forever", List.of(accepted("true, retention_ms 0", true),
        accepted("false, retention_ms 0 (the engine's default)", false)),
        (message, forever) -> declaring.apply(message).setRetentionMs(0).setKeepForever(forever)));
  }

  private static <V> WorkerStreamTable.StreamRow<V> row(String field, List<BadValue<V>> values,
      java.util.function.BiConsumer<WorkerMessage.Builder, V> setter) {
    return new WorkerStreamTable.StreamRow<>(field, values, setter, WorkerStreamTable.Answer.STREAM_ENDS);
  }

  /**
   * The registration that puts back what was declared before an accepted case: the same definitions, the valid
   * registration's workflow declaring {@link #DECLARED} again and any other declaring nothing (so what it declared
   * is deleted).
   */
  static WorkerMessage restoring(WorkerMessage accepted, String declaringWorkflow) {
    WorkerMessage.Builder message = accepted.toBuilder();
    for (WorkflowDefinition.Builder definition : message.getRegisterBuilder().getWorkflowsBuilderList()) {
      if (definition.getName().equals(declaringWorkflow)) {
        definition.setLifecycle(DECLARED);
      } else {
        // Present but empty: "declares nothing", which removes what it declared (an absent one changes nothing).
        definition.setLifecycle(DeclaredLifecycle.getDefaultInstance());
      }
    }
    return message.build();
  }
}
