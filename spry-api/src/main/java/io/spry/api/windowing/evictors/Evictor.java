package io.spry.api.windowing.evictors;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.windows.Window;
import java.io.Serializable;

/**
 * Removes records from a window when it fires: before the window function runs ({@link
 * #evictBefore}) and after it ({@link #evictAfter}). Remove records with the iterator's {@code
 * remove()}. Records are kept in arrival order.
 *
 * <p>A window with an evictor keeps every record (there is no pre-aggregation), so that records can
 * be evicted; a {@code reduce} or {@code aggregate} then runs over the remaining records each time
 * the window fires.
 *
 * @param <T> the type of records
 * @param <W> the type of windows
 */
@Public
public interface Evictor<T, W extends Window> extends Serializable {

  /** Called before the window function, with the window's records and their number. */
  void evictBefore(
      Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext context);

  /** Called after the window function, with the window's records and their number. */
  void evictAfter(
      Iterable<TimestampedValue<T>> elements, int size, W window, EvictorContext context);

  /** What an evictor may see beside the records. */
  interface EvictorContext {
    long getCurrentProcessingTime();

    long getCurrentWatermark();
  }
}
