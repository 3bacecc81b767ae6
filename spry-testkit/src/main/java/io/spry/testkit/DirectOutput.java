package io.spry.testkit;

import io.spry.api.OutputTag;
import io.spry.runtime.exchange.RecordWriter;
import java.util.List;

/** Records what the operator emits as it emits it. */
final class DirectOutput implements HarnessOutput {
  private final OutputBuffer buffer;

  DirectOutput(OutputBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public void collect(Object record, long timestamp) {
    buffer.record(record, timestamp);
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    buffer.sideRecord(tag.getId(), record, timestamp);
  }

  @Override
  public void emitWatermark(long watermark) {
    buffer.watermark(watermark);
  }

  @Override
  public void drain() {}

  @Override
  public List<RecordWriter> writers() {
    return List.of();
  }
}
