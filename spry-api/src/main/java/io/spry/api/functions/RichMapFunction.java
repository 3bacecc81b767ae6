package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link MapFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichMapFunction<T, R> extends AbstractRichFunction
    implements MapFunction<T, R> {}
