package dev.cairn;

import java.util.List;

/**
 * One page of {@link Workers#list}, by worker id.
 *
 * @param nextPageToken pass to {@link WorkerQuery.Builder#pageToken} for the next page; null on the last page
 */
public record WorkerPage(List<WorkerInfo> workers, String nextPageToken) {
  public WorkerPage {
    workers = List.copyOf(workers);
  }
}
