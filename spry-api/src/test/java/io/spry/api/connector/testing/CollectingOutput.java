package io.spry.api.connector.testing;

import io.spry.api.connector.source.ReaderOutput;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a reader emits. */
public final class CollectingOutput<T> implements ReaderOutput<T> {
  public final List<T> records = new ArrayList<>();

  @Override
  public void collect(T record) {
    records.add(record);
  }

  @Override
  public void collect(T record, long timestamp) {
    records.add(record);
  }
}
