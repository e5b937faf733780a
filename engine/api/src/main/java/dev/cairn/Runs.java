package dev.cairn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Operating runs: trigger, read, wait for, list, watch, cancel and replay them, and push events. The embedded
 * engine ({@code Cairn}) and a client of a remote one ({@code CairnClient}) both implement it, so code written
 * against {@code Runs} runs against either. Implementations are thread-safe.
 *
 * <p>Errors: bad input (an unknown workflow, input that does not fit the workflow's input type, malformed
 * options) raises {@link IllegalArgumentException} or {@link CairnException} naming what was wrong, and nothing
 * is written; an unknown run raises {@link CairnException}.
 */
public interface Runs {
  /**
   * Starts a run of {@code workflow} (an idempotency key in {@code options} that was used before returns the
   * existing run). The handle's {@link RunHandle#result(Duration)} is typed by the reference.
   */
  <I, O> RunHandle<O> trigger(WorkflowRef<I, O> workflow, I input, TriggerOptions options);

  default <I, O> RunHandle<O> trigger(WorkflowRef<I, O> workflow, I input) {
    return trigger(workflow, input, TriggerOptions.NONE);
  }

  /** Starts a run of the workflow named {@code workflowName}; see {@link #trigger(WorkflowRef, Object, TriggerOptions)}. */
  default RunHandle<Object> trigger(String workflowName, Object input, TriggerOptions options) {
    return trigger(WorkflowRef.named(workflowName), input, options);
  }

  default RunHandle<Object> trigger(String workflowName, Object input) {
    return trigger(workflowName, input, TriggerOptions.NONE);
  }

  /** Starts a run of the workflow class annotated {@link Workflow} (its name is read from the annotation). */
  default RunHandle<Object> trigger(Class<?> workflowClass, Object input, TriggerOptions options) {
    return trigger(WorkflowRef.nameOf(workflowClass), input, options);
  }

  default RunHandle<Object> trigger(Class<?> workflowClass, Object input) {
    return trigger(workflowClass, input, TriggerOptions.NONE);
  }

  /** Starts one run per input, all or none; handles in input order. */
  List<RunHandle<Object>> triggerAll(String workflowName, List<?> inputs, TriggerOptions options);

  /** A handle on a run that exists (no call is made). */
  default RunHandle<Object> handle(UUID runId) {
    return new RunHandle<>(runId, this, Object.class);
  }

  /** The run with its steps. @throws CairnException if there is no such run */
  RunView getRun(UUID runId);

  /** Waits until the run is final and returns it. @throws CairnException if it is not final within the timeout */
  RunView await(UUID runId, Duration timeout);

  /**
   * Starts a run and waits until it is final: {@code await(trigger(workflowName, input, options).id(), timeout)},
   * which a remote client does in one round trip.
   *
   * @throws CairnException if the run is refused, or not final within the timeout (it goes on)
   */
  default RunView triggerAndAwait(String workflowName, Object input, TriggerOptions options, Duration timeout) {
    return await(trigger(workflowName, input, options).id(), timeout);
  }

  /**
   * Waits for the run and returns its output (its single terminal step's output) as {@code type}.
   *
   * @throws RunFailedException if the run failed or was cancelled
   * @throws IllegalStateException if the workflow has several terminal steps (read one with RunView.output)
   */
  default <T> T result(UUID runId, Class<T> type, Duration timeout) {
    return await(runId, timeout).result(type);
  }

  /** Events of the run with a sequence number above {@code afterSeq}, in order, at most {@code limit} (1..1000). */
  List<RunEvent> events(UUID runId, long afterSeq, int limit);

  /** One page of runs, newest first, filtered as the query says. */
  RunPage listRuns(RunQuery query);

  /**
   * Cancels an unfinished run: its queued and waiting steps, its running attempts (interrupted, their results
   * refused) and its unfinished child runs. A finished run is left as it is.
   */
  CancelResult cancel(UUID runId);

  /**
   * Replays a failed or cancelled run with the code registered now: its failed, cancelled and skipped steps run
   * again; succeeded steps keep their checkpoints.
   *
   * @throws IllegalStateException if the run is not failed or cancelled
   */
  void replay(UUID runId);

  /**
   * Cancels every unfinished run the query matches (its page size and token are ignored), a page at a time; safe
   * to repeat. An empty query (no workflow, status, metadata or time bound) is refused: it would match every run.
   *
   * @throws IllegalArgumentException for an empty query
   */
  BulkResult cancelAll(RunQuery query);

  /**
   * Replays every failed or cancelled run the query matches (see {@link #replay}), a page at a time; safe to repeat.
   *
   * @throws IllegalArgumentException for an empty query
   */
  BulkResult replayAll(RunQuery query);

  /**
   * Deletes a finished run now, with its steps, events, durable operations and child runs (as retention does when
   * the run is older than its workflow's retention period). A child run can be deleted on its own once its parent is
   * finished.
   *
   * @throws IllegalStateException if the run, its parent or one of its child runs is unfinished (nothing is deleted)
   * @throws CairnException if there is no such run
   */
  void delete(UUID runId);

  /**
   * Deletes every finished run the query matches (see {@link #delete}), a page at a time; runs whose parent or a
   * child run is unfinished are counted in {@code matched} but left. Safe to repeat. An empty query (no workflow,
   * status, metadata or time bound) is refused: it would match every run.
   *
   * @throws IllegalArgumentException for an empty query
   */
  BulkResult deleteAll(RunQuery query);

  /** Pushes an external event to the steps waiting for {@code key} (StepContext.waitForEvent). */
  void pushEvent(String key, Object payload);

  /**
   * Pushes an external event: the steps waiting for its key get it, and each event trigger of the key whose filter
   * matches starts its workflow once (a redelivery with the same event id starts nothing new and wakes no one
   * again). Returns the event as stored, with the runs its triggers started.
   */
  PushedEvent push(EventPush event);

  /** Up to {@code limit} (1..1000) pushed events, newest first, of {@code key} (null: of every key). */
  List<PushedEvent> pushedEvents(String key, int limit);

  /**
   * Streams the run's events after {@code afterSeq}, then new ones as they are appended, in order, until the run
   * is final or the subscription is closed. To resume after a disconnect, subscribe again from
   * {@link Subscription#lastSeq()}: no event is skipped or repeated.
   *
   * @param onEnd called once when the stream ends: with null when the run finished, else with the error
   */
  Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd);

  /**
   * Streams the events of every run created at or after {@code since} whose metadata contain all of
   * {@code metadata}, from each run's first event, then live, until the subscription is closed.
   */
  Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer,
      Consumer<Throwable> onEnd);
}
