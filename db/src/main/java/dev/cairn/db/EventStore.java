package dev.cairn.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The statements of pushed events and event triggers. Thread-safe. */
public final class EventStore {
  private final Jdbi jdbi;

  EventStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores the event unless (key, event id) was pushed before; returns the stored one either way. */
  public PushedEventRow pushedEventInsert(String eventKey, String eventId, String payloadJson, String metadataJson) {
    return jdbi.withHandle(handle -> Sql.query(handle, "pushedEventInsert")
        .bind("eventKey", eventKey)
        .bind("eventId", eventId)
        .bind("payload", payloadJson)
        .bind("metadata", metadataJson)
        .map((rs, ctx) -> pushed(rs))
        .one());
  }

  public void pushedEventSetRuns(String eventKey, String eventId, List<UUID> runIds) {
    jdbi.useHandle(handle -> Sql.update(handle, "pushedEventSetRuns")
        .bind("eventKey", eventKey)
        .bind("eventId", eventId)
        .bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .execute());
  }

  /** Up to {@code limit} pushed events, newest first, of {@code eventKey} (null: of every key). */
  public List<PushedEventRow> pushedEventList(String eventKey, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "pushedEventList")
        .bind("eventKey", eventKey)
        .bind("limit", limit)
        .map((rs, ctx) -> pushed(rs))
        .list());
  }

  /** Creates the trigger; empty when one of that name exists. */
  public Optional<EventTriggerRow> eventTriggerInsert(String name, String eventKey, String workflowName,
      String filter) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventTriggerInsert")
        .bind("name", name)
        .bind("eventKey", eventKey)
        .bind("workflowName", workflowName)
        .bind("filter", filter)
        .bind("declared", false)
        .map((rs, ctx) -> trigger(rs))
        .findOne());
  }

  /** Creates or replaces a trigger the code declares. */
  public void eventTriggerUpsertDeclared(String name, String eventKey, String workflowName, String filter) {
    jdbi.useHandle(handle -> Sql.update(handle, "eventTriggerUpsertDeclared")
        .bind("name", name)
        .bind("eventKey", eventKey)
        .bind("workflowName", workflowName)
        .bind("filter", filter)
        .execute());
  }

  public Optional<EventTriggerRow> eventTriggerGet(String name) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventTriggerGet")
        .bind("name", name)
        .map((rs, ctx) -> trigger(rs))
        .findOne());
  }

  /** Deletes the trigger; empty when there is none, else whether it was declared. */
  public Optional<Boolean> eventTriggerDelete(String name) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventTriggerDelete")
        .bind("name", name)
        .mapTo(Boolean.class)
        .findOne());
  }

  /** Deletes the declared triggers of {@code workflowNames} not named in {@code keep}; returns their names. */
  public List<String> eventTriggerDeleteDeclared(List<String> workflowNames, List<String> keep) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventTriggerDeleteDeclared")
        .bind("workflowNames", ArrayArgument.of(String.class, workflowNames))
        .bind("keep", ArrayArgument.of(String.class, keep))
        .mapTo(String.class)
        .list());
  }

  /** The triggers of {@code eventKey} (null: all), in name order. */
  public List<EventTriggerRow> eventTriggerList(String eventKey) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventTriggerList")
        .bind("eventKey", eventKey)
        .map((rs, ctx) -> trigger(rs))
        .list());
  }

  private static PushedEventRow pushed(ResultSet rs) throws SQLException {
    return new PushedEventRow(rs.getString("event_key"), rs.getString("event_id"), rs.getString("payload"),
        rs.getString("metadata"), Rows.instant(rs, "created_at"), uuids(rs.getString("run_ids")),
        rs.getBoolean("inserted"));
  }

  /** A uuid[] as PostgreSQL writes it: {a,b} (null: none). */
  private static List<UUID> uuids(String text) {
    List<UUID> ids = new ArrayList<>();
    if (text != null && text.length() > 2) {
      for (String id : text.substring(1, text.length() - 1).split(",")) {
        ids.add(UUID.fromString(id));
      }
    }
    return ids;
  }

  private static EventTriggerRow trigger(ResultSet rs) throws SQLException {
    return new EventTriggerRow(rs.getString("name"), rs.getString("event_key"), rs.getString("workflow_name"),
        rs.getString("filter"), rs.getBoolean("declared"), Rows.instant(rs, "created_at"));
  }
}
