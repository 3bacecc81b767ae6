package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import io.spry.api.types.TypeInfo;
import java.io.Serializable;

/**
 * A source of records: an enumerator that finds and assigns {@link SourceSplit splits}, and one
 * reader per subtask that reads them. A reader's position lives in its splits, so a checkpoint
 * stores it and a restore resumes from it.
 *
 * @param <T> the records produced
 * @param <S> the split type
 */
@Public
public interface Source<T, S extends SourceSplit> extends Serializable {

  Boundedness getBoundedness();

  SplitEnumerator<S> createEnumerator(SplitEnumeratorContext<S> context) throws Exception;

  SourceReader<T, S> createReader(SourceReaderContext context) throws Exception;

  TypeInfo<T> getProducedType();

  /**
   * True when a reader's {@code pollNext} may block (a socket read): each reader then runs on a
   * thread of its own instead of sharing the cooperative workers.
   */
  default boolean isBlocking() {
    return false;
  }

  /** The largest parallelism the source supports, e.g. 1 for a socket. */
  default int getMaxParallelism() {
    return Integer.MAX_VALUE;
  }

  /**
   * Writes splits into checkpoints (a reader's unfinished splits with their positions). The default
   * writes each split in the format of its class's serializer (records, POJOs, or Kryo), prefixed
   * with the class name; a source whose splits change shape between versions should return a
   * serializer of its own.
   */
  @SuppressWarnings("unchecked")
  default io.spry.api.types.TypeSerializer<S> getSplitSerializer() {
    return (io.spry.api.types.TypeSerializer<S>)
        new io.spry.api.types.DynamicTypeInfo<>(SourceSplit.class).createSerializer();
  }

  /**
   * Creates the enumerator of a job restored from a checkpoint, from what {@link
   * SplitEnumerator#snapshotState} wrote. Sources that take part in checkpoints implement it.
   */
  default SplitEnumerator<S> restoreEnumerator(SplitEnumeratorContext<S> context, byte[] state)
      throws Exception {
    throw new UnsupportedOperationException(
        "Source "
            + getClass().getName()
            + " cannot restore its enumerator from a checkpoint: it does not implement"
            + " Source.restoreEnumerator");
  }
}
