package io.spry.nexmark;

/**
 * What a query run produced, in a form two runs can be compared by.
 *
 * @param rows the rows emitted (for an update stream, every update)
 * @param checksum the sum of the {@link Fingerprint}s of the result rows: every row, or for an
 *     update stream the last row of each key. Independent of order and of parallelism.
 */
public record QueryResult(long rows, long checksum) {
  public QueryResult plus(QueryResult other) {
    return new QueryResult(rows + other.rows, checksum + other.checksum);
  }
}
