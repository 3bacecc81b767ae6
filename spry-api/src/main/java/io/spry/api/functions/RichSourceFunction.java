package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A (non-parallel) source function with a lifecycle and a runtime context. */
@Public
public abstract class RichSourceFunction<T> extends AbstractRichFunction
    implements SourceFunction<T> {}
