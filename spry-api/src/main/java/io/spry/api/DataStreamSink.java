package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.graph.ChainingStrategy;
import io.spry.api.graph.SinkTransformation;
import java.util.Objects;

/** The end of a stream; its settings can be set. */
@Public
public final class DataStreamSink<T> {
  private final SinkTransformation<T> transformation;

  DataStreamSink(SinkTransformation<T> transformation) {
    this.transformation = transformation;
  }

  public DataStreamSink<T> name(String name) {
    transformation.setName(Objects.requireNonNull(name, "name"));
    return this;
  }

  public DataStreamSink<T> uid(String uid) {
    transformation.setUid(Objects.requireNonNull(uid, "uid"));
    return this;
  }

  public DataStreamSink<T> setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    transformation.setParallelism(parallelism);
    return this;
  }

  public DataStreamSink<T> disableChaining() {
    transformation.setChaining(ChainingStrategy.NEVER);
    return this;
  }

  public DataStreamSink<T> startNewChain() {
    transformation.setChaining(ChainingStrategy.HEAD);
    return this;
  }

  public DataStreamSink<T> slotSharingGroup(String group) {
    transformation.setSlotSharingGroup(Objects.requireNonNull(group, "group"));
    return this;
  }

  /** Runs the sink on a thread of its own (the default for sink functions and blocking sinks). */
  public DataStreamSink<T> blocking() {
    transformation.setBlocking(true);
    return this;
  }

  /** Runs the sink on the shared cooperative workers: only for sinks that never block. */
  public DataStreamSink<T> cooperative() {
    transformation.setBlocking(false);
    return this;
  }
}
