package io.spry.runtime.state;

import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.IncompatibleSchemaException;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSchema;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * The schemas of the values a state holds, as written into a snapshot next to the state (once per
 * state, never per value): the schema of the descriptor's type (values, list elements,
 * accumulators, map values) and, for map state and broadcast state, of the map key type. A restore
 * compares them with the state's types when the state is requested and reads old values with {@link
 * #readers}, which converts them when the types evolved (see {@link TypeSchema}).
 *
 * <pre>
 * stateSchema := count:byte value:typeSchema [mapKey:typeSchema]   (count 1, or 2 with a map key)
 * </pre>
 *
 * @param value the schema of the descriptor's type
 * @param mapKey the schema of the map key type, or null
 */
public record StateSchema(TypeSchema value, TypeSchema mapKey) {

  public StateSchema {
    Objects.requireNonNull(value, "value");
  }

  /** The schema of a keyed state's types. */
  public static StateSchema of(StateDescriptor<?, ?> descriptor) {
    return of(
        descriptor.getType(),
        descriptor instanceof MapStateDescriptor<?, ?> m ? m.getKeyType() : null);
  }

  /** The schema of a value type and a map key type (null if none). */
  public static StateSchema of(TypeInfo<?> valueType, TypeInfo<?> mapKeyType) {
    return new StateSchema(
        TypeSchema.of(valueType), mapKeyType == null ? null : TypeSchema.of(mapKeyType));
  }

  public void write(DataOutputView out) throws IOException {
    out.writeByte(mapKey == null ? 1 : 2);
    value.write(out);
    if (mapKey != null) {
      mapKey.write(out);
    }
  }

  public static StateSchema read(DataInputView in) throws IOException {
    int count = in.readUnsignedByte();
    if (count != 1 && count != 2) {
      throw new IOException("Corrupt state schema: " + count + " types");
    }
    TypeSchema value = TypeSchema.read(in);
    return new StateSchema(value, count == 2 ? TypeSchema.read(in) : null);
  }

  public byte[] toBytes() {
    MemoryDataOutput out = new MemoryDataOutput(64);
    try {
      write(out);
    } catch (IOException e) {
      throw new IllegalStateException(e); // memory output does not fail
    }
    return out.toByteArray();
  }

  public static StateSchema fromBytes(byte[] bytes) throws IOException {
    return read(new MemoryDataInput(bytes));
  }

  /**
   * How to read a state's restored values: readers that return values of the current types, and
   * whether either converts (a backend that keeps bytes must then rewrite them with the current
   * serializers; when neither converts, restored bytes are valid as they are).
   */
  public record Readers(
      TypeSerializer<Object> value,
      TypeSerializer<Object> mapKey,
      boolean valueConverts,
      boolean mapKeyConverts) {

    /** Whether restored bytes must be rewritten. */
    public boolean converts() {
      return valueConverts || mapKeyConverts;
    }
  }

  /**
   * Readers of values (and map keys) written with {@code written}, returning values of the current
   * types. A null {@code written} (a snapshot section without a schema) is read with the current
   * serializers, as if it matched.
   *
   * @param what the state, for the error, e.g. {@code "State 'profile'"}
   * @param mapKeyType the current map key type, or null for states without map keys
   * @throws IncompatibleSchemaException if a type changed in a way that cannot be converted; the
   *     message starts with {@code what} and names the field and its old and new type
   */
  public static Readers readers(
      StateSchema written, String what, TypeInfo<?> valueType, TypeInfo<?> mapKeyType) {
    TypeSchema valueWritten = written == null ? null : written.value;
    TypeSchema mapKeyWritten = written == null ? null : written.mapKey;
    boolean valueConverts = valueWritten != null && !valueWritten.matches(valueType);
    boolean mapKeyConverts =
        mapKeyType != null && mapKeyWritten != null && !mapKeyWritten.matches(mapKeyType);
    return new Readers(
        reader(valueWritten, valueType, valueConverts, what, "value type"),
        mapKeyType == null
            ? null
            : reader(mapKeyWritten, mapKeyType, mapKeyConverts, what, "map key type"),
        valueConverts,
        mapKeyConverts);
  }

  @SuppressWarnings("unchecked")
  private static TypeSerializer<Object> reader(
      TypeSchema written, TypeInfo<?> type, boolean converts, String what, String which) {
    if (!converts) {
      return (TypeSerializer<Object>) type.createSerializer();
    }
    try {
      return (TypeSerializer<Object>) written.createReader(type);
    } catch (IncompatibleSchemaException e) {
      throw new IncompatibleSchemaException(
          what
              + " cannot be restored: "
              + e.getMessage()
              + ". Its "
              + which
              + " was "
              + written
              + " when the snapshot was taken and is "
              + TypeSchema.of(type)
              + " now."
              + (e.getFieldPath().isEmpty()
                  ? ""
                  : " Change the field back, or give the changed field a new name: a field that"
                      + " is new starts from its default, and one that is gone is dropped."),
          e);
    }
  }
}
