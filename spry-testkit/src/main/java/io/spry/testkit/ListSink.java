package io.spry.testkit;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.Sink;
import io.spry.api.connector.sink.SinkContext;
import io.spry.api.connector.sink.SinkWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps every record it receives, for the test to read. All its subtasks add to one
 * list: the records of one subtask keep their order; those of different subtasks interleave.
 *
 * <pre>{@code
 * ListSink<String> sink = new ListSink<>();
 * stream.sinkTo(sink);
 * env.execute();
 * assertThat(sink.getRecords()).containsExactlyInAnyOrder("a", "b");
 * }</pre>
 *
 * <p>For the embedded runtime only: the records live in this object, which the embedded runtime
 * shares with its subtasks by reference (a sink shipped to another JVM, by serialization, keeps
 * nothing and fails when it starts). Thread-safe.
 */
@Public
public final class ListSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final transient List<TimestampedValue<T>> records = new ArrayList<>();

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    if (records == null) {
      throw new IllegalStateException(
          "A ListSink works only in the embedded runtime: this one was copied by serialization"
              + " and cannot reach the test's list");
    }
    return (element, ctx) -> {
      Long ts = ctx.timestamp();
      TimestampedValue<T> r =
          new TimestampedValue<>(element, ts == null ? TimestampedValue.NO_TIMESTAMP : ts);
      synchronized (records) {
        records.add(r);
      }
    };
  }

  /** Writing to a list never blocks: the sink runs on the cooperative workers. */
  @Override
  public boolean isBlocking() {
    return false;
  }

  /** The records received so far, in the order they arrived. */
  public List<T> getRecords() {
    synchronized (records) {
      return records.stream().map(TimestampedValue::value).toList();
    }
  }

  /** The records received so far, in the order they arrived, with their timestamps. */
  public List<TimestampedValue<T>> getRecordsWithTimestamps() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** Forgets the records received so far. */
  public void clear() {
    synchronized (records) {
      records.clear();
    }
  }
}
