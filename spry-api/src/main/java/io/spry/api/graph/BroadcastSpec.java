package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.state.MapStateDescriptor;
import java.io.Serializable;
import java.util.List;

/**
 * The function of a broadcast-process transformation with the broadcast states it may use.
 *
 * @param function a {@code BroadcastProcessFunction} or {@code KeyedBroadcastProcessFunction}
 * @param descriptors the broadcast states declared with {@code broadcast(...)}
 */
@Internal
public record BroadcastSpec(Object function, List<MapStateDescriptor<?, ?>> descriptors)
    implements Serializable {}
