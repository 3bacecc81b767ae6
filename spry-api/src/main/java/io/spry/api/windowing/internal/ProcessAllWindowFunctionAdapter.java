package io.spry.api.windowing.internal;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Internal;
import io.spry.api.functions.Collector;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.windowing.functions.ProcessAllWindowFunction;
import io.spry.api.windowing.windows.Window;

/** Runs a {@link ProcessAllWindowFunction} as a process window function (of the constant key). */
@Internal
public final class ProcessAllWindowFunctionAdapter<IN, OUT, W extends Window>
    extends DelegatingWindowFunction<IN, OUT, Byte, W> {
  private static final long serialVersionUID = 1L;

  private final ProcessAllWindowFunction<IN, OUT, W> function;
  private transient AllContext allContext;

  public ProcessAllWindowFunctionAdapter(ProcessAllWindowFunction<IN, OUT, W> function) {
    super(function);
    this.function = function;
  }

  private AllContext bridge(Context context) {
    if (allContext == null) {
      allContext = new AllContext(function);
    }
    allContext.context = context;
    return allContext;
  }

  @Override
  public void process(Byte key, Context context, Iterable<IN> elements, Collector<OUT> out)
      throws Exception {
    function.process(bridge(context), elements, out);
  }

  @Override
  public void clear(Context context) throws Exception {
    function.clear(bridge(context));
  }

  /** The all-window context over the keyed one. */
  private final class AllContext extends ProcessAllWindowFunction<IN, OUT, W>.Context {
    Context context;

    AllContext(ProcessAllWindowFunction<IN, OUT, W> f) {
      f.super();
    }

    @Override
    public W window() {
      return context.window();
    }

    @Override
    public long currentProcessingTime() {
      return context.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return context.currentWatermark();
    }

    @Override
    public KeyedStateStore windowState() {
      return context.windowState();
    }

    @Override
    public KeyedStateStore globalState() {
      return context.globalState();
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      context.output(outputTag, value);
    }
  }
}
