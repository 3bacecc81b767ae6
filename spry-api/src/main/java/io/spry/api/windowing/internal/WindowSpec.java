package io.spry.api.windowing.internal;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Internal;
import io.spry.api.state.StateDescriptor;
import io.spry.api.windowing.assigners.WindowAssigner;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything a window operator needs, as the API built it: the "function" of a {@code WINDOW}
 * transformation. Each subtask gets its own copy (by serialization), so triggers, evictors and
 * functions are never shared between subtasks.
 *
 * <p>Every user function is normalised to one {@link ProcessWindowFunction} over the window's
 * contents: the records (list contents), or the single pre-aggregated result (reducing or
 * aggregating contents). With an evictor the contents are always the records with their timestamps,
 * and any reduce or aggregate runs in the function, at firing time.
 *
 * @param assigner puts records into windows
 * @param trigger decides when windows fire and purge
 * @param evictor removes records when a window fires, or null
 * @param allowedLateness how long after the watermark passed a window's end it still accepts
 *     records (event time only)
 * @param lateDataTag where records too late for all their windows go, or null to drop (and count)
 *     them
 * @param contentsDescriptor the window contents: list, reducing or aggregating state
 * @param function evaluates a window's contents
 * @param description what the window does, for the operator's default name
 */
@Internal
public record WindowSpec(
    WindowAssigner<?, ?> assigner,
    Trigger<?, ?> trigger,
    Evictor<?, ?> evictor,
    long allowedLateness,
    OutputTag<?> lateDataTag,
    StateDescriptor<?, ?> contentsDescriptor,
    ProcessWindowFunction<?, ?, ?, ? extends Window> function,
    String description)
    implements Serializable {

  /** The name of the state that holds window contents. */
  public static final String CONTENTS_STATE = "window-contents";

  /** The name of the state that holds the merging windows of a key (session windows). */
  public static final String MERGING_WINDOWS_STATE = "merging-window-set";

  public WindowSpec {
    Objects.requireNonNull(assigner, "assigner");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(contentsDescriptor, "contentsDescriptor");
    Objects.requireNonNull(function, "function");
  }
}
