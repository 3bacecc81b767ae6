package io.spry.api.state;

import io.spry.api.annotation.Public;

/** A value per key that every added value is reduced into. */
@Public
public interface ReducingState<T> extends AppendingState<T, T> {}
