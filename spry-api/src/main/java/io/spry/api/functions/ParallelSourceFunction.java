package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A source function that runs one instance per subtask. */
@Public
public interface ParallelSourceFunction<T> extends SourceFunction<T> {}
