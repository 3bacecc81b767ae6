package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A {@link FilterFunction} with a lifecycle and a runtime context. */
@Public
public abstract class RichFilterFunction<T> extends AbstractRichFunction
    implements FilterFunction<T> {}
