package io.spry.cli;

import io.spry.api.JobExecutionException;
import io.spry.cli.control.JobControl;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Calls the {@code main} of a class in a job's jar. The jar gets a class loader of its own whose
 * parent is the command's, so the job sees the Spry API and runtime the command brings.
 */
final class JarRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JarRunner.class);

  private JarRunner() {}

  /**
   * Calls the jar's {@code main} with {@code properties} set as system properties meanwhile, and
   * the jobs it starts controllable from other terminals.
   */
  static int run(
      CommandSpec spec,
      Path jar,
      String mainClass,
      Map<String, String> properties,
      List<String> args) {
    if (!Files.exists(jar)) {
      throw usage(spec, "Jar file not found: " + jar);
    }
    if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
      throw usage(spec, "Cannot read the jar file " + jar);
    }
    String className = mainClass != null ? mainClass : manifestMainClass(spec, jar);
    URLClassLoader loader = new URLClassLoader(new URL[] {url(spec, jar)}, parentLoader());
    Method main = findMain(spec, loader, className, jar);

    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    try (ScopedProperties scoped = ScopedProperties.set(properties);
        JobControl control = JobControl.start(spec.commandLine().getErr())) {
      thread.setContextClassLoader(loader);
      LOG.info("Calling {}.main with {} from {}", className, args, jar);
      main.invoke(null, (Object) args.toArray(new String[0]));
      return SpryCli.EXIT_OK;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      JobExecutionException jobFailure = SpryCli.find(cause, JobExecutionException.class);
      if (jobFailure != null) {
        throw jobFailure;
      }
      throw new JobMainException(className + ".main failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw usage(spec, "Cannot call " + className + ".main: " + e.getMessage());
    } finally {
      thread.setContextClassLoader(previousLoader);
      // The loader stays open: a job started with executeAsync may still load classes.
    }
  }

  private static ClassLoader parentLoader() {
    return JarRunner.class.getClassLoader();
  }

  private static URL url(CommandSpec spec, Path jar) {
    try {
      return jar.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw usage(spec, "Not a usable jar path: " + jar);
    }
  }

  private static String manifestMainClass(CommandSpec spec, Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
      if (main == null || main.isBlank()) {
        throw usage(
            spec,
            "No --class given, and "
                + jar
                + " names no Main-Class in its manifest: give --class <main class>");
      }
      return main.trim();
    } catch (IOException e) {
      throw usage(spec, "Cannot open " + jar + " as a jar: " + e.getMessage());
    }
  }

  private static Method findMain(CommandSpec spec, ClassLoader loader, String className, Path jar) {
    Class<?> c;
    try {
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw usage(spec, "Class " + className + " not found in " + jar);
    } catch (LinkageError e) {
      throw usage(spec, "Cannot load class " + className + " from " + jar + ": " + e);
    }
    Method main;
    try {
      main = c.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      main = null;
    }
    if (main == null || !Modifier.isStatic(main.getModifiers())) {
      throw usage(spec, "Class " + className + " has no public static void main(String[] args)");
    }
    return main;
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
