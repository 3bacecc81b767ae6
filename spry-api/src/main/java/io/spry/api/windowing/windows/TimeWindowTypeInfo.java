package io.spry.api.windowing.windows;

import io.spry.api.annotation.Public;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;

/**
 * The type of {@link TimeWindow}: serialized as its start and end, two big-endian longs (16 bytes).
 * Windows are the namespaces of window state and timers, so this is what snapshots of window
 * operators hold.
 */
@Public
public final class TimeWindowTypeInfo extends TypeInfo<TimeWindow> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final TimeWindowTypeInfo INSTANCE = new TimeWindowTypeInfo();

  private TimeWindowTypeInfo() {}

  @Override
  public Class<TimeWindow> getTypeClass() {
    return TimeWindow.class;
  }

  @Override
  public TypeSerializer<TimeWindow> createSerializer() {
    return new Serializer();
  }

  private static final class Serializer implements TypeSerializer<TimeWindow> {
    @Override
    public void serialize(TimeWindow value, DataOutputView out) throws IOException {
      out.writeLong(value.getStart());
      out.writeLong(value.getEnd());
    }

    @Override
    public TimeWindow deserialize(DataInputView in) throws IOException {
      long start = in.readLong();
      return new TimeWindow(start, in.readLong());
    }

    @Override
    public TimeWindow copy(TimeWindow value) {
      return value; // immutable
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindowTypeInfo;
  }

  @Override
  public int hashCode() {
    return TimeWindowTypeInfo.class.hashCode();
  }

  @Override
  public String toString() {
    return "TimeWindow";
  }
}
