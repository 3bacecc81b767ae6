package io.spry.api.types;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Making, writing, reading and describing {@link TypeSchema}s. */
final class TypeSchemas {
  private TypeSchemas() {}

  private static final int ATOMIC = 1;
  private static final int GENERIC = 2;
  private static final int NESTED = 3;
  private static final int RECORD = 4;
  private static final int POJO = 5;

  // ---- from type information ----

  static TypeSchema of(TypeInfo<?> type) {
    if (type instanceof RecordTypeInfo<?> r) {
      List<TypeSchema.Field> fields = new ArrayList<>(r.getArity());
      for (int i = 0; i < r.getArity(); i++) {
        fields.add(
            new TypeSchema.Field(r.getFieldName(i), r.isPrimitiveField(i), of(r.getFieldType(i))));
      }
      return new TypeSchema.Composite(false, r.getTypeClass().getName(), fields);
    }
    if (type instanceof PojoTypeInfo<?> p) {
      List<TypeSchema.Field> fields = new ArrayList<>(p.getArity());
      for (int i = 0; i < p.getArity(); i++) {
        fields.add(
            new TypeSchema.Field(p.getFieldName(i), p.isPrimitiveField(i), of(p.getFieldType(i))));
      }
      return new TypeSchema.Composite(true, p.getTypeClass().getName(), fields);
    }
    if (type instanceof GenericTypeInfo<?> g) {
      List<String> fields = fingerprint(g.getTypeClass());
      return new TypeSchema.Generic(
          g.getTypeClass().getName(), fields != null, fields == null ? List.of() : fields);
    }
    List<TypeInfo<?>> inner = type.getInnerTypes();
    if (!inner.isEmpty()) {
      List<TypeSchema> schemas = new ArrayList<>(inner.size());
      for (TypeInfo<?> t : inner) {
        schemas.add(of(t));
      }
      return new TypeSchema.Nested(nestedKind(type), type.getTypeClass().getName(), schemas);
    }
    return new TypeSchema.Atomic(atomicKind(type), type.getTypeClass().getName());
  }

  private static String atomicKind(TypeInfo<?> t) {
    if (t instanceof BasicTypeInfo<?>) {
      return "Basic";
    } else if (t instanceof EnumTypeInfo<?>) {
      return "Enum";
    } else if (t instanceof PrimitiveArrayTypeInfo<?>) {
      return "PrimitiveArray";
    } else if (t instanceof DynamicTypeInfo<?>) {
      return "Dynamic";
    } else if (t instanceof MissingTypeInfo<?>) {
      return "Missing";
    }
    return t.getClass().getName();
  }

  private static String nestedKind(TypeInfo<?> t) {
    if (t instanceof ListTypeInfo<?>) {
      return "List";
    } else if (t instanceof SetTypeInfo<?>) {
      return "Set";
    } else if (t instanceof MapTypeInfo<?, ?>) {
      return "Map";
    } else if (t instanceof OptionalTypeInfo<?>) {
      return "Optional";
    } else if (t instanceof ObjectArrayTypeInfo<?, ?>) {
      return "Array";
    } else if (t instanceof TupleTypeInfo<?>) {
      return "Tuple";
    }
    return t.getClass().getName();
  }

  static boolean isJdkClass(String name) {
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  /**
   * What Kryo's field serializer writes of {@code c}: every non-static, non-transient field of the
   * class and its superclasses, and recursively of the non-JDK classes they declare, as {@code
   * "Owner.name: Type"}, sorted (Kryo orders fields by name); the constants of such enums (Kryo
   * writes enums by ordinal). Null for JDK classes, whose fields change with the JDK.
   */
  private static List<String> fingerprint(Class<?> c) {
    if (isJdkClass(c.getName())) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    walk(c, out, new HashSet<>());
    return new ArrayList<>(out);
  }

  private static void walk(Class<?> c, Set<String> out, Set<Class<?>> seen) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive() || isJdkClass(c.getName()) || !seen.add(c)) {
      return;
    }
    if (c.isEnum()) {
      out.add(c.getName() + " constants: " + Arrays.toString(c.getEnumConstants()));
      return;
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      Field[] fields;
      try {
        fields = k.getDeclaredFields();
      } catch (LinkageError | RuntimeException e) {
        // a field's class cannot be loaded: say so, deterministically
        out.add(k.getName() + " fields: unreadable (" + e.getClass().getSimpleName() + ")");
        continue;
      }
      for (Field f : fields) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
          continue;
        }
        String type;
        try {
          type = f.getGenericType().getTypeName();
        } catch (LinkageError | RuntimeException e) {
          type = f.getType().getName();
        }
        out.add(k.getName() + "." + f.getName() + ": " + type);
        walk(f.getType(), out, seen);
      }
    }
  }

  // ---- bytes ----

  static void write(TypeSchema schema, DataOutputView out) throws IOException {
    out.writeByte(TypeSchema.FORMAT_VERSION);
    writeNode(schema, out);
  }

  private static void writeNode(TypeSchema schema, DataOutputView out) throws IOException {
    if (schema instanceof TypeSchema.Atomic a) {
      out.writeByte(ATOMIC);
      out.writeUTF(a.kind());
      out.writeUTF(a.typeClass());
    } else if (schema instanceof TypeSchema.Generic g) {
      out.writeByte(GENERIC);
      out.writeUTF(g.typeClass());
      out.writeBoolean(g.fingerprinted());
      VarInts.writeVarInt(out, g.fields().size());
      for (String f : g.fields()) {
        out.writeUTF(f);
      }
    } else if (schema instanceof TypeSchema.Nested n) {
      out.writeByte(NESTED);
      out.writeUTF(n.kind());
      out.writeUTF(n.typeClass());
      VarInts.writeVarInt(out, n.inner().size());
      for (TypeSchema t : n.inner()) {
        writeNode(t, out);
      }
    } else {
      TypeSchema.Composite c = (TypeSchema.Composite) schema;
      out.writeByte(c.pojo() ? POJO : RECORD);
      out.writeUTF(c.typeClass());
      VarInts.writeVarInt(out, c.fields().size());
      for (TypeSchema.Field f : c.fields()) {
        out.writeUTF(f.name());
        out.writeBoolean(f.primitive());
        writeNode(f.type(), out);
      }
    }
  }

  static TypeSchema read(DataInputView in) throws IOException {
    int version = in.readUnsignedByte();
    if (version != TypeSchema.FORMAT_VERSION) {
      throw new IOException(
          "Type schema format "
              + version
              + " is not supported (this Spry reads format "
              + TypeSchema.FORMAT_VERSION
              + ")");
    }
    return readNode(in, 0);
  }

  private static TypeSchema readNode(DataInputView in, int depth) throws IOException {
    if (depth > 1000) {
      throw new IOException("Corrupt type schema: nested more than 1000 deep");
    }
    int tag = in.readUnsignedByte();
    switch (tag) {
      case ATOMIC:
        return new TypeSchema.Atomic(in.readUTF(), in.readUTF());
      case GENERIC:
        {
          String type = in.readUTF();
          boolean fingerprinted = in.readBoolean();
          int n = count(in);
          List<String> fields = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            fields.add(in.readUTF());
          }
          return new TypeSchema.Generic(type, fingerprinted, fields);
        }
      case NESTED:
        {
          String kind = in.readUTF();
          String type = in.readUTF();
          int n = count(in);
          List<TypeSchema> inner = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            inner.add(readNode(in, depth + 1));
          }
          return new TypeSchema.Nested(kind, type, inner);
        }
      case RECORD:
      case POJO:
        {
          String type = in.readUTF();
          int n = count(in);
          List<TypeSchema.Field> fields = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            boolean primitive = in.readBoolean();
            fields.add(new TypeSchema.Field(name, primitive, readNode(in, depth + 1)));
          }
          return new TypeSchema.Composite(tag == POJO, type, fields);
        }
      default:
        throw new IOException("Corrupt type schema: unknown node tag " + tag);
    }
  }

  private static int count(DataInputView in) throws IOException {
    int n = VarInts.readVarInt(in);
    if (n < 0 || n > 1 << 20) {
      throw new IOException("Corrupt type schema: a count of " + n);
    }
    return n;
  }

  // ---- descriptions (for errors) ----

  static String describe(TypeSchema schema) {
    StringBuilder sb = new StringBuilder();
    describe(schema, false, sb);
    return sb.toString();
  }

  private static void describe(TypeSchema schema, boolean primitive, StringBuilder sb) {
    if (schema instanceof TypeSchema.Atomic a) {
      switch (a.kind()) {
        case "Basic" -> sb.append(primitive ? primitiveName(a.typeClass()) : simple(a.typeClass()));
        case "Enum" -> sb.append("Enum(").append(a.typeClass()).append(')');
        case "PrimitiveArray" -> sb.append(arrayName(a.typeClass()));
        case "Dynamic" ->
            sb.append(
                a.typeClass().equals("java.lang.Object")
                    ? "?"
                    : "? extends " + simple(a.typeClass()));
        default -> sb.append(simple(a.typeClass()));
      }
    } else if (schema instanceof TypeSchema.Generic g) {
      sb.append("Generic(").append(g.typeClass()).append(')');
    } else if (schema instanceof TypeSchema.Nested n) {
      if (n.kind().equals("Array")) {
        describe(n.inner().get(0), false, sb);
        sb.append("[]");
        return;
      }
      sb.append(n.kind().equals("Tuple") ? simple(n.typeClass()) : simpleKind(n));
      sb.append('<');
      for (int i = 0; i < n.inner().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        describe(n.inner().get(i), false, sb);
      }
      sb.append('>');
    } else {
      TypeSchema.Composite c = (TypeSchema.Composite) schema;
      sb.append(c.pojo() ? "Pojo(" : "Record(").append(c.typeClass()).append("){");
      for (int i = 0; i < c.fields().size(); i++) {
        TypeSchema.Field f = c.fields().get(i);
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(f.name()).append(": ");
        describe(f.type(), f.primitive(), sb);
      }
      sb.append('}');
    }
  }

  /** The description of a field's type, primitive if the field is. */
  static String describeField(TypeSchema.Field f) {
    StringBuilder sb = new StringBuilder();
    describe(f.type(), f.primitive(), sb);
    return sb.toString();
  }

  private static String simpleKind(TypeSchema.Nested n) {
    return switch (n.kind()) {
      case "List", "Set", "Map", "Optional" -> n.kind();
      default -> simple(n.typeClass());
    };
  }

  private static String simple(String className) {
    int dot = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
    return className.substring(dot + 1);
  }

  private static String primitiveName(String boxName) {
    return switch (boxName) {
      case "java.lang.Integer" -> "int";
      case "java.lang.Long" -> "long";
      case "java.lang.Double" -> "double";
      case "java.lang.Float" -> "float";
      case "java.lang.Boolean" -> "boolean";
      case "java.lang.Short" -> "short";
      case "java.lang.Byte" -> "byte";
      case "java.lang.Character" -> "char";
      default -> simple(boxName);
    };
  }

  private static String arrayName(String descriptor) {
    return switch (descriptor) {
      case "[Z" -> "boolean[]";
      case "[B" -> "byte[]";
      case "[S" -> "short[]";
      case "[I" -> "int[]";
      case "[J" -> "long[]";
      case "[F" -> "float[]";
      case "[D" -> "double[]";
      case "[C" -> "char[]";
      default -> descriptor;
    };
  }
}
