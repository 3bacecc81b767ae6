package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;

/**
 * Called for each pair of an interval join: a left and a right element with the same key whose
 * timestamps are within the join's bounds.
 */
@Public
public abstract class ProcessJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 left, IN2 right, Context ctx, Collector<OUT> out)
      throws Exception;

  /** The pair's timestamps; the output carries the larger one. */
  public abstract class Context {
    public abstract long getLeftTimestamp();

    public abstract long getRightTimestamp();

    /** The output's timestamp: the larger of the two. */
    public abstract long getTimestamp();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}
