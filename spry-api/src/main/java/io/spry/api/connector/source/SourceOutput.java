package io.spry.api.connector.source;

import io.spry.api.annotation.Public;

/** Emits records of a source, with or without an event timestamp. */
@Public
public interface SourceOutput<T> {
  /** Emits a record without a timestamp (the watermark strategy may assign one). */
  void collect(T record);

  /** Emits a record with an event timestamp in milliseconds. */
  void collect(T record, long timestamp);
}
