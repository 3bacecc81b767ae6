package io.spry.runtime.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Gives each subtask its own copy of a user function by serializing and deserializing it, as a
 * cluster would when shipping the job. So subtasks never share a function's fields, and a function
 * that could not be shipped fails at submission, not later on a cluster.
 */
final class FunctionCloner {
  private FunctionCloner() {}

  @SuppressWarnings("unchecked")
  static <T> T clone(T function, String what) {
    byte[] bytes;
    try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(function);
      out.flush();
      bytes = bos.toByteArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The function of "
              + what
              + " is not serializable ("
              + e
              + "). Every field of a function, and everything a lambda captures, must be"
              + " Serializable: mark other fields transient and create them in open()."
              + enclosingHint(function, e),
          e);
    }
    ClassLoader loader = function.getClass().getClassLoader();
    try (ObjectInputStream in =
        new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "The function of " + what + " could not be copied for its subtasks: " + e, e);
    }
  }

  /** An anonymous or inner class drags its enclosing object along: say so, it is a common trap. */
  private static String enclosingHint(Object function, IOException e) {
    Class<?> c = function.getClass();
    Class<?> enclosing = c.getEnclosingClass();
    if (enclosing != null
        && !java.lang.reflect.Modifier.isStatic(c.getModifiers())
        && e.getMessage() != null
        && e.getMessage().equals(enclosing.getName())) {
      return " The function is an anonymous or inner class, so it holds a reference to its"
          + " enclosing "
          + enclosing.getSimpleName()
          + " object: make it a static nested class, or a lambda that uses no instance members.";
    }
    return "";
  }

  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // fall back to the default resolution (primitives, JDK classes)
        }
      }
      return super.resolveClass(desc);
    }
  }
}
