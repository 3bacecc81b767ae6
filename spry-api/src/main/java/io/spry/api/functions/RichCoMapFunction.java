package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link CoMapFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichCoMapFunction<I1, I2, O> extends AbstractRichFunction
    implements CoMapFunction<I1, I2, O> {}
