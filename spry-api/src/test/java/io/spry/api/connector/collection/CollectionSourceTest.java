package io.spry.api.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.testing.CollectingOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestReaderContext;
import io.spry.api.types.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollectionSourceTest {
  private final ManualClock clock = new ManualClock();

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static CollectionSource<Integer> source(List<Integer> elements) {
    return new CollectionSource<>(elements, TypeInfo.of(Integer.class));
  }

  @Test
  void emitsAllElementsInOrder() throws Exception {
    List<Integer> elements = range(2500);
    try (var h = new SourceHarness<>(source(elements), 1, clock)) {
      assertThat(h.runToEnd(100)).containsExactlyElementsOf(elements);
    }
  }

  @Test
  void isBoundedWithTheGivenType() {
    CollectionSource<Integer> s = source(List.of(1));
    assertThat(s.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(s.getProducedType().getTypeClass()).isEqualTo(Integer.class);
    assertThat(s.isBlocking()).isFalse();
  }

  @Test
  void subtaskZeroReadsEverythingAndOthersEndAtOnce() throws Exception {
    List<Integer> elements = range(1234);
    try (var h = new SourceHarness<>(source(elements), 3, clock)) {
      h.step();
      h.step();
      assertThat(h.status(1)).isEqualTo(InputStatus.END_OF_INPUT);
      assertThat(h.status(2)).isEqualTo(InputStatus.END_OF_INPUT);
      h.runToEnd(100);
      assertThat(h.output(0)).containsExactlyElementsOf(elements);
      assertThat(h.output(1)).isEmpty();
      assertThat(h.output(2)).isEmpty();
    }
  }

  @Test
  void emptyListEndsWithoutRecords() throws Exception {
    try (var h = new SourceHarness<>(source(List.of()), 1, clock)) {
      assertThat(h.runToEnd(10)).isEmpty();
    }
  }

  @Test
  void emitsAtMostAThousandPerPoll() throws Exception {
    SourceReader<Integer, CollectionSplit> reader =
        source(range(2500)).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new CollectionSplit(0)));
    CollectingOutput<Integer> out = new CollectingOutput<>();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(out.records).hasSize(1000);
  }

  @Test
  void resumesFromASnapshotWithoutLossOrDuplicates() throws Exception {
    List<Integer> elements = range(2500);
    CollectionSource<Integer> source = source(elements);
    TestReaderContext ctx1 = new TestReaderContext(0, 1, clock);
    SourceReader<Integer, CollectionSplit> first = source.createReader(ctx1);
    first.start();
    assertThat(ctx1.requests()).isEqualTo(1);
    first.addSplits(List.of(new CollectionSplit(0)));
    CollectingOutput<Integer> out = new CollectingOutput<>();
    first.pollNext(out);
    List<CollectionSplit> snapshot = first.snapshotState(1);
    assertThat(snapshot).containsExactly(new CollectionSplit(1000));
    first.close();

    SourceReader<Integer, CollectionSplit> second =
        source.createReader(new TestReaderContext(0, 1, clock));
    second.start();
    second.addSplits(snapshot);
    second.notifyNoMoreSplits();
    List<Integer> rest = drain(second);

    List<Integer> all = new ArrayList<>(out.records);
    all.addAll(rest);
    assertThat(all).containsExactlyElementsOf(elements);
  }

  @Test
  void aFinishedReaderSnapshotsNothing() throws Exception {
    SourceReader<Integer, CollectionSplit> reader =
        source(range(10)).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new CollectionSplit(0)));
    reader.notifyNoMoreSplits();
    drain(reader);
    assertThat(reader.snapshotState(7)).isEmpty();
  }

  @Test
  void rejectsNullElementsAndNegativePositions() {
    List<Integer> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> source(withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CollectionSplit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  static <T> List<T> drain(SourceReader<T, ?> reader) throws Exception {
    CollectingOutput<T> out = new CollectingOutput<>();
    for (int i = 0; i < 100_000; i++) {
      if (reader.pollNext(out) == InputStatus.END_OF_INPUT) {
        return out.records;
      }
    }
    throw new AssertionError("reader did not end");
  }
}
