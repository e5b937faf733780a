package dev.cairn.internal.wire;

import dev.cairn.EventTrigger;
import dev.cairn.PushedEvent;
import java.util.UUID;

/** Pushed events and event triggers on the wire: the mapping between {@code cairn.v1} and the API. Stateless. */
public final class EventWire {
  private EventWire() {}

  public static dev.cairn.proto.v1.PushedEvent event(PushedEvent event) {
    dev.cairn.proto.v1.PushedEvent.Builder proto = dev.cairn.proto.v1.PushedEvent.newBuilder()
        .setKey(event.key())
        .setEventId(event.eventId())
        .setPayloadJson(event.payloadJson())
        .putAllMetadata(event.metadata())
        .setPushedAt(ProtoMapping.timestamp(event.pushedAt()))
        .setRedelivered(event.redelivered());
    event.runIds().forEach(run -> proto.addRunIds(run.toString()));
    return proto.build();
  }

  public static PushedEvent event(dev.cairn.proto.v1.PushedEvent event) {
    return new PushedEvent(event.getKey(), event.getEventId(), event.getPayloadJson(), event.getMetadataMap(),
        ProtoMapping.instant(event.getPushedAt()), event.getRunIdsList().stream().map(UUID::fromString).toList(),
        event.getRedelivered());
  }

  public static dev.cairn.proto.v1.EventTrigger trigger(EventTrigger trigger) {
    return dev.cairn.proto.v1.EventTrigger.newBuilder()
        .setName(trigger.name())
        .setEventKey(trigger.eventKey())
        .setWorkflowName(trigger.workflowName())
        .setFilter(trigger.filter() == null ? "" : trigger.filter())
        .setDeclared(trigger.declared())
        .setCreatedAt(ProtoMapping.timestamp(trigger.createdAt()))
        .build();
  }

  public static EventTrigger trigger(dev.cairn.proto.v1.EventTrigger trigger) {
    return new EventTrigger(trigger.getName(), trigger.getEventKey(), trigger.getWorkflowName(),
        trigger.getFilter().isEmpty() ? null : trigger.getFilter(), trigger.getDeclared(),
        ProtoMapping.instant(trigger.getCreatedAt()));
  }
}
