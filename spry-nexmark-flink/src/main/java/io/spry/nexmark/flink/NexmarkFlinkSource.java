package io.spry.nexmark.flink;

import io.spry.nexmark.generator.EventSplit;
import io.spry.nexmark.generator.EventStream;
import io.spry.nexmark.generator.GeneratorConfig;
import io.spry.nexmark.model.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Nexmark events as a Flink source of the current API (FLIP-27, {@code env.fromSource}): reader
 * {@code i} of {@code n} is given the blocks {@code b} with {@code b mod n == i}, the same
 * assignment as {@link NexmarkSourceFunction} and Spry's {@code NexmarkSource}, and reads them
 * interleaved by {@link EventStream}, so its timestamps never decrease. It emits up to {@value
 * #BATCH} events per {@code pollNext}. Throughput runs only (the latency mode's paced source is
 * {@link NexmarkSourceFunction}); no checkpoints run in the benchmark, so a split's position is not
 * kept.
 */
final class NexmarkFlinkSource implements Source<Event, NexmarkFlinkSource.Block, Void> {
  private static final long serialVersionUID = 1L;
  static final int BATCH = 256;

  private final GeneratorConfig config;

  NexmarkFlinkSource(GeneratorConfig config) {
    this.config = config;
  }

  @Override
  public Boundedness getBoundedness() {
    return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<Block, Void> createEnumerator(SplitEnumeratorContext<Block> context) {
    return new Enumerator(context, config.splits().size());
  }

  @Override
  public SplitEnumerator<Block, Void> restoreEnumerator(
      SplitEnumeratorContext<Block> context, Void checkpoint) {
    return createEnumerator(context);
  }

  @Override
  public SimpleVersionedSerializer<Block> getSplitSerializer() {
    return new BlockSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new NoCheckpointSerializer();
  }

  @Override
  public SourceReader<Event, Block> createReader(SourceReaderContext context) {
    return new Reader(config);
  }

  /** One generator block, by its index in the configuration's blocks. */
  record Block(int index) implements SourceSplit {
    @Override
    public String splitId() {
      return Integer.toString(index);
    }
  }

  /** Gives each reader, when it registers, its blocks, then tells it there are no more. */
  private static final class Enumerator implements SplitEnumerator<Block, Void> {
    private final SplitEnumeratorContext<Block> context;
    private final int blocks;

    Enumerator(SplitEnumeratorContext<Block> context, int blocks) {
      this.context = context;
      this.blocks = blocks;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<Block> splits, int subtaskId) {
      // a failed reader's blocks: only when it registers again (no failover in the benchmark)
    }

    @Override
    public void addReader(int subtaskId) {
      int readers = context.currentParallelism();
      for (int b = subtaskId; b < blocks; b += readers) {
        context.assignSplit(new Block(b), subtaskId);
      }
      context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {}
  }

  /** Reads its blocks once it has all of them, {@value #BATCH} events per poll. */
  private static final class Reader implements SourceReader<Event, Block> {
    private final GeneratorConfig config;
    private final List<EventSplit> mine = new ArrayList<>();
    private final CompletableFuture<Void> allSplits = new CompletableFuture<>();
    private EventStream events;

    Reader(GeneratorConfig config) {
      this.config = config;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Event> output) {
      if (events == null) {
        if (!allSplits.isDone()) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        events = new EventStream(config, mine);
      }
      for (int i = 0; i < BATCH && events.hasNext(); i++) {
        output.collect(events.next());
      }
      return events.hasNext() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
    }

    @Override
    public List<Block> snapshotState(long checkpointId) {
      throw new UnsupportedOperationException("The Nexmark benchmark source takes no checkpoints");
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return allSplits;
    }

    @Override
    public void addSplits(List<Block> splits) {
      List<EventSplit> all = config.splits();
      for (Block b : splits) {
        mine.add(all.get(b.index()));
      }
      mine.sort(java.util.Comparator.comparingInt(EventSplit::index));
    }

    @Override
    public void notifyNoMoreSplits() {
      allSplits.complete(null);
    }

    @Override
    public void close() {}
  }

  private static final class BlockSerializer implements SimpleVersionedSerializer<Block> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Block block) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(block.index());
      }
      return bytes.toByteArray();
    }

    @Override
    public Block deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new Block(in.readInt());
      }
    }
  }

  private static final class NoCheckpointSerializer implements SimpleVersionedSerializer<Void> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Void checkpoint) {
      return new byte[0];
    }

    @Override
    public Void deserialize(int version, byte[] serialized) {
      return null;
    }
  }
}
