package dev.cairn.db;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The statements behind metrics gauges. Thread-safe. */
public final class MetricStore {
  private final Jdbi jdbi;

  MetricStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Queued steps per workflow (with the oldest runnable one's time) and unfinished runs per status, in one read. */
  public List<GaugeRow> stepQueueGauges() {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepQueueGauges")
        .map((rs, ctx) -> new GaugeRow(rs.getString("part"), rs.getString("name"), rs.getLong("count"),
            Rows.instant(rs, "since")))
        .list());
  }
}
