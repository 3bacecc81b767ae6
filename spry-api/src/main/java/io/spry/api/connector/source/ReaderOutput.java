package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/** Where a source reader emits records. */
@Public
public interface ReaderOutput<T> {
  /** Emits a record without a timestamp (the watermark strategy may assign one). */
  void collect(T record);

  /** Emits a record with an event timestamp in milliseconds. */
  void collect(T record, long timestamp);
}
