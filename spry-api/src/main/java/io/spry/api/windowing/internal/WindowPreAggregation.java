package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.state.StateDescriptor;
import io.spry.api.windowing.assigners.WindowAssigner;
import java.io.Serializable;
import java.util.Objects;

/**
 * The "function" of a {@code WINDOW_PRE_AGGREGATE} transformation: the parallel first half of a
 * pre-aggregated {@code windowAll}. Each subtask folds its records into one accumulator per slice
 * of the windows (a tumbling window is one slice) and emits it, stamped with the slice's last
 * millisecond, when its watermark passes the slice's end, before each checkpoint barrier, and at
 * the end of input. The single window subtask that follows merges those partial accumulators.
 *
 * @param assigner a tumbling or sliding event-time assigner
 * @param contents the reducing or aggregating contents of the window, which carry the function
 */
@Internal
public record WindowPreAggregation(WindowAssigner<?, ?> assigner, StateDescriptor<?, ?> contents)
    implements Serializable {
  public WindowPreAggregation {
    Objects.requireNonNull(assigner, "assigner");
    Objects.requireNonNull(contents, "contents");
  }
}
