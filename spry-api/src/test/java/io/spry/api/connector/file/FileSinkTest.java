package io.spry.api.connector.file;

import static io.spry.api.connector.file.SinkFiles.finishedLines;
import static io.spry.api.connector.file.SinkFiles.finishedNames;
import static io.spry.api.connector.file.SinkFiles.hiddenFiles;
import static io.spry.api.connector.file.SinkFiles.linesOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.sink.SinkWriter;
import io.spry.api.connector.sink.VersionedSerializer;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestSinkContext;
import io.spry.api.connector.testing.TwoPhaseCommitDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file lifecycle, rolling, buckets and what readers see. */
class FileSinkTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private TwoPhaseCommitDriver<String, FileCommittable, FileWriterState> driver(
      FileSink<String> sink, int parallelism) throws Exception {
    return new TwoPhaseCommitDriver<>(sink, clock).start(parallelism);
  }

  private FileSink.RowFormatBuilder<String> lines() {
    return FileSink.forRowFormat(dir, LineEncoder.toStringLines());
  }

  private static List<String> records(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void filesAreHiddenUntilTheirCheckpointCompletes() throws Exception {
    var d = driver(lines().build(), 1);
    d.write(0, "a");
    d.write(0, "b");
    assertThat(finishedNames(dir)).isEmpty();
    assertThat(hiddenFiles(dir))
        .singleElement()
        .asString()
        .matches("\\.part-0-0\\.inprogress\\..{36}");

    long cp1 = d.checkpoint(); // pending: closed, still hidden
    d.write(0, "c");
    assertThat(finishedNames(dir)).isEmpty();
    assertThat(hiddenFiles(dir)).hasSize(2);

    d.complete(cp1);
    assertThat(finishedNames(dir)).containsExactly("part-0-0");
    assertThat(linesOf(dir.resolve("part-0-0"))).containsExactly("a", "b");
    assertThat(hiddenFiles(dir)).singleElement().asString().startsWith(".part-0-1.inprogress.");

    d.endOfInput();
    d.close();
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
    assertThat(linesOf(dir.resolve("part-0-1"))).containsExactly("c");
    assertThat(hiddenFiles(dir)).isEmpty();
  }

  @Test
  void rollsAtEveryCheckpointAndNotificationsMayBeSkipped() throws Exception {
    var d = driver(lines().build(), 1);
    List<List<String>> expectedParts = new ArrayList<>();
    List<Long> checkpoints = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      List<String> batch = records("c" + c + "-", 0, 3 + c);
      for (String r : batch) {
        d.write(0, r);
      }
      expectedParts.add(batch);
      checkpoints.add(d.checkpoint());
    }
    d.checkpoint(); // nothing written since: no empty file
    assertThat(finishedNames(dir)).isEmpty();
    d.complete(checkpoints.get(3)); // covers the three before it
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1", "part-0-2", "part-0-3");
    for (int c = 0; c < 4; c++) {
      assertThat(linesOf(dir.resolve("part-0-" + c))).isEqualTo(expectedParts.get(c));
    }
    d.close();
    assertThat(hiddenFiles(dir)).isEmpty();
  }

  @Test
  void anAbortedCheckpointsFilesAreCommittedWithTheNextOne() throws Exception {
    var d = driver(lines().build(), 1);
    d.write(0, "x");
    long aborted = d.checkpoint();
    d.abort(aborted);
    d.write(0, "y");
    long next = d.checkpoint();
    d.complete(next);
    assertThat(finishedLines(dir)).containsExactly("x", "y");
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
  }

  /** The parts a size limit makes, computed from the record lengths alone. */
  private static List<List<String>> splitBySize(List<String> records, long limit) {
    List<List<String>> parts = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long size = 0;
    for (String r : records) {
      current.add(r);
      size += r.getBytes(UTF_8).length + 1;
      if (size >= limit) {
        parts.add(current);
        current = new ArrayList<>();
        size = 0;
      }
    }
    if (!current.isEmpty()) {
      parts.add(current);
    }
    return parts;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 50, 333, 4096})
  void rollsBySize(long limit) throws Exception {
    var d =
        driver(
            lines().withRollingPolicy(RollingPolicy.builder().maxPartSize(limit).build()).build(),
            1);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      records.add(
          "record-" + i + "-\u00e9\u65e5".repeat(i % 7)); // multi-byte characters count as bytes
    }
    for (String r : records) {
      d.write(0, r);
    }
    d.complete(d.checkpoint());
    List<List<String>> expected = splitBySize(records, limit);
    assertThat(finishedNames(dir)).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Path part = dir.resolve("part-0-" + i);
      assertThat(linesOf(part)).as("part %d", i).isEqualTo(expected.get(i));
      long bytes = Files.size(part);
      if (i < expected.size() - 1) {
        assertThat(bytes).isGreaterThanOrEqualTo(limit);
      }
    }
  }

  @Test
  void rollsByPartAgeOnProcessingTime() throws Exception {
    var policy = RollingPolicy.builder().maxPartAge(Duration.ofSeconds(10)).build();
    var d = driver(lines().withRollingPolicy(policy).build(), 1);
    assertThat(d.writer(0).wantsProcessingTime()).isTrue();
    long t0 = clock.millis();
    d.write(0, "a"); // the part opens at t0
    clock.advance(Duration.ofMillis(9_999));
    d.write(0, "b");
    d.processingTime(clock.millis());
    assertThat(hiddenFiles(dir)).hasSize(1);
    clock.advance(Duration.ofMillis(1));
    d.processingTime(t0 + 10_000); // age 10 s: rolls, pending until the checkpoint
    d.write(0, "c");
    assertThat(hiddenFiles(dir)).hasSize(2);
    assertThat(finishedNames(dir)).isEmpty();
    d.complete(d.checkpoint());
    assertThat(linesOf(dir.resolve("part-0-0"))).containsExactly("a", "b");
    assertThat(linesOf(dir.resolve("part-0-1"))).containsExactly("c");
  }

  @Test
  void rollsAfterInactivity() throws Exception {
    var policy = RollingPolicy.builder().inactivityInterval(Duration.ofSeconds(5)).build();
    var d = driver(lines().withRollingPolicy(policy).build(), 1);
    long t = clock.millis();
    d.write(0, "a");
    d.processingTime(t + 1_000); // activity seen at t+1s
    d.write(0, "b");
    d.processingTime(t + 4_000); // activity seen at t+4s
    d.processingTime(t + 8_999); // idle 4.999 s
    d.write(0, "c");
    d.processingTime(t + 9_000); // activity again
    d.processingTime(t + 13_999);
    assertThat(hiddenFiles(dir)).hasSize(1);
    d.processingTime(t + 14_000); // idle 5 s: rolls
    clock.advance(Duration.ofSeconds(15));
    d.write(0, "d");
    d.complete(d.checkpoint());
    assertThat(linesOf(dir.resolve("part-0-0"))).containsExactly("a", "b", "c");
    assertThat(linesOf(dir.resolve("part-0-1"))).containsExactly("d");
  }

  @Test
  void withoutTimeLimitsTheWriterAsksForNoProcessingTime() throws Exception {
    var d = driver(lines().build(), 1);
    assertThat(d.writer(0).wantsProcessingTime()).isFalse();
  }

  @Test
  void subtasksNameTheirOwnPartsAndPrefixAndSuffixApply() throws Exception {
    var sink = lines().withPartPrefix("out").withPartSuffix(".txt").build();
    var d = driver(sink, 3);
    for (int i = 0; i < 30; i++) {
      d.write(i % 3, "r" + i);
    }
    d.complete(d.checkpoint());
    d.write(2, "late");
    d.endOfInput();
    d.close();
    assertThat(finishedNames(dir))
        .containsExactly("out-0-0.txt", "out-1-0.txt", "out-2-0.txt", "out-2-1.txt");
    assertThat(linesOf(dir.resolve("out-1-0.txt")))
        .isEqualTo(IntStream.range(0, 30).filter(i -> i % 3 == 1).mapToObj(i -> "r" + i).toList());
    assertThat(linesOf(dir.resolve("out-2-1.txt"))).containsExactly("late");
  }

  @Test
  void bucketsByProcessingTimeHour() throws Exception {
    // ManualClock starts at 1_700_000_000_000 ms = 2023-11-14T22:13:20Z
    var sink = lines().withBucketAssigner(new DateTimeBucketAssigner<>()).build();
    var d = driver(sink, 1);
    d.write(0, "at 22:13");
    clock.advance(Duration.ofMinutes(46)); // 22:59:20
    d.write(0, "at 22:59");
    clock.advance(Duration.ofMinutes(1)); // 23:00:20
    d.write(0, "at 23:00");
    d.complete(d.checkpoint());
    assertThat(finishedNames(dir))
        .containsExactly("2023-11-14--22/part-0-0", "2023-11-14--23/part-0-1");
    assertThat(linesOf(dir.resolve("2023-11-14--22/part-0-0")))
        .containsExactly("at 22:13", "at 22:59");
    assertThat(linesOf(dir.resolve("2023-11-14--23/part-0-1"))).containsExactly("at 23:00");
  }

  @Test
  void bucketsByEventTimeWithNestedDirectories() throws Exception {
    var sink =
        lines()
            .withBucketAssigner(
                DateTimeBucketAssigner.byEventTime("yyyy/MM-dd", java.time.ZoneOffset.UTC))
            .build();
    var d = driver(sink, 1);
    d.write(0, "new year", java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    d.write(0, "eve", java.time.Instant.parse("2023-12-31T23:59:59.999Z").toEpochMilli());
    d.complete(d.checkpoint());
    assertThat(finishedNames(dir)).containsExactly("2023/12-31/part-0-1", "2024/01-01/part-0-0");
    assertThatThrownBy(() -> d.write(0, "no timestamp"))
        .hasMessageContaining("without a timestamp");
  }

  @Test
  void bucketsByKey() throws Exception {
    BucketAssigner<String> byFirstLetter = (s, ctx) -> "letter=" + s.charAt(0);
    var d = driver(lines().withBucketAssigner(byFirstLetter).build(), 1);
    for (String s : List.of("apple", "banana", "avocado", "cherry", "blueberry")) {
      d.write(0, s);
    }
    d.complete(d.checkpoint());
    assertThat(finishedNames(dir))
        .containsExactly("letter=a/part-0-0", "letter=b/part-0-1", "letter=c/part-0-2");
    assertThat(linesOf(dir.resolve("letter=a/part-0-0"))).containsExactly("apple", "avocado");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "/abs", "a//b", ".hidden", "a/_tmp", "a/./b", "trailing/"})
  void badBucketIdsFailNamingThem(String id) throws Exception {
    var d = driver(lines().withBucketAssigner((s, ctx) -> id).build(), 1);
    assertThatThrownBy(() -> d.write(0, "rec"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + id + "'")
        .hasMessageContaining("rec")
        .hasMessageContaining("relative path");
    assertThat(finishedNames(dir)).isEmpty();
    assertThat(dir.resolveSibling("escape")).doesNotExist();
  }

  @Test
  void readersSeeOnlyFinishedFiles() throws Exception {
    var d = driver(lines().build(), 2);
    List<String> committed = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      d.write(i % 2, "committed-" + i);
      committed.add("committed-" + i);
    }
    d.complete(d.checkpoint());
    for (int i = 0; i < 10; i++) {
      d.write(i % 2, "pending-" + i);
    }
    d.checkpoint(); // pending, not complete
    for (int i = 0; i < 10; i++) {
      d.write(i % 2, "in-progress-" + i);
    }
    d.writer(0).flush(false); // bytes on disk, still hidden
    d.writer(1).flush(false);
    assertThat(hiddenFiles(dir)).hasSize(4);
    try (var h = new SourceHarness<>(FileSource.forLines(dir).build(), 2, clock)) {
      assertThat(h.runToEnd(10_000)).containsExactlyInAnyOrderElementsOf(committed);
    }
  }

  @Test
  void readersOfNestedBucketsSeeOnlyFinishedFiles() throws Exception {
    BucketAssigner<String> byKey = (s, ctx) -> "key=" + (s.hashCode() & 3) + "/sub";
    var d = driver(lines().withBucketAssigner(byKey).build(), 2);
    List<String> committed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      d.write(i % 2, "c" + i);
      committed.add("c" + i);
    }
    d.complete(d.checkpoint());
    for (int i = 0; i < 50; i++) {
      d.write(i % 2, "pending" + i);
    }
    d.checkpoint();
    for (int i = 0; i < 50; i++) {
      d.write(i % 2, "open" + i);
    }
    d.writer(0).flush(false);
    d.writer(1).flush(false);
    assertThat(hiddenFiles(dir)).isNotEmpty();
    try (var h =
        new SourceHarness<>(FileSource.forLines(dir).includeSubdirectories().build(), 3, clock)) {
      assertThat(h.runToEnd(10_000)).containsExactlyInAnyOrderElementsOf(committed);
    }
  }

  @Test
  void aRuntimeWithoutTwoPhaseCommitCommitsAtEveryFlush() throws Exception {
    FileSink<String> sink = lines().build();
    try (SinkWriter<String> w = sink.createWriter(new TestSinkContext(0, 1, clock))) {
      w.write("one", TestSinkContext.NO_TIMESTAMP);
      w.write("two", TestSinkContext.NO_TIMESTAMP);
      assertThat(finishedNames(dir)).isEmpty();
      w.flush(false); // a checkpoint barrier: at least once
      assertThat(finishedLines(dir)).containsExactly("one", "two");
      w.write("three", TestSinkContext.NO_TIMESTAMP);
      w.flush(true);
      w.flush(true);
    }
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
    assertThat(finishedLines(dir)).containsExactly("one", "two", "three");
    assertThat(hiddenFiles(dir)).isEmpty();

    // a failure after a flush, and a fresh writer (no state): what was flushed stays
    try (SinkWriter<String> w = sink.createWriter(new TestSinkContext(0, 1, clock))) {
      w.write("four", TestSinkContext.NO_TIMESTAMP);
      w.flush(false);
      w.write("lost in the failure", TestSinkContext.NO_TIMESTAMP);
    }
    try (SinkWriter<String> w = sink.createWriter(new TestSinkContext(0, 1, clock))) {
      w.write("five", TestSinkContext.NO_TIMESTAMP);
      w.flush(true);
    }
    assertThat(finishedLines(dir)).containsExactly("one", "two", "three", "four", "five");
    assertThat(hiddenFiles(dir)).isEmpty();
  }

  @Test
  void versionedBytesRoundTrip() throws Exception {
    var serializer = lines().build().getCommittableSerializer();
    var c = new FileCommittable("b", ".p", "p", 3);
    byte[] bytes = VersionedSerializer.writeWithVersion(serializer, c);
    assertThat(VersionedSerializer.readWithVersion(serializer, bytes)).isEqualTo(c);
    bytes[3] = 9;
    assertThatThrownBy(() -> VersionedSerializer.readWithVersion(serializer, bytes))
        .hasMessageContaining("version 9");
  }

  @Test
  void writingAfterTheEndOfInputFails() throws Exception {
    var d = driver(lines().build(), 1);
    d.endOfInput();
    assertThatThrownBy(() -> d.write(0, "x")).hasMessageContaining("after the end of input");
  }

  @Test
  void snapshotWithoutPrepareCommitFails() throws Exception {
    var d = driver(lines().build(), 1);
    d.write(0, "x");
    assertThatThrownBy(() -> d.writer(0).snapshotState(7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without prepareCommit(7)");
  }

  @Test
  void builderRejectsMistakesWithHowToFix() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> FileSink.forRowFormat(file, LineEncoder.toStringLines()).build())
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is a file");
    assertThatThrownBy(() -> lines().withPartPrefix(".hidden").build())
        .hasMessageContaining("'.hidden'")
        .hasMessageContaining("hide finished files");
    assertThatThrownBy(() -> lines().withPartSuffix("a/b").build())
        .hasMessageContaining("path separator");
    assertThatThrownBy(() -> RollingPolicy.builder().maxPartSize(0))
        .hasMessageContaining("at least 1 byte");
    assertThatThrownBy(() -> RollingPolicy.builder().maxPartAge(Duration.ZERO))
        .hasMessageContaining("at least 1 ms");
    assertThatThrownBy(() -> new DateTimeBucketAssigner<>("HH:mm:ss.SSS", java.time.ZoneOffset.UTC))
        .hasMessageContaining("fractions of a second");
  }

  @Test
  void toStringPrintsTheBuilderCall() {
    var sink =
        lines()
            .withRollingPolicy(RollingPolicy.builder().maxPartSize(10).build())
            .withPartSuffix(".log")
            .build();
    assertThat(sink.toString())
        .isEqualTo(
            "FileSink.forRowFormat(Path.of(\""
                + dir
                + "\"), LineEncoder.toStringLines()).withBucketAssigner(BucketAssigner.singleBucket())"
                + ".withRollingPolicy(RollingPolicy.builder().maxPartSize(10).build())"
                + ".withPartPrefix(\"part\").withPartSuffix(\".log\").build()");
  }
}
