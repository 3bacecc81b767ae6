package io.spry.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a harnessed operator emitted, in order: records, side-output records and watermarks. */
final class OutputBuffer {
  private final List<TimestampedValue<Object>> records = new ArrayList<>();
  private final Map<String, List<TimestampedValue<Object>>> sideRecords = new HashMap<>();
  private final List<Long> watermarks = new ArrayList<>();

  void record(Object value, long timestamp) {
    records.add(new TimestampedValue<>(value, timestamp));
  }

  void sideRecord(String tagId, Object value, long timestamp) {
    sideRecords
        .computeIfAbsent(tagId, id -> new ArrayList<>())
        .add(new TimestampedValue<>(value, timestamp));
  }

  void watermark(long watermark) {
    watermarks.add(watermark);
  }

  List<TimestampedValue<Object>> records() {
    return List.copyOf(records);
  }

  List<TimestampedValue<Object>> sideRecords(String tagId) {
    return List.copyOf(sideRecords.getOrDefault(tagId, List.of()));
  }

  List<Long> watermarks() {
    return List.copyOf(watermarks);
  }

  void clear() {
    records.clear();
    sideRecords.clear();
    watermarks.clear();
  }
}
