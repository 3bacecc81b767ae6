package io.spry.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System properties set for the time a job's {@code main} runs, then put back as they were: how
 * {@code spry run}'s options reach the {@code JobConfig} a job makes.
 */
final class ScopedProperties implements AutoCloseable {
  private final Map<String, String> previous = new LinkedHashMap<>();

  private ScopedProperties(Map<String, String> values) {
    values.forEach(
        (k, v) -> {
          previous.put(k, System.getProperty(k));
          System.setProperty(k, v);
        });
  }

  static ScopedProperties set(Map<String, String> values) {
    return new ScopedProperties(values);
  }

  @Override
  public void close() {
    previous.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }
}
