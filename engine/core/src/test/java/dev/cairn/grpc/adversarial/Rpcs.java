package dev.cairn.grpc.adversarial;

import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.AwaitRunRequest;
import dev.cairn.proto.v1.BackfillScheduleRequest;
import dev.cairn.proto.v1.BulkTriggerRequest;
import dev.cairn.proto.v1.CancelRunRequest;
import dev.cairn.proto.v1.CancelRunsRequest;
import dev.cairn.proto.v1.ClearRetentionRequest;
import dev.cairn.proto.v1.CreateEventTriggerRequest;
import dev.cairn.proto.v1.CreateScheduleRequest;
import dev.cairn.proto.v1.CreateTokenRequest;
import dev.cairn.proto.v1.DeleteEventTriggerRequest;
import dev.cairn.proto.v1.DeleteRunRequest;
import dev.cairn.proto.v1.DeleteRunsRequest;
import dev.cairn.proto.v1.DeleteScheduleRequest;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.GetScheduleRequest;
import dev.cairn.proto.v1.ListEventTriggersRequest;
import dev.cairn.proto.v1.ListEventsRequest;
import dev.cairn.proto.v1.ListPausedWorkflowsRequest;
import dev.cairn.proto.v1.ListPushedEventsRequest;
import dev.cairn.proto.v1.ListRateLimitsRequest;
import dev.cairn.proto.v1.ListRetentionsRequest;
import dev.cairn.proto.v1.ListRunsRequest;
import dev.cairn.proto.v1.ListSchedulesRequest;
import dev.cairn.proto.v1.ListTokensRequest;
import dev.cairn.proto.v1.ListWorkersRequest;
import dev.cairn.proto.v1.PauseScheduleRequest;
import dev.cairn.proto.v1.PauseWorkflowRequest;
import dev.cairn.proto.v1.PushEventRequest;
import dev.cairn.proto.v1.RateLimitSetting;
import dev.cairn.proto.v1.ReplayRunRequest;
import dev.cairn.proto.v1.ReplayRunsRequest;
import dev.cairn.proto.v1.ResumeScheduleRequest;
import dev.cairn.proto.v1.ResumeWorkflowRequest;
import dev.cairn.proto.v1.RevokeTokenRequest;
import dev.cairn.proto.v1.Role;
import dev.cairn.proto.v1.RunFilter;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.ScheduleServiceGrpc;
import dev.cairn.proto.v1.ScheduleSpec;
import dev.cairn.proto.v1.SetRateLimitRequest;
import dev.cairn.proto.v1.SetRetentionRequest;
import dev.cairn.proto.v1.TriggerAndAwaitRequest;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.proto.v1.TriggerScheduleRequest;
import dev.cairn.proto.v1.UpdateScheduleRequest;
import dev.cairn.proto.v1.WatchRunRequest;
import dev.cairn.proto.v1.WatchRunsRequest;
import dev.cairn.proto.v1.WhoAmIRequest;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import io.grpc.Channel;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every client-facing RPC with a valid request: a finished run, a schedule and event triggers to point at,
 * harmless names and values. A case replaces one field of such a request, so whatever is refused was refused for that field.
 */
final class Rpcs {
  /** Deadline of every call: a refusal is immediate; only a request that was wrongly accepted runs into it. */
  static final long DEADLINE_SECONDS = 20;
  /** The range of a valid backfill: one tick of the yearly schedule, 2000-01-01T00:00Z. */
  static final Timestamp BACKFILL_FROM = Timestamp.newBuilder()
      .setSeconds(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond()).build();
  static final Timestamp BACKFILL_TO = Timestamp.newBuilder()
      .setSeconds(Instant.parse("2001-01-01T00:00:00Z").getEpochSecond()).build();

  final Rpc<TriggerRequest.Builder> trigger;
  final Rpc<BulkTriggerRequest.Builder> bulkTrigger;
  final Rpc<GetRunRequest.Builder> getRun;
  final Rpc<AwaitRunRequest.Builder> awaitRun;
  final Rpc<TriggerAndAwaitRequest.Builder> triggerAndAwait;
  final Rpc<ListEventsRequest.Builder> listEvents;
  final Rpc<ListRunsRequest.Builder> listRuns;
  final Rpc<CancelRunRequest.Builder> cancelRun;
  final Rpc<ReplayRunRequest.Builder> replayRun;
  final Rpc<CancelRunsRequest.Builder> cancelRuns;
  final Rpc<ReplayRunsRequest.Builder> replayRuns;
  final Rpc<DeleteRunRequest.Builder> deleteRun;
  final Rpc<DeleteRunsRequest.Builder> deleteRuns;
  final Rpc<PushEventRequest.Builder> pushEvent;
  final Rpc<ListPushedEventsRequest.Builder> listPushedEvents;
  final Rpc<WatchRunRequest.Builder> watchRun;
  final Rpc<WatchRunsRequest.Builder> watchRuns;
  final Rpc<CreateTokenRequest.Builder> createToken;
  final Rpc<ListTokensRequest.Builder> listTokens;
  final Rpc<RevokeTokenRequest.Builder> revokeToken;
  final Rpc<SetRateLimitRequest.Builder> setRateLimit;
  final Rpc<ListRateLimitsRequest.Builder> listRateLimits;
  final Rpc<ListWorkersRequest.Builder> listWorkers;
  final Rpc<WhoAmIRequest.Builder> whoAmI;
  final Rpc<CreateScheduleRequest.Builder> createSchedule;
  final Rpc<UpdateScheduleRequest.Builder> updateSchedule;
  final Rpc<GetScheduleRequest.Builder> getSchedule;
  final Rpc<ListSchedulesRequest.Builder> listSchedules;
  final Rpc<PauseWorkflowRequest.Builder> pauseWorkflow;
  final Rpc<ResumeWorkflowRequest.Builder> resumeWorkflow;
  final Rpc<ListPausedWorkflowsRequest.Builder> listPausedWorkflows;
  final Rpc<SetRetentionRequest.Builder> setRetention;
  final Rpc<ClearRetentionRequest.Builder> clearRetention;
  final Rpc<ListRetentionsRequest.Builder> listRetentions;
  final Rpc<CreateEventTriggerRequest.Builder> createEventTrigger;
  final Rpc<DeleteEventTriggerRequest.Builder> deleteEventTrigger;
  final Rpc<ListEventTriggersRequest.Builder> listEventTriggers;
  final Rpc<PauseScheduleRequest.Builder> pauseSchedule;
  final Rpc<ResumeScheduleRequest.Builder> resumeSchedule;
  final Rpc<DeleteScheduleRequest.Builder> deleteSchedule;
  final Rpc<TriggerScheduleRequest.Builder> triggerSchedule;
  final Rpc<BackfillScheduleRequest.Builder> backfillSchedule;
  /** Names of the schedules accepted CreateSchedule cases create: each new, so none collides with another. */
  private final AtomicInteger created = new AtomicInteger();
  /** Names of the triggers accepted CreateEventTrigger cases create: each new, for the same reason. */
  private final AtomicInteger createdTriggers = new AtomicInteger();

  Rpcs(AdversarialEngine engine) {
    String run = engine.finishedRun.toString();
    trigger = new Rpc<>("RunService", "Trigger", Rpcs::validTrigger, (channel, request) ->
        runs(channel).trigger(request.build()));
    bulkTrigger = new Rpc<>("RunService", "BulkTrigger", () -> BulkTriggerRequest.newBuilder()
        .addRuns(validTrigger()).addRuns(validTrigger()).addRuns(validTrigger()), (channel, request) ->
        runs(channel).bulkTrigger(request.build()));
    getRun = new Rpc<>("RunService", "GetRun", () -> GetRunRequest.newBuilder().setRunId(run), (channel, request) ->
        runs(channel).getRun(request.build()));
    awaitRun = new Rpc<>("RunService", "AwaitRun", () -> AwaitRunRequest.newBuilder().setRunId(run).setWaitMs(1),
        (channel, request) -> runs(channel).awaitRun(request.build()));
    triggerAndAwait = new Rpc<>("RunService", "TriggerAndAwait", () -> TriggerAndAwaitRequest.newBuilder()
        .setTrigger(validTrigger()).setWaitMs(1), (channel, request) ->
        drain(runs(channel).triggerAndAwait(request.build())));
    listEvents = new Rpc<>("RunService", "ListEvents", () -> ListEventsRequest.newBuilder().setRunId(run),
        (channel, request) -> runs(channel).listEvents(request.build()));
    listRuns = new Rpc<>("RunService", "ListRuns", ListRunsRequest::newBuilder, (channel, request) ->
        runs(channel).listRuns(request.build()));
    cancelRun = new Rpc<>("RunService", "CancelRun", () -> CancelRunRequest.newBuilder().setRunId(run),
        (channel, request) -> runs(channel).cancelRun(request.build()));
    replayRun = new Rpc<>("RunService", "ReplayRun", () -> ReplayRunRequest.newBuilder().setRunId(run),
        (channel, request) -> runs(channel).replayRun(request.build()));
    // The runs of a workflow no case triggers: none to cancel or replay.
    cancelRuns = new Rpc<>("RunService", "CancelRuns", () -> CancelRunsRequest.newBuilder()
        .setFilter(RunFilter.newBuilder().setWorkflowName(AdversarialEngine.PAUSABLE)), (channel, request) ->
        runs(channel).cancelRuns(request.build()));
    replayRuns = new Rpc<>("RunService", "ReplayRuns", () -> ReplayRunsRequest.newBuilder()
        .setFilter(RunFilter.newBuilder().setWorkflowName(AdversarialEngine.PAUSABLE)), (channel, request) ->
        runs(channel).replayRuns(request.build()));
    // A finished run no other request names: only a case that was wrongly accepted could delete it.
    deleteRun = new Rpc<>("RunService", "DeleteRun", () -> DeleteRunRequest.newBuilder()
        .setRunId(engine.spareRun.toString()), (channel, request) -> runs(channel).deleteRun(request.build()));
    deleteRuns = new Rpc<>("RunService", "DeleteRuns", () -> DeleteRunsRequest.newBuilder()
        .setFilter(RunFilter.newBuilder().setWorkflowName(AdversarialEngine.PAUSABLE)), (channel, request) ->
        runs(channel).deleteRuns(request.build()));
    // A new event (the engine gives it an id) that the key's trigger matches: an accepted push starts one run.
    pushEvent = new Rpc<>("RunService", "PushEvent", () -> PushEventRequest.newBuilder()
        .setKey(AdversarialEngine.PUSHED_KEY).setPayloadJson("{}")
        .putMetadata(AdversarialEngine.ORIGIN, AdversarialEngine.ORIGIN_VALUE), (channel, request) ->
        runs(channel).pushEvent(request.build()));
    listPushedEvents = new Rpc<>("RunService", "ListPushedEvents", () -> ListPushedEventsRequest.newBuilder()
        .setKey(AdversarialEngine.PUSHED_KEY).setLimit(10), (channel, request) ->
        runs(channel).listPushedEvents(request.build()));
    watchRun = new Rpc<>("RunService", "WatchRun", () -> WatchRunRequest.newBuilder().setRunId(run)
        .setAfterSeq(engine.finishedRunLastSeq), (channel, request) -> drain(runs(channel).watchRun(request.build())));
    watchRuns = new Rpc<>("RunService", "WatchRuns", WatchRunsRequest::newBuilder, (channel, request) ->
        drain(runs(channel).watchRuns(request.build())));
    createToken = new Rpc<>("AdminService", "CreateToken", () -> CreateTokenRequest.newBuilder()
        .setName("adversarial").setRole(Role.ROLE_WORKER), (channel, request) ->
        admin(channel).createToken(request.build()));
    listTokens = new Rpc<>("AdminService", "ListTokens", ListTokensRequest::newBuilder, (channel, request) ->
        admin(channel).listTokens(request.build()));
    revokeToken = new Rpc<>("AdminService", "RevokeToken", () -> RevokeTokenRequest.newBuilder().setId("unused"),
        (channel, request) -> admin(channel).revokeToken(request.build()));
    setRateLimit = new Rpc<>("AdminService", "SetRateLimit", () -> SetRateLimitRequest.newBuilder()
        .setLimit(RateLimitSetting.newBuilder().setName("adversarial").setUnits(10).setPeriodMs(1000)),
        (channel, request) -> admin(channel).setRateLimit(request.build()));
    listRateLimits = new Rpc<>("AdminService", "ListRateLimits", ListRateLimitsRequest::newBuilder,
        (channel, request) -> admin(channel).listRateLimits(request.build()));
    listWorkers = new Rpc<>("AdminService", "ListWorkers", ListWorkersRequest::newBuilder,
        (channel, request) -> admin(channel).listWorkers(request.build()));
    whoAmI = new Rpc<>("AuthService", "WhoAmI", WhoAmIRequest::newBuilder, (channel, request) ->
        AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .whoAmI(request.build()));
    createSchedule = new Rpc<>("ScheduleService", "CreateSchedule", () -> CreateScheduleRequest.newBuilder()
        .setSpec(validSpec("adversarial-created-" + created.incrementAndGet())), (channel, request) ->
        schedules(channel).createSchedule(request.build()));
    updateSchedule = new Rpc<>("ScheduleService", "UpdateSchedule", () -> UpdateScheduleRequest.newBuilder()
        .setSpec(validSpec(AdversarialEngine.SCHEDULE)), (channel, request) ->
        schedules(channel).updateSchedule(request.build()));
    getSchedule = new Rpc<>("ScheduleService", "GetSchedule", () -> GetScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SCHEDULE), (channel, request) -> schedules(channel).getSchedule(request.build()));
    listSchedules = new Rpc<>("ScheduleService", "ListSchedules", ListSchedulesRequest::newBuilder,
        (channel, request) -> schedules(channel).listSchedules(request.build()));
    pauseWorkflow = new Rpc<>("WorkflowService", "PauseWorkflow", () -> PauseWorkflowRequest.newBuilder()
        .setWorkflowName(AdversarialEngine.PAUSABLE), (channel, request) -> workflows(channel)
        .pauseWorkflow(request.build()));
    resumeWorkflow = new Rpc<>("WorkflowService", "ResumeWorkflow", () -> ResumeWorkflowRequest.newBuilder()
        .setWorkflowName(AdversarialEngine.PAUSABLE), (channel, request) -> workflows(channel)
        .resumeWorkflow(request.build()));
    listPausedWorkflows = new Rpc<>("WorkflowService", "ListPausedWorkflows", ListPausedWorkflowsRequest::newBuilder,
        (channel, request) -> workflows(channel).listPausedWorkflows(request.build()));
    // The workflow no case triggers: whatever period a case sets, retention has none of its runs to delete.
    setRetention = new Rpc<>("WorkflowService", "SetRetention", () -> SetRetentionRequest.newBuilder()
        .setWorkflowName(AdversarialEngine.PAUSABLE).setRetentionMs(86_400_000L), (channel, request) ->
        workflows(channel).setRetention(request.build()));
    clearRetention = new Rpc<>("WorkflowService", "ClearRetention", () -> ClearRetentionRequest.newBuilder()
        .setWorkflowName(AdversarialEngine.PAUSABLE), (channel, request) ->
        workflows(channel).clearRetention(request.build()));
    listRetentions = new Rpc<>("WorkflowService", "ListRetentions", ListRetentionsRequest::newBuilder,
        (channel, request) -> workflows(channel).listRetentions(request.build()));
    // On a key no case pushes: a created trigger starts nothing.
    createEventTrigger = new Rpc<>("WorkflowService", "CreateEventTrigger", () -> CreateEventTriggerRequest
        .newBuilder().setName("adversarial-created-trigger-" + createdTriggers.incrementAndGet())
        .setEventKey(AdversarialEngine.TRIGGER_KEY).setWorkflowName(AdversarialEngine.WORKFLOW)
        .setFilter("/payload/type == \"raw-tracks\""), (channel, request) ->
        workflows(channel).createEventTrigger(request.build()));
    deleteEventTrigger = new Rpc<>("WorkflowService", "DeleteEventTrigger", () -> DeleteEventTriggerRequest
        .newBuilder().setName(AdversarialEngine.SPARE_TRIGGER), (channel, request) ->
        workflows(channel).deleteEventTrigger(request.build()));
    listEventTriggers = new Rpc<>("WorkflowService", "ListEventTriggers", ListEventTriggersRequest::newBuilder,
        (channel, request) -> workflows(channel).listEventTriggers(request.build()));
    pauseSchedule = new Rpc<>("ScheduleService", "PauseSchedule", () -> PauseScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SCHEDULE), (channel, request) -> schedules(channel).pauseSchedule(request.build()));
    resumeSchedule = new Rpc<>("ScheduleService", "ResumeSchedule", () -> ResumeScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SCHEDULE), (channel, request) ->
        schedules(channel).resumeSchedule(request.build()));
    deleteSchedule = new Rpc<>("ScheduleService", "DeleteSchedule", () -> DeleteScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SPARE_SCHEDULE), (channel, request) ->
        schedules(channel).deleteSchedule(request.build()));
    triggerSchedule = new Rpc<>("ScheduleService", "TriggerSchedule", () -> TriggerScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SCHEDULE), (channel, request) ->
        schedules(channel).triggerSchedule(request.build()));
    backfillSchedule = new Rpc<>("ScheduleService", "BackfillSchedule", () -> BackfillScheduleRequest.newBuilder()
        .setName(AdversarialEngine.SCHEDULE).setFrom(BACKFILL_FROM).setTo(BACKFILL_TO), (channel, request) ->
        schedules(channel).backfillSchedule(request.build()));
  }

  List<Rpc<?>> all() {
    return List.of(trigger, bulkTrigger, getRun, awaitRun, triggerAndAwait, listEvents, listRuns, cancelRun, replayRun, cancelRuns, replayRuns,
        deleteRun, deleteRuns, pushEvent, listPushedEvents, watchRun, watchRuns, createToken, listTokens, revokeToken,
        setRateLimit, listRateLimits, listWorkers, whoAmI, createSchedule, updateSchedule, getSchedule, listSchedules,
        pauseSchedule, resumeSchedule, deleteSchedule, triggerSchedule, backfillSchedule, pauseWorkflow,
        resumeWorkflow, listPausedWorkflows, setRetention, clearRetention, listRetentions, createEventTrigger,
        deleteEventTrigger, listEventTriggers);
  }

  /** A spec of the engine's yearly schedule under {@code name}: no tick of it runs during a test. */
  static ScheduleSpec.Builder validSpec(String name) {
    return ScheduleSpec.newBuilder().setName(name).setWorkflowName(AdversarialEngine.WORKFLOW)
        .setCron(AdversarialEngine.YEARLY).setInputJson("{\"a\":1}").putMetadata("origin", "adversarial");
  }

  static TriggerRequest.Builder validTrigger() {
    return TriggerRequest.newBuilder().setWorkflowName(AdversarialEngine.WORKFLOW).setInputJson("{\"a\":1}")
        .putMetadata("origin", "adversarial");
  }

  private static RunServiceGrpc.RunServiceBlockingStub runs(Channel channel) {
    return RunServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows(Channel channel) {
    return WorkflowServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static ScheduleServiceGrpc.ScheduleServiceBlockingStub schedules(Channel channel) {
    return ScheduleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static AdminServiceGrpc.AdminServiceBlockingStub admin(Channel channel) {
    return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static void drain(Iterator<?> events) {
    while (events.hasNext()) {
      events.next();
    }
  }
}
