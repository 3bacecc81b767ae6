package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;

/** A process function over two connected inputs. */
@Public
public abstract class CoProcessFunction<I1, I2, O> extends AbstractRichFunction {

  public abstract void processElement1(I1 value, Context ctx, Collector<O> out) throws Exception;

  public abstract void processElement2(I2 value, Context ctx, Collector<O> out) throws Exception;

  /** What a call may see beside the record. */
  public abstract class Context {
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}
