package io.spry.api.connector.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.TestReaderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader that holds several blocks (after a restore at a lower parallelism) gives each its own
 * output from the moment it is assigned until it is read to its end, and reads the lowest first: so
 * the source's watermark, the minimum over its split outputs, never runs ahead of a block not read
 * yet. (Before, all blocks went through the reader's one output, in assignment order, and a block
 * read later found event time past its records.)
 */
class DataGeneratorReaderSplitsTest {

  /** Records which split outputs exist while each record is collected. */
  static final class PerSplitOutput implements ReaderOutput<Long> {
    final Map<String, List<Long>> bySplit = new LinkedHashMap<>();
    final List<String> live = new ArrayList<>();
    final List<String> liveAtFirstRecord = new ArrayList<>();
    final List<Long> order = new ArrayList<>();

    @Override
    public void collect(Long record) {
      throw new AssertionError("record " + record + " bypassed its split's output");
    }

    @Override
    public void collect(Long record, long timestamp) {
      collect(record);
    }

    @Override
    public SourceOutput<Long> createOutputForSplit(String splitId) {
      if (!live.contains(splitId)) {
        live.add(splitId);
      }
      return new SourceOutput<>() {
        @Override
        public void collect(Long record) {
          if (order.isEmpty()) {
            liveAtFirstRecord.addAll(live);
          }
          assertThat(live).contains(splitId);
          bySplit.computeIfAbsent(splitId, k -> new ArrayList<>()).add(record);
          order.add(record);
        }

        @Override
        public void collect(Long record, long timestamp) {
          collect(record);
        }
      };
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
      live.remove(splitId);
    }
  }

  @Test
  void blocksOfOneReaderEachHaveAnOutputAndTheLowestIsReadFirst() throws Exception {
    DataGeneratorReader<Long> reader =
        new DataGeneratorReader<>(i -> i, null, new TestReaderContext(0, 1, new ManualClock()));
    reader.start();
    // restored positions, the later block assigned first
    reader.addSplits(
        List.of(new DataGeneratorSplit("1", 1_200, 1_300), new DataGeneratorSplit("0", 40, 100)));
    reader.notifyNoMoreSplits();
    PerSplitOutput out = new PerSplitOutput();
    InputStatus s;
    int polls = 0;
    do {
      s = reader.pollNext(out);
    } while (s != InputStatus.END_OF_INPUT && ++polls < 100);

    assertThat(s).isEqualTo(InputStatus.END_OF_INPUT);
    // both blocks held the watermark from the first record on
    assertThat(out.liveAtFirstRecord).containsExactlyInAnyOrder("0", "1");
    List<Long> expected = new ArrayList<>();
    for (long i = 40; i < 100; i++) {
      expected.add(i);
    }
    for (long i = 1_200; i < 1_300; i++) {
      expected.add(i);
    }
    assertThat(out.order).isEqualTo(expected);
    assertThat(out.bySplit.get("0")).hasSize(60);
    assertThat(out.bySplit.get("1")).hasSize(100);
    // each output is released once its block is read to the end
    assertThat(out.live).isEmpty();
  }
}
