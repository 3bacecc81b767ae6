package io.spry.api.graph;

import io.spry.api.annotation.Internal;

/** Whether an operator may be fused with its neighbours into one task. */
@Internal
public enum ChainingStrategy {
  /** Chain with the upstream and downstream operators where the edge allows. */
  ALWAYS,
  /** Start a new chain here; downstream operators may chain to this one. */
  HEAD,
  /** Never chain this operator. */
  NEVER
}
