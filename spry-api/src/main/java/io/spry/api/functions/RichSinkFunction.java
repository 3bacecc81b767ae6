package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** A sink function with a lifecycle and a runtime context. */
@Public
public abstract class RichSinkFunction<T> extends AbstractRichFunction implements SinkFunction<T> {}
