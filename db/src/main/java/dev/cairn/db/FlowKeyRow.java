package dev.cairn.db;

/**
 * A flow key as an admission sees it, locked.
 *
 * @param kind "CONCURRENCY" or "RATE"
 * @param maxUnits most holders (concurrency) or units per period (rate); null when not limited
 * @param periodMs a rate limit's period; null for a concurrency key
 * @param inFlight holders as the locked row counts them, releases still in the ledger included (concurrency)
 */
public record FlowKeyRow(long id, String kind, String rule, String key, Integer maxUnits, Long periodMs,
    int inFlight) {
  public boolean isRate() {
    return "RATE".equals(kind);
  }
}
