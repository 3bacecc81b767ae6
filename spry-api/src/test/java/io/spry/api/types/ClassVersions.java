package io.spry.api.types;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a version of some classes at test time into a class loader of its own, so that two
 * versions of one class name live in one JVM as they would in two deployments of a job: what state
 * schema evolution is about. The classes must not depend on anything but the JDK.
 */
public final class ClassVersions {
  private ClassVersions() {}

  /**
   * Compiles {@code sources} (each a complete compilation unit, e.g. {@code "package evo; public
   * record Point(int x, int y) {}"}) and returns a loader that defines the classes.
   */
  public static ClassLoader compile(String... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("These tests need a JDK (javax.tools), not a JRE");
    }
    List<JavaFileObject> units = new ArrayList<>();
    for (String source : sources) {
      units.add(new Source(className(source), source));
    }
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            classes.put(name, bytes);
            return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                return bytes;
              }
            };
          }
        };
    boolean ok =
        javac
            .getTask(null, files, diagnostics, List.of("-proc:none", "-g:none"), null, units)
            .call();
    if (!ok) {
      throw new IllegalStateException("Compiling failed: " + diagnostics.getDiagnostics());
    }
    return new ClassLoader(ClassVersions.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        ByteArrayOutputStream b = classes.get(name);
        if (b == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = b.toByteArray();
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  public static Class<?> load(ClassLoader loader, String name) {
    try {
      return loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The binary name of a compilation unit's first top-level type. */
  private static String className(String source) {
    java.util.regex.Matcher pkg =
        java.util.regex.Pattern.compile("package\\s+([\\w.]+)\\s*;").matcher(source);
    java.util.regex.Matcher type =
        java.util.regex.Pattern.compile("(?:class|record|enum|interface)\\s+(\\w+)")
            .matcher(source);
    if (!type.find()) {
      throw new IllegalArgumentException("no type in " + source);
    }
    return (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(
          URI.create(
              "string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
          JavaFileObject.Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
