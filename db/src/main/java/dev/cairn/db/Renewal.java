package dev.cairn.db;

/** What a lease renewal found for one attempt (see stepRenewLeaseAll.sql). */
public enum Renewal {
  /** The lease was extended. */
  RENEWED,
  /** The row was locked by another transaction; the attempt still held its lease at the last commit. Ask again. */
  BUSY,
  /** The attempt is no longer current, running, or held by this holder: it must stop. */
  LOST
}
