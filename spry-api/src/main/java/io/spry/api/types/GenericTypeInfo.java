package io.spry.api.types;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.spry.api.annotation.Public;
import java.io.IOException;
import java.util.Objects;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A type Spry has no serializer of its own for; it is serialized by the generic fallback, Kryo 5
 * (no registration, no references, so object graphs must be trees; classes need no no-argument
 * constructor). The first time a serializer is made for a class, a warning says why the class fell
 * back and how to avoid it: Kryo's format is bigger, slower, and changes with the class.
 *
 * <p>The serialized form is the length of Kryo's bytes as a varint, then those bytes (class and
 * object). State of such a type cannot evolve: snapshots record the fields Kryo writes ({@link
 * TypeSchema}), and a restore whose class gained, lost or retyped one fails saying so.
 */
@Public
public final class GenericTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(GenericTypeInfo.class);
  private static final ClassValue<boolean[]> WARNED =
      new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
          return new boolean[1];
        }
      };

  private final Class<T> type;
  private final String reason;

  public GenericTypeInfo(Class<T> type) {
    this(type, "Spry has no serializer of its own for it");
  }

  /**
   * @param reason why the class is not a type Spry serializes itself, e.g. "it is not a POJO: it
   *     has no public no-argument constructor"
   */
  public GenericTypeInfo(Class<T> type, String reason) {
    this.type = Objects.requireNonNull(type, "type");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  /** Why this type falls back to Kryo. */
  public String getReason() {
    return reason;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    warnOnce();
    return new KryoSerializer<>(type);
  }

  private void warnOnce() {
    boolean[] warned = WARNED.get(type);
    synchronized (warned) {
      if (warned[0]) {
        return;
      }
      warned[0] = true;
    }
    LOG.warn(
        "{} is serialized with Kryo, Spry's generic fallback, because {}. Kryo is slower and"
            + " bigger than Spry's own serializers, and its format changes with the class. To"
            + " avoid it, make {} a record or a POJO (a public class with a public no-argument"
            + " constructor whose fields are non-final and public or have getters and setters),"
            + " or give its type with .returns(...) or a TypeInfo.",
        type.getName(),
        reason,
        type.getSimpleName());
  }

  /** The Kryo serializer; one Kryo instance per serializer, as neither is thread-safe. */
  static final class KryoSerializer<T> implements TypeSerializer<T> {
    private final Kryo kryo;
    private final Output output = new Output(256, -1);
    private final Input input = new Input();
    private byte[] buffer = new byte[256];

    KryoSerializer(Class<T> type) {
      kryo = new Kryo();
      kryo.setRegistrationRequired(false);
      kryo.setReferences(false);
      kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = type.getClassLoader();
      }
      if (loader != null) {
        kryo.setClassLoader(loader);
      }
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
      if (value == null) {
        throw BasicSerializers.nullValue("generic");
      }
      output.reset();
      try {
        kryo.writeClassAndObject(output, value);
      } catch (KryoException e) {
        throw new IOException("Kryo could not serialize a " + value.getClass().getName(), e);
      }
      int n = output.position();
      VarInts.writeVarInt(out, n);
      out.write(output.getBuffer(), 0, n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView in) throws IOException {
      int n = VarInts.readVarInt(in);
      if (buffer.length < n) {
        buffer = new byte[Math.max(n, 2 * buffer.length)];
      }
      in.readFully(buffer, 0, n);
      input.setBuffer(buffer, 0, n);
      try {
        return (T) kryo.readClassAndObject(input);
      } catch (KryoException e) {
        throw new IOException("Kryo could not deserialize a value", e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      try {
        return kryo.copy(value);
      } catch (KryoException e) {
        // Some classes cannot be copied field by field; a round trip through bytes works for all.
        output.reset();
        kryo.writeClassAndObject(output, value);
        input.setBuffer(output.getBuffer(), 0, output.position());
        return (T) kryo.readClassAndObject(input);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericTypeInfo<?> g && g.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode() + 11;
  }

  @Override
  public String toString() {
    return "Generic(" + type.getName() + ")";
  }
}
