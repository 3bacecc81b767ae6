package io.spry.api.graph;

import io.spry.api.annotation.Internal;

/** What a one- or two-input transformation does; the runtime maps each kind to an operator. */
@Internal
public enum OperatorKind {
  MAP,
  FLAT_MAP,
  FILTER,
  PROCESS,
  KEYED_PROCESS,
  REDUCE,
  /** A window operator; the function is a {@code WindowSpec}. */
  WINDOW,
  WINDOW_PRE_AGGREGATE,
  ASSIGN_TIMESTAMPS,
  CO_MAP,
  CO_FLAT_MAP,
  CO_PROCESS,
  KEYED_CO_PROCESS,
  BROADCAST_PROCESS,
  KEYED_BROADCAST_PROCESS,
  INTERVAL_JOIN;

  /** The name an operator of this kind gets when the user gives none. */
  public String defaultName() {
    return switch (this) {
      case MAP -> "Map";
      case FLAT_MAP -> "FlatMap";
      case FILTER -> "Filter";
      case PROCESS -> "Process";
      case KEYED_PROCESS -> "KeyedProcess";
      case REDUCE -> "Keyed Reduce";
      case WINDOW -> "Window";
      case WINDOW_PRE_AGGREGATE -> "Window Pre-Aggregate";
      case ASSIGN_TIMESTAMPS -> "Timestamps/Watermarks";
      case CO_MAP -> "Co-Map";
      case CO_FLAT_MAP -> "Co-FlatMap";
      case CO_PROCESS -> "Co-Process";
      case KEYED_CO_PROCESS -> "Keyed Co-Process";
      case BROADCAST_PROCESS -> "Broadcast Process";
      case KEYED_BROADCAST_PROCESS -> "Keyed Broadcast Process";
      case INTERVAL_JOIN -> "Interval Join";
    };
  }
}
