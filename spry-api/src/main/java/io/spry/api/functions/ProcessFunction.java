package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;

/**
 * The most general one-input function: zero or more outputs per record, access to the record's
 * timestamp and to time, and side outputs.
 */
@Public
public abstract class ProcessFunction<I, O> extends AbstractRichFunction {

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** What {@link #processElement} may see beside the record. Valid only during that call. */
  public abstract class Context {

    /** The record's event timestamp, or null when it has none. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    /** Emits a record to the side output named by {@code tag}. */
    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}
