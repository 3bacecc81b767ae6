package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link FlatMapFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichFlatMapFunction<T, R> extends AbstractRichFunction
    implements FlatMapFunction<T, R> {}
