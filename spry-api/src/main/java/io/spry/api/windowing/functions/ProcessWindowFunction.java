package io.spry.api.windowing.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;
import io.spry.api.functions.AbstractRichFunction;
import io.spry.api.functions.Collector;
import io.spry.api.state.KeyedStateStore;
import io.spry.api.windowing.windows.Window;

/**
 * Evaluates a window of a keyed stream: gets all its records (or, after {@code reduce} or {@code
 * aggregate}, the one pre-aggregated result) with the key and a context.
 *
 * @param <IN> the type of the window's contents
 * @param <OUT> the type of results
 * @param <KEY> the key type
 * @param <W> the window type
 */
@Public
public abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window>
    extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;

  /**
   * Evaluates the window; called each time its trigger fires. Results are emitted with the
   * timestamp {@code window.maxTimestamp()}.
   */
  public abstract void process(KEY key, Context context, Iterable<IN> elements, Collector<OUT> out)
      throws Exception;

  /**
   * The window is removed (its time, plus the allowed lateness, has passed). Clear the {@link
   * Context#windowState() per-window state} here. (Spry also clears, after this call, every
   * per-window state the function used for this window, so forgetting does not leak.)
   */
  public void clear(Context context) throws Exception {}

  /**
   * What {@link #process} and {@link #clear} see beside the records; valid only during the call.
   */
  public abstract class Context {
    public abstract W window();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    /**
     * State for the current key and window. Not available with merging (session) windows, whose
     * windows come and go as they merge.
     */
    public abstract KeyedStateStore windowState();

    /** State for the current key, shared by all its windows. */
    public abstract KeyedStateStore globalState();

    /** Emits to a side output. */
    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
