package io.spry.api.types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Readers of values written with an older {@link TypeSchema}: the rules are in {@link TypeSchema}'s
 * comment. A reader is built once per state (when the state is restored) and then reads every value
 * without looking at the schema again: a record or POJO reader holds, per old field, the reader of
 * that field and the position the value goes to in the current type (or none: read and dropped).
 */
final class SchemaMigration {
  private SchemaMigration() {}

  @SuppressWarnings("unchecked")
  static TypeSerializer<Object> reader(TypeSchema old, TypeInfo<?> current, String path) {
    if (current instanceof MissingTypeInfo<?>) {
      return (TypeSerializer<Object>) current.createSerializer(); // fails with how to give the type
    }
    TypeSchema now = TypeSchema.of(current);
    if (old.equals(now)) {
      return (TypeSerializer<Object>) current.createSerializer();
    }
    if (old instanceof TypeSchema.Composite oc && now instanceof TypeSchema.Composite nc) {
      if (!oc.typeClass().equals(nc.typeClass())) {
        throw new IncompatibleSchemaException(
            path,
            old.toString(),
            now.toString(),
            "it is another class; state types are matched by class name");
      }
      return new CompositeReader(oc, (CompositeTypeInfo<?>) current, nc, path);
    }
    if (old instanceof TypeSchema.Nested on
        && now instanceof TypeSchema.Nested nn
        && on.kind().equals(nn.kind())
        && on.typeClass().equals(nn.typeClass())
        && on.inner().size() == nn.inner().size()) {
      List<TypeInfo<?>> innerTypes = current.getInnerTypes();
      List<TypeSerializer<?>> readers = new ArrayList<>(innerTypes.size());
      for (int i = 0; i < innerTypes.size(); i++) {
        readers.add(reader(on.inner().get(i), innerTypes.get(i), innerPath(path, on.kind(), i)));
      }
      return (TypeSerializer<Object>) current.createSerializer(readers);
    }
    if (old instanceof TypeSchema.Atomic oa
        && now instanceof TypeSchema.Atomic na
        && oa.kind().equals("Basic")
        && na.kind().equals("Basic")) {
      Function<Object, Object> widen = widening(oa.typeClass(), na.typeClass());
      if (widen != null) {
        return new Converting(atomicSerializer(oa), widen);
      }
    }
    throw new IncompatibleSchemaException(
        path, old.toString(), now.toString(), whyIncompatible(old, now, current));
  }

  private static String whyIncompatible(TypeSchema old, TypeSchema now, TypeInfo<?> current) {
    if (old instanceof TypeSchema.Composite oc && current instanceof GenericTypeInfo<?> g) {
      return oc.typeClass()
          + " was a "
          + (oc.pojo() ? "POJO" : "record")
          + " and is now serialized with Kryo, because "
          + g.getReason()
          + "; make it a "
          + (oc.pojo() ? "POJO" : "record")
          + " again";
    }
    if (old instanceof TypeSchema.Generic og
        && now instanceof TypeSchema.Generic ng
        && og.typeClass().equals(ng.typeClass())) {
      List<String> added = new ArrayList<>(new TreeSet<>(ng.fields()));
      added.removeAll(og.fields());
      List<String> removed = new ArrayList<>(new TreeSet<>(og.fields()));
      removed.removeAll(ng.fields());
      return og.typeClass()
          + " is serialized with Kryo, whose form follows the class's fields, so it cannot evolve"
          + " (added: "
          + added
          + "; removed: "
          + removed
          + "). Restore with the class as it was; make it a record or a POJO to let it evolve"
          + " in the future";
    }
    return null;
  }

  /** The path of inner type {@code i} of a nested type at {@code path}. */
  private static String innerPath(String path, String kind, int i) {
    switch (kind) {
      case "List":
      case "Set":
      case "Array":
        return path + "[]";
      case "Map":
        return path + (i == 0 ? "{key}" : "{value}");
      case "Optional":
        return path;
      case "Tuple":
        return field(path, "f" + i);
      default:
        return path + "<" + i + ">";
    }
  }

  private static String field(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  // ---- records and POJOs ----

  /**
   * Reads a record or POJO written with an older schema and builds a value of the current type; or,
   * with no current type, reads one and returns null (a field that is gone).
   */
  private static final class CompositeReader extends ReadOnly {
    private final TypeSchema.Composite old;
    private final CompositeTypeInfo<?> current;
    private final TypeSerializer<Object>[] readers;
    private final int[] targets;
    private final boolean[] isNull;
    private final Object[] values;
    private final boolean[] given;
    private DynamicTypeInfo.Serializer<Object> subclasses;

    @SuppressWarnings("unchecked")
    CompositeReader(
        TypeSchema.Composite old,
        CompositeTypeInfo<?> current,
        TypeSchema.Composite now,
        String path) {
      this.old = old;
      this.current = current;
      int n = old.fields().size();
      this.readers = new TypeSerializer[n];
      this.targets = new int[n];
      this.isNull = new boolean[n];
      int m = current == null ? 0 : current.getArity();
      this.values = new Object[m];
      this.given = new boolean[m];
      for (int i = 0; i < n; i++) {
        TypeSchema.Field f = old.fields().get(i);
        String fieldPath = field(path, f.name());
        int target = current == null ? -1 : current.getFieldIndex(f.name());
        targets[i] = target;
        if (target < 0) {
          readers[i] = skipper(f.type(), fieldPath);
          continue;
        }
        try {
          readers[i] = reader(f.type(), current.getFieldType(target), fieldPath);
        } catch (IncompatibleSchemaException e) {
          if (!e.getFieldPath().equals(fieldPath)) {
            throw e;
          }
          // the field itself changed: describe it as declared (primitive or boxed)
          throw new IncompatibleSchemaException(
              fieldPath,
              TypeSchemas.describeField(f),
              TypeSchemas.describeField(now.field(f.name())),
              e.getDetail());
        }
      }
    }

    private DynamicTypeInfo.Serializer<Object> subclasses() {
      if (subclasses == null) {
        subclasses = new DynamicTypeInfo.Serializer<>(Object.class);
      }
      return subclasses;
    }

    @Override
    public Object deserialize(DataInputView in) throws IOException {
      if (old.pojo()) {
        int header = in.readUnsignedByte();
        if (header == 1) {
          // a subclass's value, written by class name with the subclass's own serializer
          return subclasses().deserialize(in);
        }
        if (header != 0) {
          throw new IOException("corrupt POJO header " + header + " for " + old.typeClass());
        }
      }
      int n = readers.length;
      NullMarkers.readBitmap(isNull, n, in);
      try {
        for (int i = 0; i < n; i++) {
          Object v = isNull[i] ? null : readers[i].deserialize(in);
          int t = targets[i];
          if (t >= 0) {
            values[t] = v;
            given[t] = true;
          }
        }
        if (current == null) {
          return null;
        }
        return current instanceof RecordTypeInfo<?> r
            ? r.instantiate(values, given)
            : ((PojoTypeInfo<?>) current).instantiate(values, given);
      } finally {
        Arrays.fill(values, null);
        Arrays.fill(given, false);
      }
    }
  }

  // ---- skipping what is gone ----

  /** A reader that consumes a value written with {@code old} and returns null (or a stand-in). */
  static TypeSerializer<Object> skipper(TypeSchema old, String path) {
    if (old instanceof TypeSchema.Composite c) {
      return new CompositeReader(c, null, null, path);
    }
    if (old instanceof TypeSchema.Generic) {
      return new KryoSkipper();
    }
    if (old instanceof TypeSchema.Nested n) {
      TypeInfo<?> prototype = prototype(n);
      if (prototype != null) {
        List<TypeSerializer<?>> inner = new ArrayList<>(n.inner().size());
        for (int i = 0; i < n.inner().size(); i++) {
          inner.add(skipper(n.inner().get(i), innerPath(path, n.kind(), i)));
        }
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> s = (TypeSerializer<Object>) prototype.createSerializer(inner);
        return s;
      }
    }
    if (old instanceof TypeSchema.Atomic a) {
      TypeSerializer<Object> s = atomicSerializer(a);
      if (s != null) {
        return s;
      }
    }
    throw new IncompatibleSchemaException(
        path,
        old.toString(),
        "nothing (the field was removed)",
        "Spry cannot skip values of "
            + old
            + " without its current type; keep the field, or restore without it in a job"
            + " that still has it");
  }

  /** A type of the same kind as {@code n}, to build a serializer over skippers. */
  private static TypeInfo<?> prototype(TypeSchema.Nested n) {
    switch (n.kind()) {
      case "List":
        return new ListTypeInfo<>(BasicTypeInfo.VOID);
      case "Set":
        return new SetTypeInfo<>(BasicTypeInfo.VOID);
      case "Map":
        return new MapTypeInfo<>(BasicTypeInfo.VOID, BasicTypeInfo.VOID);
      case "Optional":
        return new OptionalTypeInfo<>(BasicTypeInfo.VOID);
      case "Array":
        return ObjectArrayTypeInfo.of(new DynamicTypeInfo<>(Object.class));
      case "Tuple":
        return new TupleTypeInfo<>(
            Collections.nCopies(n.inner().size(), BasicTypeInfo.VOID).toArray(new TypeInfo<?>[0]));
      default:
        return null;
    }
  }

  /** The serializer of an atomic type known by its schema alone, or null. */
  @SuppressWarnings("unchecked")
  private static TypeSerializer<Object> atomicSerializer(TypeSchema.Atomic a) {
    try {
      switch (a.kind()) {
        case "Basic":
          return (TypeSerializer<Object>)
              BasicTypeInfo.forClass(Class.forName(a.typeClass())).createSerializer();
        case "Enum":
          // constants are written by name; read the name
          TypeSerializer<?> names = new BasicSerializers.StringSerializer();
          return (TypeSerializer<Object>) names;
        case "PrimitiveArray":
          return (TypeSerializer<Object>)
              PrimitiveArrayTypeInfo.forClass(Class.forName(a.typeClass())).createSerializer();
        case "Dynamic":
          return new DynamicTypeInfo<>(Object.class).createSerializer();
        default:
          return null;
      }
    } catch (ClassNotFoundException | RuntimeException e) {
      return null;
    }
  }

  /** Skips a value Kryo wrote: its length as a varint, then that many bytes. */
  private static final class KryoSkipper extends ReadOnly {
    @Override
    public Object deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      while (n > 0) {
        int skipped = in.skipBytes(n);
        if (skipped <= 0) {
          in.readByte(); // throws at the end of the input
          skipped = 1;
        }
        n -= skipped;
      }
      return null;
    }
  }

  // ---- widening basic types ----

  /** A conversion from values of class {@code from} to class {@code to} without loss, or null. */
  static Function<Object, Object> widening(String from, String to) {
    int f = integralRank(from);
    if (f >= 0) {
      int t = integralRank(to);
      if (t > f) {
        return switch (t) {
          case 1 -> v -> ((Number) v).shortValue();
          case 2 -> v -> ((Number) v).intValue();
          default -> v -> ((Number) v).longValue();
        };
      }
      if (to.equals("java.lang.Float") && f <= 1) {
        return v -> ((Number) v).floatValue();
      }
      if (to.equals("java.lang.Double") && f <= 2) {
        return v -> ((Number) v).doubleValue();
      }
      if (to.equals("java.math.BigInteger")) {
        return v -> BigInteger.valueOf(((Number) v).longValue());
      }
      if (to.equals("java.math.BigDecimal")) {
        return v -> BigDecimal.valueOf(((Number) v).longValue());
      }
      return null;
    }
    if (from.equals("java.lang.Float") && to.equals("java.lang.Double")) {
      return v -> ((Number) v).doubleValue();
    }
    if (from.equals("java.math.BigInteger") && to.equals("java.math.BigDecimal")) {
      return v -> new BigDecimal((BigInteger) v);
    }
    return null;
  }

  /** 0 byte, 1 short, 2 int, 3 long; -1 for other classes. */
  private static int integralRank(String c) {
    return switch (c) {
      case "java.lang.Byte" -> 0;
      case "java.lang.Short" -> 1;
      case "java.lang.Integer" -> 2;
      case "java.lang.Long" -> 3;
      default -> -1;
    };
  }

  private static final class Converting extends ReadOnly {
    private final TypeSerializer<Object> old;
    private final Function<Object, Object> convert;

    Converting(TypeSerializer<Object> old, Function<Object, Object> convert) {
      this.old = old;
      this.convert = convert;
    }

    @Override
    public Object deserialize(DataInputView in) throws IOException {
      return convert.apply(old.deserialize(in));
    }
  }

  /** A reader of an older form: it only reads. */
  private abstract static class ReadOnly implements TypeSerializer<Object> {
    @Override
    public final void serialize(Object value, DataOutputView out) {
      throw new UnsupportedOperationException(
          "This serializer reads state written by an older version of a type; it does not write");
    }

    @Override
    public final Object copy(Object value) {
      throw new UnsupportedOperationException(
          "This serializer reads state written by an older version of a type; it does not copy");
    }
  }
}
