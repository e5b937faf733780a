package dev.cairn.client;

import dev.cairn.EventTrigger;
import dev.cairn.EventTriggers;
import dev.cairn.internal.wire.EventWire;
import dev.cairn.proto.v1.CreateEventTriggerRequest;
import dev.cairn.proto.v1.DeleteEventTriggerRequest;
import dev.cairn.proto.v1.ListEventTriggersRequest;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import java.util.List;

/** The engine's event triggers through its WorkflowService. Thread-safe. */
final class RemoteEventTriggers implements EventTriggers {
  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub stub;

  RemoteEventTriggers(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub) {
    this.stub = stub;
  }

  @Override
  public EventTrigger create(String name, String eventKey, String workflowName, String filter) {
    return EventWire.trigger(CairnClient.call(() -> stub.createEventTrigger(CreateEventTriggerRequest.newBuilder()
        .setName(name).setEventKey(eventKey).setWorkflowName(workflowName).setFilter(filter == null ? "" : filter)
        .build())));
  }

  @Override
  public void delete(String name) {
    CairnClient.call(() -> stub.deleteEventTrigger(DeleteEventTriggerRequest.newBuilder().setName(name).build()));
  }

  @Override
  public List<EventTrigger> list() {
    return CairnClient.call(() -> stub.listEventTriggers(ListEventTriggersRequest.getDefaultInstance()))
        .getTriggersList().stream().map(EventWire::trigger).toList();
  }
}
