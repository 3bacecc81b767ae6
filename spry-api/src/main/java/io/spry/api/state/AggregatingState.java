package io.spry.api.state;

import io.spry.api.annotation.Public;

/** An accumulator per key; {@link #get()} returns the aggregate function's result. */
@Public
public interface AggregatingState<IN, OUT> extends AppendingState<IN, OUT> {}
