package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.types.GenericTypeInfo;
import io.spry.api.types.TypeExtractor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.Window;
import java.io.Serializable;
import java.util.Collection;

/**
 * Puts each record into zero or more windows.
 *
 * @param <T> the type of records
 * @param <W> the type of windows
 */
@Public
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The windows of a record. {@code timestamp} is the record's event timestamp, {@code
   * Long.MIN_VALUE} when it has none.
   */
  public abstract Collection<W> assignWindows(
      T element, long timestamp, WindowAssignerContext context);

  /** The trigger used unless {@code trigger(...)} sets another. */
  public abstract Trigger<T, W> getDefaultTrigger();

  /**
   * Whether windows are in event time: then records whose windows the watermark has passed (by more
   * than the allowed lateness) are late, and window state is cleaned up by the watermark.
   */
  public abstract boolean isEventTime();

  /**
   * The type of the windows, whose serializer writes them into snapshots of window state and timers
   * (and, in the RocksDB state backend, into its keys). The default finds {@code W} from the
   * assigner's class ({@code TimeWindow} and {@code GlobalWindow} have their own serializers; a
   * window class of your own is a record, a POJO, or else serialized by Kryo); override it for a
   * faster or stabler format. Where {@code W} cannot be found, windows are serialized by Kryo.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeInfo<W> getWindowType() {
    TypeInfo<W> type =
        TypeExtractor.outputType(
            this, WindowAssigner.class, 1, new TypeInfo<?>[] {null}, "the windows of " + this);
    if (type.isComplete()) {
      return type;
    }
    Class<?> raw = type.getTypeClass();
    return new GenericTypeInfo(
        Window.class.isAssignableFrom(raw) ? raw : Window.class,
        "the window type of " + getClass().getName() + " could not be determined");
  }

  /** What an assigner may use beside the record. */
  public abstract static class WindowAssignerContext {
    /** The processing time now, from the job's clock. */
    public abstract long getCurrentProcessingTime();
  }
}
