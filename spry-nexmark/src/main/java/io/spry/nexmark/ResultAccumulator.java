package io.spry.nexmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums up a query's output rows into a {@link QueryResult}, and optionally keeps the result rows
 * (for tests). For an update stream it keeps the last row per key, which must all pass through the
 * same accumulator. Not thread-safe: one per thread or subtask, then {@link #result()}s added.
 */
public final class ResultAccumulator {
  private final Query query;
  private final boolean keepRows;
  private final Map<Object, Object> last;
  private final List<Object> rows;
  private long count;
  private long checksum;

  public ResultAccumulator(Query query, boolean keepRows) {
    this.query = query;
    this.keepRows = keepRows;
    this.last = query.emitsUpdates() ? new HashMap<>() : null;
    this.rows = keepRows && !query.emitsUpdates() ? new ArrayList<>() : null;
  }

  public void add(Object row) {
    count++;
    if (last != null) {
      last.put(query.updateKey(row), row);
    } else {
      checksum += Fingerprint.of(row);
      if (keepRows) {
        rows.add(row);
      }
    }
  }

  public QueryResult result() {
    long sum = checksum;
    if (last != null) {
      for (Object row : last.values()) {
        sum += Fingerprint.of(row);
      }
    }
    return new QueryResult(count, sum);
  }

  /** The result rows: every row, or the last per key; empty unless rows are kept. */
  public List<Object> rows() {
    if (!keepRows) {
      return List.of();
    }
    return last != null ? new ArrayList<>(last.values()) : rows;
  }
}
