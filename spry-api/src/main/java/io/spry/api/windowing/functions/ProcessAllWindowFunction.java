package io.spry.api.windowing.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;
import io.spry.api.functions.AbstractRichFunction;
import io.spry.api.functions.Collector;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.windowing.windows.Window;

/**
 * Evaluates a window of a non-keyed stream ({@code windowAll}): gets all its records, or the one
 * pre-aggregated result, and a context.
 *
 * @param <IN> the type of the window's contents
 * @param <OUT> the type of results
 * @param <W> the window type
 */
@Public
public abstract class ProcessAllWindowFunction<IN, OUT, W extends Window>
    extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;

  /** Evaluates the window; results carry the timestamp {@code window.maxTimestamp()}. */
  public abstract void process(Context context, Iterable<IN> elements, Collector<OUT> out)
      throws Exception;

  /** The window is removed: clear its {@link Context#windowState() per-window state}. */
  public void clear(Context context) throws Exception {}

  /** What {@link #process} and {@link #clear} see beside the records. */
  public abstract class Context {
    public abstract W window();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    /** State for the current window (not with merging windows). */
    public abstract KeyedStateStore windowState();

    /** State shared by all windows. */
    public abstract KeyedStateStore globalState();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
