package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.state.MapStateDescriptor;
import java.util.List;

/**
 * A stream sent to every subtask of the operator it is connected to, with the broadcast states that
 * operator keeps. Made by {@link DataStream#broadcast(MapStateDescriptor[])}; use it with {@link
 * DataStream#connect(BroadcastStream)}.
 */
@Public
public final class BroadcastStream<T> {
  private final DataStream<T> stream;
  private final List<MapStateDescriptor<?, ?>> descriptors;

  BroadcastStream(DataStream<T> stream, List<MapStateDescriptor<?, ?>> descriptors) {
    this.stream = stream;
    this.descriptors = descriptors;
  }

  DataStream<T> stream() {
    return stream;
  }

  public List<MapStateDescriptor<?, ?>> getDescriptors() {
    return descriptors;
  }
}
