package io.spry.runtime.operator;

import io.spry.api.functions.Collector;

/** A reusable collector that emits with the timestamp of the record being processed. */
public final class TimestampedCollector<T> implements Collector<T> {
  private final Output<T> output;
  private long timestamp = Long.MIN_VALUE;

  public TimestampedCollector(Output<T> output) {
    this.output = output;
  }

  public void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  @Override
  public void collect(T record) {
    output.collect(record, timestamp);
  }
}
