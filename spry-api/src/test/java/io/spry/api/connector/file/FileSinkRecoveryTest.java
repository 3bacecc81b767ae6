package io.spry.api.connector.file;

import static io.spry.api.connector.file.SinkFiles.finishedLines;
import static io.spry.api.connector.file.SinkFiles.finishedNames;
import static io.spry.api.connector.file.SinkFiles.hiddenFiles;
import static io.spry.api.connector.file.SinkFiles.linesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.TwoPhaseCommitDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures at every point of the two-phase commit, and restores: each record ends up in a finished
 * file exactly once. The test plays the source: after a restore it replays from the position of the
 * restored checkpoint.
 */
class FileSinkRecoveryTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private TwoPhaseCommitDriver<String, FileCommittable, FileWriterState> driver(
      FileSink<String> sink) {
    return new TwoPhaseCommitDriver<>(sink, clock);
  }

  private FileSink<String> sink() {
    return FileSink.forRowFormat(dir, LineEncoder.<String>toStringLines()).build();
  }

  private static List<String> expected(int n) {
    return IntStream.range(0, n).mapToObj(i -> "e" + i).toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void failureAfterPreCommitOfACompletedCheckpointRecommitsOnRestore(boolean kill)
      throws Exception {
    var d = driver(sink()).start(1);
    d.write(0, "e0");
    d.write(0, "e1");
    d.complete(d.checkpoint());
    d.write(0, "e2");
    d.write(0, "e3");
    long cp2 = d.checkpoint(); // e2, e3 pre-committed at the source position 4
    d.completeWithoutNotifying(cp2); // the coordinator completed it; the sink never heard
    d.write(0, "e4"); // in progress
    if (kill) {
      d.crash();
    } else {
      d.close();
    }
    assertThat(finishedLines(dir)).containsExactly("e0", "e1");

    d.restore(1); // commits e2, e3; removes the in-progress file of e4
    assertThat(finishedLines(dir)).containsExactly("e0", "e1", "e2", "e3");
    assertThat(hiddenFiles(dir)).isEmpty();
    d.write(0, "e4"); // replayed from position 4
    d.write(0, "e5");
    d.endOfInput();
    d.close();
    assertThat(finishedLines(dir)).containsExactlyElementsOf(expected(6));
    assertThat(hiddenFiles(dir)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void failureAfterPreCommitOfAnIncompleteCheckpointDiscardsItsFiles(boolean kill)
      throws Exception {
    var d = driver(sink()).start(1);
    d.write(0, "e0");
    d.complete(d.checkpoint()); // source position 1
    d.write(0, "e1");
    d.write(0, "e2");
    d.checkpoint(); // pre-committed, never completed
    d.write(0, "e3");
    if (kill) {
      d.crash();
    } else {
      d.close();
    }
    d.restore(1);
    assertThat(finishedLines(dir)).containsExactly("e0");
    assertThat(hiddenFiles(dir)).as("leftovers of the failed attempt").isEmpty();
    for (String r : List.of("e1", "e2", "e3", "e4")) { // replayed from position 1
      d.write(0, r);
    }
    d.complete(d.checkpoint());
    d.close();
    assertThat(finishedLines(dir)).containsExactlyElementsOf(expected(5));
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void failureBeforePreCommitLosesNothingCompletedAndLeavesNoPartialFile(boolean kill)
      throws Exception {
    var d = driver(sink()).start(2);
    for (int i = 0; i < 10; i++) {
      d.write(i % 2, "e" + i);
    }
    d.complete(d.checkpoint()); // position 10
    for (int i = 10; i < 15; i++) {
      d.write(i % 2, "e" + i);
    }
    d.writer(0).flush(false); // the in-progress bytes are on disk
    if (kill) {
      d.crash();
      assertThat(hiddenFiles(dir)).hasSize(2);
    } else {
      d.close();
      assertThat(hiddenFiles(dir)).as("close() discards what was not handed over").isEmpty();
    }
    assertThat(finishedLines(dir)).containsExactlyInAnyOrderElementsOf(expected(10));
    d.restore(2);
    assertThat(hiddenFiles(dir)).isEmpty();
    for (int i = 10; i < 15; i++) {
      d.write(i % 2, "e" + i);
    }
    d.endOfInput();
    d.close();
    assertThat(finishedLines(dir)).containsExactlyInAnyOrderElementsOf(expected(15));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theFinalCheckpointCommitsWhatFinishPreCommitted(boolean failBeforeItCompletes)
      throws Exception {
    var d = driver(sink()).start(2);
    for (int i = 0; i < 6; i++) {
      d.write(i % 2, "e" + i);
    }
    d.complete(d.checkpoint()); // position 6
    for (int i = 6; i < 10; i++) {
      d.write(i % 2, "e" + i);
    }
    d.finish();
    long last = d.checkpoint(); // the final checkpoint, taken after the end of input
    assertThat(finishedLines(dir)).hasSize(6);
    if (failBeforeItCompletes) {
      d.crash();
      d.restore(2);
      assertThat(hiddenFiles(dir)).isEmpty();
      for (int i = 6; i < 10; i++) {
        d.write(i % 2, "e" + i); // replayed
      }
      d.finish();
      last = d.checkpoint();
    }
    d.complete(last);
    d.close();
    assertThat(finishedLines(dir)).containsExactlyInAnyOrderElementsOf(expected(10));
    assertThat(hiddenFiles(dir)).isEmpty();
  }

  @Test
  void partNumbersContinueAfterARestoreAndNeverRepeat() throws Exception {
    var d = driver(sink()).start(1);
    d.write(0, "e0");
    d.complete(d.checkpoint()); // part-0-0
    d.write(0, "e1");
    d.checkpoint(); // part-0-1, never completed
    d.write(0, "e2"); // part-0-2 in progress
    d.crash();
    d.restore(1);
    d.write(0, "e1");
    d.write(0, "e2");
    d.complete(d.checkpoint());
    // the failed attempt's numbers are reused: they were never visible
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
    d.write(0, "e3");
    d.complete(d.checkpoint());
    d.close();
    d.restore(1); // from the last checkpoint: numbers go on from 3
    d.write(0, "e4");
    d.endOfInput();
    d.close();
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1", "part-0-2", "part-0-3");
    assertThat(linesOf(dir.resolve("part-0-3"))).containsExactly("e4");
  }

  @Test
  void restoresAtAnotherParallelism() throws Exception {
    var d = driver(sink()).start(4);
    for (int i = 0; i < 40; i++) {
      d.write(i % 4, "e" + i);
    }
    long cp1 = d.checkpoint();
    d.completeWithoutNotifying(cp1); // restore must commit all four subtasks' files
    for (int i = 40; i < 50; i++) {
      d.write(i % 4, "e" + i); // lost in the crash, replayed
    }
    d.crash();

    d.restore(2); // subtask 0 answers for old 0 and 2, subtask 1 for 1 and 3
    assertThat(finishedLines(dir)).containsExactlyInAnyOrderElementsOf(expected(40));
    assertThat(hiddenFiles(dir)).isEmpty();
    for (int i = 40; i < 60; i++) {
      d.write(i % 2, "e" + i);
    }
    long cp2 = d.checkpoint();
    d.complete(cp2);
    for (int i = 60; i < 70; i++) {
      d.write(i % 2, "e" + i);
    }
    d.crash();

    d.restore(3); // old subtasks 2 and 3 live again: their part numbers were carried along
    for (int i = 60; i < 90; i++) {
      d.write(i % 3, "e" + i);
    }
    d.endOfInput();
    d.close();
    assertThat(finishedLines(dir)).containsExactlyInAnyOrderElementsOf(expected(90));
    assertThat(hiddenFiles(dir)).isEmpty();
    List<String> names = finishedNames(dir);
    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    assertThat(names).contains("part-2-0", "part-2-1", "part-3-0").doesNotContain("part-3-1");
  }

  /**
   * Random schedules of writes, checkpoints completed, skipped or aborted, processing time,
   * failures (with and without close) at any point, and restores at random parallelisms. At the end
   * every record is in exactly one finished file, once; along the way no finished file ever holds a
   * record twice or a record not yet written.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomFailuresGiveEveryRecordExactlyOnce(long seed) throws Exception {
    Random random = new Random(seed);
    int n = 2_000;
    RollingPolicy.Builder policy = RollingPolicy.builder();
    switch (random.nextInt(3)) {
      case 0 -> policy.maxPartSize(40 + random.nextInt(200));
      case 1 -> policy.maxPartAge(Duration.ofMillis(50 + random.nextInt(500)));
      default -> policy.inactivityInterval(Duration.ofMillis(10 + random.nextInt(100)));
    }
    BucketAssigner<String> buckets =
        random.nextBoolean()
            ? BucketAssigner.singleBucket()
            : (s, ctx) -> "b" + (Integer.parseInt(s.substring(1)) % 3);
    var sink =
        FileSink.forRowFormat(dir, LineEncoder.<String>toStringLines())
            .withRollingPolicy(policy.build())
            .withBucketAssigner(buckets)
            .build();
    var d = driver(sink).start(1 + random.nextInt(3));

    int position = 0;
    Map<Long, Integer> positionAt = new HashMap<>();
    List<Long> open = new ArrayList<>();
    int failures = 0;
    for (int step = 0; position < n; step++) {
      assertThat(step).as("steps").isLessThan(100_000);
      int action = random.nextInt(100);
      if (action < 55) {
        int batch = 1 + random.nextInt(40);
        for (int k = 0; k < batch && position < n; k++, position++) {
          d.write(position % d.parallelism(), "e" + position);
        }
      } else if (action < 67) {
        long id = d.checkpoint();
        positionAt.put(id, position);
        open.add(id);
      } else if (action < 80 && !open.isEmpty()) {
        int pick = random.nextInt(open.size());
        long id = open.get(pick);
        if (random.nextInt(4) == 0) {
          d.abort(id);
          open.remove(pick);
        } else {
          d.complete(id); // covers the earlier ones
          open.subList(0, pick + 1).clear();
        }
      } else if (action < 88) {
        clock.advance(Duration.ofMillis(random.nextInt(200)));
        d.processingTime(clock.millis());
      } else if (action < 94) {
        if (!open.isEmpty() && random.nextBoolean()) {
          d.completeWithoutNotifying(open.get(open.size() - 1));
        }
        if (random.nextBoolean()) {
          d.crash();
        } else {
          d.close();
        }
        failures++;
        List<String> visible = finishedLines(dir);
        assertThat(new HashSet<>(visible)).as("no duplicates while running").hasSameSizeAs(visible);
        d.restore(1 + random.nextInt(4));
        position = d.lastCompletedCheckpoint().map(positionAt::get).orElse(0);
        open.clear();
        assertThat(hiddenFiles(dir)).as("leftovers after the restore").isEmpty();
        assertThat(finishedLines(dir)).hasSameSizeAs(new HashSet<>(finishedLines(dir)));
        for (String line : finishedLines(dir)) {
          assertThat(Integer.parseInt(line.substring(1))).isLessThan(position);
        }
      }
    }
    d.endOfInput();
    d.close();
    assertThat(failures).isPositive();
    List<String> lines = finishedLines(dir);
    assertThat(lines).hasSize(n);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(expected(n));
    assertThat(hiddenFiles(dir)).isEmpty();
  }
}
