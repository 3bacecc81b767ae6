package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A type known only by a bound, whose values are serialized by their runtime class: the fields of a
 * raw {@code Tuple2}, the components of a raw generic record, the elements of a raw {@code List}.
 * It is complete (it makes a working serializer), but each value carries a tag or its class name,
 * so it is slower and bigger than a known type: give the full type where you can.
 *
 * <p>The serialized form is a tag byte (1 to 12 for String, the number boxes, Boolean, Character
 * and lists, sets and maps of dynamic elements; 0 for any other class, followed by the class name),
 * then the value in the format of its class's own serializer.
 */
@Public
public final class DynamicTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> bound;

  /**
   * @param bound the class all values are instances of, {@code Object.class} if nothing is known
   */
  public DynamicTypeInfo(Class<T> bound) {
    this.bound = Objects.requireNonNull(bound, "bound");
  }

  @Override
  public Class<T> getTypeClass() {
    return bound;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new Serializer<>(bound);
  }

  private static final int BY_NAME = 0;
  private static final int LIST = 10;
  private static final int SET = 11;
  private static final int MAP = 12;

  /** Tags 1..9: the basic types written without their class name. */
  private static final Class<?>[] TAGGED = {
    null,
    String.class,
    Integer.class,
    Long.class,
    Double.class,
    Float.class,
    Boolean.class,
    Short.class,
    Byte.class,
    Character.class
  };

  static final class Serializer<T> implements TypeSerializer<T> {
    private final Class<T> bound;
    private final TypeSerializer<Object>[] tagged;
    private final Map<Class<?>, TypeSerializer<Object>> byClass = new HashMap<>();
    private final Map<String, TypeSerializer<Object>> byName = new HashMap<>();
    private final BasicSerializers.StringSerializer names = new BasicSerializers.StringSerializer();

    @SuppressWarnings({"unchecked", "rawtypes"})
    Serializer(Class<T> bound) {
      this.bound = bound;
      this.tagged = new TypeSerializer[MAP + 1];
    }

    @SuppressWarnings("unchecked")
    private TypeSerializer<Object> tagged(int tag) throws IOException {
      TypeSerializer<Object> s = tagged[tag];
      if (s == null) {
        TypeInfo<?> info;
        if (tag >= 1 && tag < TAGGED.length) {
          info = BasicTypeInfo.forClass(TAGGED[tag]);
        } else if (tag == LIST) {
          info = new ListTypeInfo<>(new DynamicTypeInfo<>(Object.class));
        } else if (tag == SET) {
          info = new SetTypeInfo<>(new DynamicTypeInfo<>(Object.class));
        } else if (tag == MAP) {
          info =
              new MapTypeInfo<>(
                  new DynamicTypeInfo<>(Object.class), new DynamicTypeInfo<>(Object.class));
        } else {
          throw new IOException("corrupt dynamic type tag " + tag);
        }
        s = (TypeSerializer<Object>) info.createSerializer();
        tagged[tag] = s;
      }
      return s;
    }

    private int tagOf(Class<?> c) {
      for (int i = 1; i < TAGGED.length; i++) {
        if (TAGGED[i] == c) {
          return i;
        }
      }
      // Plain JDK collections come back as ArrayList, LinkedHashSet or LinkedHashMap; other
      // collection classes (LinkedList, TreeMap, user classes) are written by name to keep them.
      if (java.util.List.class.isAssignableFrom(c)
          && (c == ArrayList.class || isHiddenJdkClass(c))
          && bound.isAssignableFrom(ArrayList.class)) {
        return LIST;
      }
      if (java.util.Set.class.isAssignableFrom(c)
          && (c == java.util.HashSet.class
              || c == java.util.LinkedHashSet.class
              || isHiddenJdkClass(c))
          && bound.isAssignableFrom(java.util.LinkedHashSet.class)) {
        return SET;
      }
      if (java.util.Map.class.isAssignableFrom(c)
          && (c == java.util.HashMap.class
              || c == java.util.LinkedHashMap.class
              || isHiddenJdkClass(c))
          && bound.isAssignableFrom(java.util.LinkedHashMap.class)) {
        return MAP;
      }
      return BY_NAME;
    }

    /** A JDK collection class users cannot name, like the one of {@code List.of(...)}. */
    private static boolean isHiddenJdkClass(Class<?> c) {
      return !java.lang.reflect.Modifier.isPublic(c.getModifiers())
          && c.getName().startsWith("java.util.");
    }

    @SuppressWarnings("unchecked")
    private TypeSerializer<Object> forClass(Class<?> c) {
      TypeSerializer<Object> s = byClass.get(c);
      if (s == null) {
        s = (TypeSerializer<Object>) TypeExtractor.forClass(c).createSerializer();
        byClass.put(c, s);
      }
      return s;
    }

    private static Class<?> classOf(Object value) {
      Class<?> c = value.getClass();
      if (value instanceof Enum<?> e) {
        c = e.getDeclaringClass();
      }
      return c;
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("dynamic");
      }
      Class<?> c = classOf(value);
      int tag = tagOf(c);
      out.writeByte(tag);
      if (tag == BY_NAME) {
        names.serialize(c.getName(), out);
        forClass(c).serialize(value, out);
      } else {
        tagged(tag).serialize(value, out);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView in) throws IOException {
      int tag = in.readUnsignedByte();
      if (tag != BY_NAME) {
        return (T) tagged(tag).deserialize(in);
      }
      String name = names.deserialize(in);
      TypeSerializer<Object> s = byName.get(name);
      if (s == null) {
        s = forClass(load(name));
        byName.put(name, s);
      }
      return (T) s.deserialize(in);
    }

    private Class<?> load(String name) throws IOException {
      List<ClassLoader> loaders = new ArrayList<>(3);
      loaders.add(Thread.currentThread().getContextClassLoader());
      loaders.add(bound.getClassLoader());
      loaders.add(DynamicTypeInfo.class.getClassLoader());
      for (ClassLoader loader : loaders) {
        if (loader == null) {
          continue;
        }
        try {
          return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
          // try the next loader
        }
      }
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException e) {
        throw new IOException("class " + name + " of a serialized value is not found", e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      Class<?> c = classOf(value);
      int tag = tagOf(c);
      try {
        return (T) (tag == BY_NAME ? forClass(c) : tagged(tag)).copy(value);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DynamicTypeInfo<?> d && d.bound == bound;
  }

  @Override
  public int hashCode() {
    return bound.hashCode() + 5;
  }

  /** {@code ?} or {@code ? extends Bound}. */
  @Override
  public String toString() {
    return bound == Object.class ? "?" : "? extends " + bound.getSimpleName();
  }
}
