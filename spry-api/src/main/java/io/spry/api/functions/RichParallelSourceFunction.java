package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A parallel source function with a lifecycle and a runtime context (the subtask index, say). */
@Public
public abstract class RichParallelSourceFunction<T> extends AbstractRichFunction
    implements ParallelSourceFunction<T> {}
