package io.spry.runtime.operator.timer;

/** The namespace of state and timers that belong to a key only (not to a window). */
public enum VoidNamespace {
  INSTANCE
}
