package dev.cairn;

/**
 * The worker inventory: every remote worker connected to any engine node of the database, every node's own slots,
 * and the workers that went away within the last day, with what each serves and with which code. The embedded
 * engine ({@code Cairn.workers()}) and a client ({@code CairnClient.workers()}, an admin token) both implement it.
 * Thread-safe.
 */
public interface Workers {
  /** One page of workers by worker id. @throws IllegalArgumentException for a page token not from a previous page */
  WorkerPage list(WorkerQuery query);

  /** The first page of every worker (up to {@link WorkerQuery#DEFAULT_PAGE_SIZE}). */
  default WorkerPage list() {
    return list(WorkerQuery.builder().build());
  }
}
