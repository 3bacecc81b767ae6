package io.spry.cli;

import io.spry.nexmark.Query;
import io.spry.nexmark.bench.BenchJvm;
import io.spry.nexmark.bench.BenchRun;
import io.spry.nexmark.bench.Compare;
import io.spry.nexmark.bench.Engine;
import io.spry.nexmark.bench.LatencyMeasurement;
import io.spry.nexmark.bench.Measurement;
import io.spry.nexmark.bench.Profiler;
import io.spry.nexmark.source.NexmarkSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spry bench nexmark}: the Nexmark queries on Spry, Apache Flink or the plain loop, each
 * measured in a JVM of its own after a warm-up in that JVM. Flink runs on the classpath the build
 * of spry-nexmark-flink writes, never on this command's. With {@code --rate}, the latency mode: a
 * fixed input rate, and latency percentiles from each result's trigger event to the sink.
 */
@Command(
    name = "nexmark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measures Nexmark queries: events/s, CPU seconds per million events, peak heap, heap after"
          + " GC, GC time.",
      "With --rate: latency percentiles (p50, p99, p99.9, max) at a fixed input rate.",
      "Each run is a new JVM: a warm-up run of the same query, then the measured run.",
      "Flink needs its module built first: ./mvnw -pl spry-cli,spry-nexmark-flink -am package"
          + " -DskipTests"
    },
    footer = {
      "",
      "Examples:",
      "  spry bench nexmark --engine spry --query q5 --events 5000000 --parallelism 2",
      "  spry bench nexmark --compare --query all --events 2000000 --rounds 2",
      "  spry bench nexmark --engine spry --query q7 --rate 300000 --duration 30",
      "  spry bench nexmark --compare --query q5 --rate half --rounds 1"
    })
final class NexmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--engine",
      paramLabel = "<engine>",
      description = "spry, flink or loop (default: ${DEFAULT-VALUE}). Ignored with --compare.",
      defaultValue = "spry")
  String engine;

  @Option(
      names = "--engines",
      paramLabel = "<engines>",
      split = ",",
      description =
          "With --compare: the engines to run (default: spry,flink,loop; with --rate: spry,flink).")
  List<String> engines = new ArrayList<>(List.of("spry", "flink", "loop"));

  @Option(
      names = "--query",
      paramLabel = "<query>",
      description = "q0 .. q8, several separated by commas, or all (default: ${DEFAULT-VALUE}).",
      defaultValue = "q5")
  String query;

  @Option(
      names = "--events",
      paramLabel = "<n>",
      description =
          "Events in the measured run (default: ${DEFAULT-VALUE}). With --rate half: in the"
              + " throughput run that finds Spry's maximum.",
      defaultValue = "2000000")
  long events;

  @Option(
      names = "--rate",
      paramLabel = "<events/s>",
      description =
          "The latency mode: the sources emit this many events per second, each when its"
              + " timestamp is due, and the runs report latency percentiles. 'half': half of"
              + " Spry's maximum, measured first by a throughput run of --events events.")
  String rate;

  @Option(
      names = "--duration",
      paramLabel = "<seconds>",
      description = "With --rate: the length of a latency run (default: ${DEFAULT-VALUE}).",
      defaultValue = "30")
  double duration;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "<n>",
      description =
          "Parallelism of Spry and Flink; the loop is one thread (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int parallelism;

  @Option(
      names = "--warmup",
      paramLabel = "<n>",
      description =
          "Events of each warm-up run before the measured one, in the same JVM; 0 for none"
              + " (default: the smaller of --events and 1000000).")
  Long warmup;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "<s>",
      description =
          "Repeat the warm-up run until this much time has passed, so the JIT has compiled the"
              + " query's code before the measured run (default: 10, or 0 with --warmup).")
  Double warmupSeconds;

  /** The warm-up time floor without {@code --warmup}: both engines reach their compiled code. */
  static final double DEFAULT_WARMUP_SECONDS = 10;

  @Option(
      names = "--compare",
      description =
          "Run every engine alternately, each run in a new JVM, for --rounds rounds, and end with"
              + " one line per query: medians and ratios.")
  boolean compare;

  @Option(
      names = "--markdown",
      description = "With --compare: end with the medians as a Markdown table.")
  boolean markdown;

  @Option(
      names = "--rounds",
      paramLabel = "<n>",
      description = "With --compare: rounds (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int rounds;

  @Option(
      names = "--watermark-alignment",
      paramLabel = "<ms>",
      description =
          "Throughput runs: align the sources' watermarks to within this many milliseconds of"
              + " event time, on both engines (withWatermarkAlignment); Flink then reads through"
              + " its current source API, the only one it can align (default: no alignment).")
  Long alignmentMillis;

  @Option(
      names = "--jvm-option",
      paramLabel = "<option>",
      description = "An option of the benchmark JVMs, repeatable (default: -Xms2g -Xmx2g).")
  List<String> jvmOptions;

  @Option(
      names = "--flink-classpath",
      paramLabel = "<file>",
      description =
          "The classpath file of the Flink engine (default:"
              + " <checkout>/spry-nexmark-flink/target/flink-classpath.txt).")
  Path flinkClasspath;

  @Option(
      names = "--profile",
      paramLabel = "<dir>",
      description =
          "Record each measured run (not the warm-up) with Java Flight Recorder, execution samples"
              + " of the running threads every 10 ms, into <dir>/<query>-<engine>.jfr, and print"
              + " the methods most sampled. Not with --compare.")
  Path profileDir;

  @Option(
      names = "--in-process",
      description =
          "Measure in this JVM instead of a new one (spry and loop only; not with --compare).")
  boolean inProcess;

  @Override
  public Integer call() throws Exception {
    double seconds = warmupSeconds();
    if (seconds < 0 || Double.isNaN(seconds)) {
      throw usage("--warmup-seconds must be at least 0, was " + warmupSeconds);
    }
    try (ScopedProperties w =
        ScopedProperties.set(
            inProcess
                ? Map.of(BenchRun.WARMUP_SECONDS_PROPERTY, Double.toString(seconds))
                : Map.of())) {
      return rate != null ? latency() : throughput();
    }
  }

  /**
   * The warm-up's time floor: {@code --warmup-seconds}; else none when {@code --warmup} sets the
   * events (one run of them, as asked), and {@link #DEFAULT_WARMUP_SECONDS} when neither is given.
   */
  private double warmupSeconds() {
    if (warmupSeconds != null) {
      return warmupSeconds;
    }
    return warmup != null ? 0 : DEFAULT_WARMUP_SECONDS;
  }

  private int throughput() throws Exception {
    if (given("--duration")) {
      throw usage("--duration is for the latency mode: give --rate too");
    }
    if (alignmentMillis != null && alignmentMillis < 1) {
      throw usage("--watermark-alignment must be at least 1 ms, was " + alignmentMillis);
    }

    List<Query> queries = queries();
    if (events < 1) {
      throw usage("--events must be at least 1, was " + events);
    }
    RunCommand.checkParallelism(spec, parallelism);
    if (rounds < 1) {
      throw usage("--rounds must be at least 1, was " + rounds);
    }
    long warmupEvents = warmup != null ? warmup : Math.min(events, 1_000_000);
    if (warmupEvents < 0) {
      throw usage("--warmup must be at least 0, was " + warmupEvents);
    }
    List<Engine.Kind> kinds = new ArrayList<>();
    try {
      for (String e : compare ? engines : List.of(engine)) {
        kinds.add(Engine.Kind.parse(e));
      }
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (inProcess && (compare || kinds.contains(Engine.Kind.FLINK))) {
      throw usage("--in-process is for one run of spry or loop, not with --compare or flink");
    }
    if (profileDir != null && compare) {
      throw usage("--profile is for single runs: leave out --compare, or run one engine at a time");
    }
    PrintWriter out = spec.commandLine().getOut();
    BenchJvm jvm = jvm();
    if (compare) {
      new Compare(
              jvm,
              line -> {
                out.println(line);
                out.flush();
              })
          .run(queries, kinds, events, parallelism, warmupEvents, rounds, markdown);
      return SpryCli.EXIT_OK;
    }
    try (ScopedProperties aligned =
        ScopedProperties.set(
            alignmentMillis != null && inProcess
                ? Map.of(NexmarkSource.ALIGNMENT_PROPERTY, Long.toString(alignmentMillis))
                : Map.of())) {
      for (Query q : queries) {
        Path profile = profileFile(q, kinds.get(0));
        Measurement m;
        if (inProcess) {
          try (ScopedProperties p = profileProperty(profile)) {
            m = BenchRun.measure(kinds.get(0), q, events, parallelism, warmupEvents);
          }
        } else {
          m = jvm.measure(kinds.get(0), q, events, parallelism, warmupEvents, profile);
        }
        out.println(m.line());
        printProfile(out, profile);
        out.flush();
      }
    }
    return SpryCli.EXIT_OK;
  }

  /** The latency mode (--rate). */
  private int latency() throws Exception {
    if (alignmentMillis != null) {
      throw usage("--watermark-alignment is for throughput runs: leave it out with --rate");
    }
    List<Query> queries = queries();
    RunCommand.checkParallelism(spec, parallelism);
    boolean half = rate.trim().equalsIgnoreCase("half");
    long fixedRate = 0;
    if (!half) {
      try {
        fixedRate = Long.parseLong(rate.trim());
      } catch (NumberFormatException e) {
        throw usage("--rate takes events per second or 'half', not '" + rate + "'");
      }
      if (fixedRate < 1) {
        throw usage("--rate must be at least 1 event/s, was " + fixedRate);
      }
      if (given("--events")) {
        throw usage(
            "--events is not for a latency run, which lasts --duration seconds at --rate (with"
                + " --rate half, --events sizes the throughput run that finds the maximum)");
      }
    }
    if (!(duration > 0) || Double.isInfinite(duration)) {
      throw usage("--duration must be a positive number of seconds, was " + duration);
    }
    if (events < 1) {
      throw usage("--events must be at least 1, was " + events);
    }
    if (rounds < 1) {
      throw usage("--rounds must be at least 1, was " + rounds);
    }
    List<Engine.Kind> kinds = new ArrayList<>();
    try {
      List<String> names =
          !compare ? List.of(engine) : given("--engines") ? engines : List.of("spry", "flink");
      for (String e : names) {
        kinds.add(Engine.Kind.parse(e));
      }
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (kinds.contains(Engine.Kind.LOOP)) {
      throw usage("The loop has no latency mode: use spry or flink with --rate");
    }
    if (inProcess && (compare || kinds.contains(Engine.Kind.FLINK))) {
      throw usage("--in-process is for one run of spry, not with --compare or flink");
    }
    if (profileDir != null && compare) {
      throw usage("--profile is for single runs: leave out --compare, or run one engine at a time");
    }
    PrintWriter out = spec.commandLine().getOut();
    BenchJvm jvm = jvm();
    Map<Query, Long> rates = new EnumMap<>(Query.class);
    for (Query q : queries) {
      if (!half) {
        rates.put(q, fixedRate);
        continue;
      }
      long throughputWarmup = warmup != null ? warmup : Math.min(events, 1_000_000);
      Measurement max =
          inProcess
              ? BenchRun.measure(Engine.Kind.SPRY, q, events, parallelism, throughputWarmup)
              : jvm.measure(Engine.Kind.SPRY, q, events, parallelism, throughputWarmup);
      long r = Math.max(1, Math.round(max.eventsPerSecond() / 2));
      out.println("max: " + max.line());
      out.println(
          q.name().toLowerCase(Locale.ROOT)
              + ": latency runs at half of Spry's maximum, "
              + r
              + " events/s");
      out.flush();
      rates.put(q, r);
    }
    if (compare) {
      new Compare(
              jvm,
              line -> {
                out.println(line);
                out.flush();
              })
          .runLatency(
              queries,
              kinds,
              rates,
              duration,
              parallelism,
              latencyWarmup(rates.values().iterator().next()),
              rounds,
              markdown);
      return SpryCli.EXIT_OK;
    }
    for (Query q : queries) {
      long r = rates.get(q);
      long n = BenchRun.latencyEvents(r, duration);
      Path profile = profileFile(q, kinds.get(0));
      LatencyMeasurement m;
      if (inProcess) {
        try (ScopedProperties p = profileProperty(profile)) {
          m = BenchRun.measureLatency(kinds.get(0), q, r, n, parallelism, latencyWarmup(r));
        }
      } else {
        m = jvm.measureLatency(kinds.get(0), q, r, n, parallelism, latencyWarmup(r), profile);
      }
      out.println(m.line());
      printProfile(out, profile);
      out.flush();
    }
    return SpryCli.EXIT_OK;
  }

  /** The warm-up of a latency run: --warmup, or the smaller of a run's events and 1,000,000. */
  private long latencyWarmup(long rate) {
    long w = warmup != null ? warmup : Math.min(BenchRun.latencyEvents(rate, duration), 1_000_000);
    if (w < 0) {
      throw usage("--warmup must be at least 0, was " + w);
    }
    return w;
  }

  /** The recording file of a run of {@code q} on {@code kind}, or null without --profile. */
  private Path profileFile(Query q, Engine.Kind kind) throws java.io.IOException {
    if (profileDir == null) {
      return null;
    }
    java.nio.file.Files.createDirectories(profileDir);
    return Profiler.fileFor(profileDir, q.name(), kind.id());
  }

  /** Sets the profile property for an in-process run (nothing when {@code profile} is null). */
  private static ScopedProperties profileProperty(Path profile) {
    return ScopedProperties.set(
        profile == null
            ? Map.of()
            : Map.of(Profiler.PROPERTY, profile.toAbsolutePath().toString()));
  }

  private static void printProfile(PrintWriter out, Path profile) throws java.io.IOException {
    if (profile != null) {
      for (String line : Profiler.summary(profile, PROFILE_TOP)) {
        out.println(line);
      }
    }
  }

  /** Methods per list of the printed profile. */
  private static final int PROFILE_TOP = 15;

  private BenchJvm jvm() {
    List<String> options =
        new ArrayList<>(jvmOptions != null ? jvmOptions : BenchJvm.DEFAULT_JVM_OPTIONS);
    if (alignmentMillis != null) {
      options.add("-D" + NexmarkSource.ALIGNMENT_PROPERTY + "=" + alignmentMillis);
    }
    options.add("-D" + BenchRun.WARMUP_SECONDS_PROPERTY + "=" + warmupSeconds());
    return new BenchJvm(
        options, flinkClasspath != null ? flinkClasspath : BenchJvm.defaultFlinkClasspathFile());
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private List<Query> queries() {
    if (query.trim().toLowerCase(Locale.ROOT).equals("all")) {
      return List.of(Query.values());
    }
    List<Query> list = new ArrayList<>();
    for (String name : query.split(",")) {
      try {
        Query q = Query.parse(name);
        if (!list.contains(q)) {
          list.add(q);
        }
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage() + " or all");
      }
    }
    return list;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
