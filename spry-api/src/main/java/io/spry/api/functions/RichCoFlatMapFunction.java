package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link CoFlatMapFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichCoFlatMapFunction<I1, I2, O> extends AbstractRichFunction
    implements CoFlatMapFunction<I1, I2, O> {}
