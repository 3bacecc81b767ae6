package io.spry.runtime.operator;

import io.spry.api.functions.RuntimeContext;
import io.spry.api.time.Clock;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.state.KeyedStateBackend;

/**
 * What an operator may use: its name and place, the clock, counters, and (when keyed) its keyed
 * state backend.
 *
 * @param operatorName the operator's name
 * @param taskName the task's name with its subtask, e.g. {@code Map -> Sink (2/4)}
 * @param callSite where the user made the operator, for errors
 * @param subtaskIndex this subtask's index
 * @param parallelism the operator's parallelism
 * @param maxParallelism the number of key groups
 * @param clock processing time
 * @param counters the job's counters
 * @param keyedBackend keyed state, or null when the operator is not keyed
 */
public record OperatorContext(
    String operatorName,
    String taskName,
    String callSite,
    int subtaskIndex,
    int parallelism,
    int maxParallelism,
    Clock clock,
    CounterRegistry counters,
    KeyedStateBackend keyedBackend) {

  public boolean isKeyed() {
    return keyedBackend != null;
  }

  /** The runtime context user functions of this operator see. */
  public RuntimeContext runtimeContext() {
    return new StreamingRuntimeContext(this);
  }
}
