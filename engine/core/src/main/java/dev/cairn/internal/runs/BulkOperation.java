package dev.cairn.internal.runs;

import dev.cairn.BulkResult;
import dev.cairn.CairnException;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One bulk cancel, replay or delete: walks the query's matches in the states it acts on a page at a time (newest
 * first, by the list's keyset, so runs leaving the filter as they change skip nothing) and applies the operation to
 * each page before reading the next. Repeating it is safe: a run it changed has left the states it acts on.
 * Stateless; thread-safe.
 */
final class BulkOperation {
  static final int PAGE = 500;

  /** What the operation does to one page of runs; returns how many it changed. */
  interface PageAction {
    long apply(List<UUID> runIds);
  }

  private final RunReader reader;

  BulkOperation(RunReader reader) {
    this.reader = reader;
  }

  /**
   * Submits one outcome per run to the completer (which writes a page in a few batched transactions) and waits for
   * the page; a page not written within {@code pageTimeout} ends the operation with an error saying to repeat it.
   */
  static PageAction throughCompleter(Completer completer, Duration pageTimeout, Function<UUID, StepOutcome> outcome) {
    return runIds -> {
      List<CompletableFuture<Boolean>> submitted = new ArrayList<>(runIds.size());
      for (UUID run : runIds) {
        submitted.add(completer.submit(outcome.apply(run)));
      }
      return await(submitted, pageTimeout);
    };
  }

  /**
   * @param actsOn the states the operation changes; the query's own statuses narrow them
   * @throws IllegalArgumentException for a query with no criterion (it would match every run)
   */
  BulkResult apply(RunQuery query, Set<RunStatus> actsOn, PageAction action) {
    if (query.workflowName() == null && query.statuses().isEmpty() && query.metadata().isEmpty()
        && query.createdFrom() == null && query.createdTo() == null) {
      throw new IllegalArgumentException("the filter is empty: it would match every run; name a workflow, a status,"
          + " metadata or a time range");
    }
    Set<RunStatus> statuses = EnumSet.copyOf(actsOn);
    if (!query.statuses().isEmpty()) {
      statuses.retainAll(query.statuses());
    }
    if (statuses.isEmpty()) {
      return new BulkResult(0, 0);
    }
    long matched = 0;
    long changed = 0;
    String token = null;
    do {
      RunQuery.Builder page = RunQuery.builder().workflow(query.workflowName()).metadata(query.metadata())
          .status(statuses.toArray(RunStatus[]::new)).pageSize(PAGE).pageToken(token);
      if (query.createdFrom() != null) {
        page.createdFrom(query.createdFrom());
      }
      if (query.createdTo() != null) {
        page.createdTo(query.createdTo());
      }
      RunPage runs = reader.list(page.build());
      List<UUID> ids = runs.runs().stream().map(RunSummary::id).toList();
      matched += ids.size();
      changed += ids.isEmpty() ? 0 : action.apply(ids);
      token = runs.nextPageToken();
    } while (token != null);
    return new BulkResult(matched, changed);
  }

  private static long await(List<CompletableFuture<Boolean>> submitted, Duration pageTimeout) {
    try {
      CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new))
          .get(pageTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return submitted.stream().filter(CompletableFuture::join).count();
    } catch (TimeoutException e) {
      throw new CairnException("a page of " + submitted.size() + " runs was not written within " + pageTimeout
          + "; repeat the operation to finish it (it is safe to repeat)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CairnException("interrupted; repeat the operation to finish it", e);
    } catch (ExecutionException e) {
      throw new CairnException("the completer failed a page: " + e.getCause(), e.getCause());
    }
  }
}
