package dev.cairn.internal.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.CairnException;
import dev.cairn.EventPush;
import dev.cairn.EventTrigger;
import dev.cairn.EventTriggers;
import dev.cairn.NotFoundException;
import dev.cairn.PushedEvent;
import dev.cairn.TriggerOptions;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.EventStore;
import dev.cairn.db.EventTriggerRow;
import dev.cairn.db.PushedEventRow;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.RawJson;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes events and keeps event triggers (the {@link EventTriggers} API): a push stores the event once per key and
 * id, wakes the steps waiting for its key (only when it is new), and starts each matching trigger's workflow with
 * the payload as input. The run's idempotency key is the event's identity, so a redelivery, or a push repeated
 * after a crash between the store and the triggers, starts nothing new; the event row records the runs. Thread-safe.
 */
public final class EventRouter implements EventTriggers {
  /** Most events one listing returns. */
  public static final int MAX_LIST = 1000;
  private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

  private final Store store;
  private final EventStore events;
  private final PayloadCodec codec;
  private final Triggerer triggerer;
  private final WorkflowRegistry registry;
  private final OutcomeSink completer;

  public EventRouter(Store store, PayloadCodec codec, Triggerer triggerer, WorkflowRegistry registry,
      OutcomeSink completer) {
    this.store = store;
    this.events = store.events();
    this.codec = codec;
    this.triggerer = triggerer;
    this.registry = registry;
    this.completer = completer;
  }

  /** Stores the event, wakes its waiters when it is new, and starts its triggers' runs (once per event). */
  public PushedEvent push(EventPush push) {
    String payloadJson = JsonText.checkWritten("payload", codec.encode(push.payload()));
    String eventId = push.eventId() != null ? push.eventId() : UUID.randomUUID().toString();
    PushedEventRow stored = events.pushedEventInsert(push.key(), eventId, payloadJson,
        codec.encode(push.metadata()));
    if (stored.inserted()) {
      for (AttemptRef waiting : store.composition().stepFindWaitingForEvent(push.key())) {
        completer.submit(new StepOutcome.Wake(waiting.id(), waiting.runId()));
      }
    }
    List<UUID> runs = startTriggered(stored);
    if (!runs.equals(stored.runIds())) {
      events.pushedEventSetRuns(stored.eventKey(), stored.eventId(), runs);
    }
    return view(stored, runs, !stored.inserted());
  }

  /** Pushed events, newest first, of {@code key} (null: of every key). */
  public List<PushedEvent> list(String key, int limit) {
    Ranges.between("limit", limit, 1, MAX_LIST);
    String checked = key == null ? null : Text.name("key", key, EventPush.MAX_KEY_LENGTH);
    // A listing is no push: redelivered (which says what a push found) is false.
    return events.pushedEventList(checked, limit).stream().map(row -> view(row, row.runIds(), false)).toList();
  }

  /** The runs of the event's matching triggers (the existing ones for an event seen before), in trigger order. */
  private List<UUID> startTriggered(PushedEventRow event) {
    List<EventTriggerRow> triggers = events.eventTriggerList(event.eventKey());
    if (triggers.isEmpty()) {
      return List.of();
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.set("payload", codec.decode(event.payloadJson(), JsonNode.class));
    document.set("metadata", codec.decode(event.metadataJson(), JsonNode.class));
    Map<String, String> metadata = new LinkedHashMap<>(codec.decodeStringMap(event.metadataJson()));
    metadata.put(EventPush.EVENT_KEY, event.eventKey());
    metadata.put(EventPush.EVENT_ID, event.eventId());
    List<UUID> runs = new ArrayList<>();
    for (EventTriggerRow trigger : triggers) {
      if (!EventFilter.parse(trigger.filter()).matches(document)) {
        continue;
      }
      TriggerOptions options = TriggerOptions.builder().metadata(metadata)
          .idempotencyKey(idempotencyKey(event.eventKey(), event.eventId())).build();
      try {
        UUID run = triggerer.triggerAll(List.of(new Triggerer.Request(trigger.workflowName(),
            new RawJson("payload", event.payloadJson()), options))).get(0);
        if (!runs.contains(run)) { // two triggers of one workflow start it once per event: its run is listed once
          runs.add(run);
        }
      } catch (IllegalArgumentException | CairnException e) {
        // The workflow is gone or the payload does not fit its input: this trigger cannot start; the others do.
        log.warn("event {} ({}): trigger {} started no run: {}", event.eventId(), event.eventKey(), trigger.name(),
            e.getMessage());
      }
    }
    return runs;
  }

  /** The event's identity as a run's idempotency key (hashed: key and id together may exceed its length). */
  static String idempotencyKey(String eventKey, String eventId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((eventKey + '\u0000' + eventId).getBytes(StandardCharsets.UTF_8));
      return "cairn.event:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public EventTrigger create(String name, String eventKey, String workflowName, String filter) {
    String checkedName = Text.name("name", name, MAX_NAME_LENGTH);
    String checkedKey = Text.name("eventKey", eventKey, EventPush.MAX_KEY_LENGTH);
    String workflow = registry.get(Text.name("workflowName", workflowName)).name();
    String checkedFilter = checkedFilter(filter);
    return events.eventTriggerInsert(checkedName, checkedKey, workflow, checkedFilter).map(EventRouter::trigger)
        .orElseThrow(() -> new IllegalStateException("an event trigger named " + Text.quote(checkedName)
            + " exists; delete it first"));
  }

  @Override
  public void delete(String name) {
    String checked = Text.name("name", name, MAX_NAME_LENGTH);
    EventTriggerRow existing = events.eventTriggerGet(checked)
        .orElseThrow(() -> new NotFoundException("no event trigger named " + Text.quote(checked)));
    if (existing.declared()) {
      throw new IllegalStateException("event trigger " + Text.quote(checked) + " is declared by @Workflow(onEvents)"
          + " of workflow " + existing.workflowName() + "; change the annotation");
    }
    if (events.eventTriggerDelete(checked).isEmpty()) {
      throw new NotFoundException("no event trigger named " + Text.quote(checked));
    }
  }

  @Override
  public List<EventTrigger> list() {
    return events.eventTriggerList(null).stream().map(EventRouter::trigger).toList();
  }

  /**
   * Makes the declared triggers of the workflows registered here what their annotations say ({@code declared}:
   * workflow name to its event keys and filter) and deletes the ones the code dropped.
   */
  public void declare(Map<String, Declared> declared, List<String> localWorkflows) {
    List<String> keep = new ArrayList<>();
    declared.forEach((workflow, triggers) -> {
      for (String key : triggers.keys()) {
        String name = workflow + "@" + key;
        events.eventTriggerUpsertDeclared(name, key, workflow, triggers.filter());
        keep.add(name);
      }
    });
    events.eventTriggerDeleteDeclared(localWorkflows, keep)
        .forEach(name -> log.info("event trigger {} deleted: its workflow no longer declares it", name));
  }

  /** The event keys and filter of one workflow's {@code @Workflow(onEvents, eventFilter)}. */
  public record Declared(List<String> keys, String filter) {
    /** @throws IllegalArgumentException naming a bad key or a filter that does not parse */
    public Declared {
      keys = List.copyOf(keys);
      keys.forEach(key -> Text.name("onEvents", key, EventPush.MAX_KEY_LENGTH));
      filter = checkedFilter(filter);
    }
  }

  /**
   * A filter as stored: null for none (null or blank), else checked: bounded, no unpaired surrogate, and it parses.
   *
   * @throws IllegalArgumentException naming the filter's problem
   */
  public static String checkedFilter(String filter) {
    if (filter == null || filter.isBlank()) {
      return null;
    }
    Text.text("filter", filter, MAX_FILTER_LENGTH);
    refuseUnpairedSurrogates(filter);
    EventFilter.parse(filter);
    return filter;
  }

  /** The database driver would store an unpaired surrogate (which a Java caller can pass) as '?'. */
  private static void refuseUnpairedSurrogates(String filter) {
    for (int i = 0; i < filter.length(); i++) {
      char c = filter.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < filter.length() && Character.isLowSurrogate(filter.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(String.format("filter contains an unpaired surrogate U+%04X at index %d",
            (int) c, i));
      }
    }
  }

  private static EventTrigger trigger(EventTriggerRow row) {
    return new EventTrigger(row.name(), row.eventKey(), row.workflowName(), row.filter(), row.declared(),
        row.createdAt());
  }

  /** An event stored before events had ids and metadata (by an engine before V010) shows an empty id. */
  private PushedEvent view(PushedEventRow row, List<UUID> runs, boolean redelivered) {
    return new PushedEvent(row.eventKey(), row.eventId() == null ? "" : row.eventId(),
        row.payloadJson() == null ? "null" : row.payloadJson(), codec.decodeStringMap(row.metadataJson()),
        row.pushedAt(), runs, redelivered);
  }
}
