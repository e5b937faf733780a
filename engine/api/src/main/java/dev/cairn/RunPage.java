package dev.cairn;

import java.util.List;

/**
 * One page of {@link Cairn#listRuns}, newest first.
 *
 * @param nextPageToken pass to {@link RunQuery.Builder#pageToken} for the next page; null on the last page
 */
public record RunPage(List<RunSummary> runs, String nextPageToken) {}
