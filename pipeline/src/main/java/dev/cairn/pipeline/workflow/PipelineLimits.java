package dev.cairn.pipeline.workflow;

import java.time.Duration;

/**
 * Upstream's flow control (§2.2 and its worker pools), shared by the workflows that declare it and the processes
 * that set it up: the {@code llm} rate limit every LLM-calling step takes units of, and the worker label that
 * sends the mixdown to the CPU pool.
 */
public final class PipelineLimits {
  /** The rate limit shared by every LLM call in the system ({@code LLM_RATE_LIMIT_KEY}). */
  public static final String LLM = "llm";
  /** Units of {@link #LLM} per {@link #LLM_PERIOD} ({@code LLM_RATE_LIMIT_PER_SECOND}). */
  public static final int LLM_PER_SECOND = 10;
  public static final Duration LLM_PERIOD = Duration.ofSeconds(1);
  /** The label key of a worker pool. */
  public static final String POOL = "pool";
  /** The pool that runs the mixdown: one slot per worker, one mixdown in the whole system. */
  public static final String CPU_HEAVY = "cpu-heavy";
  /** The pool that runs everything else (LLM and I/O bound steps). */
  public static final String LLM_IO = "llm-io";
  /** Topic-chunk runs in flight in the whole system. */
  public static final int TOPIC_CHUNKS_AT_ONCE = 20;

  private PipelineLimits() {}
}
