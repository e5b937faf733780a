package dev.cairn.internal.runs;

import dev.cairn.NotFoundException;
import dev.cairn.RunEvent;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import dev.cairn.db.EventRow;
import dev.cairn.db.RunFilter;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads runs, their steps and their events, and maps them to the public views. Thread-safe. */
public final class RunReader {
  /** Most events returned by one read. */
  public static final int MAX_EVENTS = 1000;
  private final Store store;
  private final PayloadCodec codec;
  private final WorkflowRegistry registry;
  private final RunView.OutputDecoder decoder;

  public RunReader(Store store, PayloadCodec codec, WorkflowRegistry registry) {
    this.store = store;
    this.codec = codec;
    this.registry = registry;
    this.decoder = new RunView.OutputDecoder() {
      @Override
      public <T> T decode(String json, Type type) {
        return codec.decode(json, type);
      }
    };
  }

  /** The workflow's single terminal step (the run's output), or null when it has several or is unknown here. */
  private String terminalStep(String workflowName) {
    try {
      List<StepDefinition> terminal = registry.get(workflowName).terminalSteps();
      return terminal.size() == 1 ? terminal.get(0).name() : null;
    } catch (RuntimeException unknownHere) {
      return null;
    }
  }

  public Optional<RunView> find(UUID id) {
    return store.runGetWithSteps(id).map(found -> view(found.run(), found.steps()));
  }

  public RunView get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("no run with id " + id));
  }

  public Optional<RunStatus> status(UUID id) {
    return store.runGet(id).map(run -> RunStatus.valueOf(run.status()));
  }

  public List<RunEvent> events(UUID runId, long afterSeq, int limit) {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must be >= 0, got " + afterSeq);
    }
    if (limit < 1 || limit > MAX_EVENTS) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_EVENTS + ", got " + limit);
    }
    List<RunEvent> events = store.eventListAfter(runId, afterSeq, limit).stream().map(RunReader::event).toList();
    if (events.isEmpty()) {
      // Nothing found: tell an unknown run and a position past the log's end from a log read to its end.
      RunRow run = store.runGet(runId).orElseThrow(() -> new NotFoundException("no run with id " + runId));
      if (afterSeq > run.lastEventSeq()) {
        throw new IllegalArgumentException("afterSeq " + afterSeq + " is past the run's last event ("
            + run.lastEventSeq() + ")");
      }
    }
    return events;
  }

  static RunEvent event(EventRow row) {
    return new RunEvent(row.runId(), row.seq(), row.type(), row.stepName(), row.attempt(), row.payloadJson(),
        row.createdAt());
  }

  /**
   * One page of runs, newest first.
   *
   * @throws IllegalArgumentException if the page token is not one this method returned
   */
  public RunPage list(RunQuery query) {
    PageToken after = query.pageToken() == null ? null : PageToken.decode(query.pageToken());
    List<RunRow> rows = store.runList(new RunFilter(query.workflowName(),
        query.statuses().stream().map(Enum::name).sorted().toList(), codec.encode(query.metadata()),
        query.createdFrom(), query.createdTo(), after == null ? null : after.afterCreatedAt(),
        after == null ? null : after.afterId(), query.pageSize() + 1));
    boolean more = rows.size() > query.pageSize();
    List<RunRow> page = more ? rows.subList(0, query.pageSize()) : rows;
    String next = null;
    if (more) {
      RunRow last = page.get(page.size() - 1);
      next = new PageToken(last.createdAt(), last.id()).encode();
    }
    return new RunPage(page.stream().map(this::summary).toList(), next);
  }

  private RunSummary summary(RunRow run) {
    return new RunSummary(run.id(), run.workflowName(), RunStatus.valueOf(run.status()),
        codec.decodeStringMap(run.metadataJson()), run.error(), run.createdAt(), run.startedAt(), run.finishedAt(),
        run.parentRunId(), run.startAt());
  }

  private RunView view(RunRow run, List<StepRow> steps) {
    // A queued step of a paused workflow says so (the pause is a row of its own, not written on every step).
    String paused = steps.stream().noneMatch(step -> step.status().equals("QUEUED")) ? null
        : store.pauses().workflowPausedSince(run.workflowName())
            .map(since -> "workflow " + run.workflowName() + " is paused (since " + since + ")").orElse(null);
    List<StepView> views = steps.stream().map(step -> new StepView(step.stepName(), StepStatus.valueOf(step.status()),
        step.attempt(), step.failures(), step.workerId(), step.queuedAt(), step.startedAt(), step.finishedAt(),
        step.outputJson(), step.error(), paused != null && step.status().equals("QUEUED") ? paused
            : step.blockedReason())).toList();
    return new RunView(run.id(), run.workflowName(), RunStatus.valueOf(run.status()),
        codec.decodeStringMap(run.metadataJson()), run.error(), run.createdAt(), run.startedAt(), run.finishedAt(),
        run.startAt(), views, terminalStep(run.workflowName()), decoder);
  }
}
