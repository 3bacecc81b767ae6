package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link ReduceFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichReduceFunction<T> extends AbstractRichFunction
    implements ReduceFunction<T> {}
