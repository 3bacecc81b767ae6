package io.spry.nexmark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: a Java Flight Recorder recording of the measured run only (not the warm-up),
 * with execution samples and nothing else, so that the recording costs the run little: every
 * {@value #SAMPLE_MILLIS} ms the recorder samples threads that are running Java code (on JDK 17 at
 * most five per period, in turn; parked threads are not sampled); and a summary of it, the methods
 * that the samples were in most (self) and most often under (total). The JVM that runs the query
 * records when the {@value #PROPERTY} system property names the file to write.
 */
public final class Profiler {
  /** The system property with the path of the recording to write. */
  public static final String PROPERTY = "nexmark.profile";

  static final long SAMPLE_MILLIS = 10;

  /**
   * The stack depth a benchmark JVM records when profiling (the recorder's default is 64, which
   * cuts Flink's stacks short); an in-process run keeps its JVM's.
   */
  static final int STACK_DEPTH = 256;

  private Profiler() {}

  /** A recording under way, and the file it goes to; or, without {@value #PROPERTY}, nothing. */
  static final class Session {
    private static final Session NONE = new Session(null, null);

    private final Recording recording;
    private final Path file;

    private Session(Recording recording, Path file) {
      this.recording = recording;
      this.file = file;
    }

    /** Stops the recording and writes it to its file; the recording is closed in any case. */
    void stop() throws IOException {
      if (recording == null) {
        return;
      }
      try {
        recording.stop();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
          Files.createDirectories(dir);
        }
        recording.dump(file);
      } finally {
        recording.close();
      }
    }

    /** Stops after a failed run: a failure to write the recording goes with the run's. */
    void stopAfter(Throwable failure) {
      try {
        stop();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Starts a recording if {@value #PROPERTY} asks for one, else a session that records nothing.
   * Called before the run's other preparations, so that the recorder's own start (the first in a
   * JVM starts Flight Recorder, which can take a while) falls outside what the run measures.
   */
  static Session start() {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) {
      return Session.NONE;
    }
    Recording r = new Recording();
    try {
      r.setName("nexmark");
      r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(SAMPLE_MILLIS));
      r.setToDisk(true);
      r.start();
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    return new Session(r, Path.of(file));
  }

  /**
   * The file a run's recording goes to: {@code <dir>/<query>-<engine>.jfr}, or with {@code -2},
   * {@code -3}, ... before the extension when that file exists already.
   */
  public static Path fileFor(Path dir, String query, String engine) {
    String base = query.toLowerCase(Locale.ROOT) + "-" + engine;
    Path p = dir.resolve(base + ".jfr");
    for (int n = 2; Files.exists(p); n++) {
      p = dir.resolve(base + "-" + n + ".jfr");
    }
    return p;
  }

  /**
   * The summary of a recording: its samples, then the {@code top} methods by self samples (the
   * sample's top frame), then by total samples (anywhere in the sample's stack), leaving out, and
   * counting, those under at least 90% of all samples (the threads' own loops). Stacks deeper than
   * the recorder's depth (64 frames unless the JVM was told otherwise) count only their top frames.
   */
  public static List<String> summary(Path recording, int top) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Set<Long> threads = new HashSet<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      if (e.getThread("sampledThread") != null) {
        threads.add(e.getThread("sampledThread").getJavaThreadId());
      }
      self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String m = name(f.getMethod());
        if (seen.add(m)) {
          total.merge(m, 1, Integer::sum);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "profile: "
            + recording
            + ": "
            + samples
            + " samples of "
            + threads.size()
            + " threads, every "
            + SAMPLE_MILLIS
            + " ms");
    if (samples == 0) {
      return lines;
    }
    lines.add("  self:");
    addTop(lines, self, samples, top, samples + 1);
    double loopSamples = LOOPS * samples;
    int loops = (int) total.values().stream().filter(c -> c >= loopSamples).count();
    lines.add(
        "  total (leaving out the "
            + loops
            + " methods under "
            + Math.round(LOOPS * 100)
            + "% or more of the samples: the threads' loops):");
    addTop(lines, total, samples, top, loopSamples);
    return lines;
  }

  /** The share of the samples from which on a method counts as a thread's loop in the totals. */
  private static final double LOOPS = 0.9;

  private static void addTop(
      List<String> lines, Map<String, Integer> counts, int samples, int top, double below) {
    counts.entrySet().stream()
        .filter(en -> en.getValue() < below)
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(
            en ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "  %5.1f%%  %s",
                        100.0 * en.getValue() / samples,
                        en.getKey())));
  }

  private static String name(RecordedMethod m) {
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }
}
