package io.spry.api.connector.file;

import static io.spry.api.connector.file.SinkFiles.finishedLines;
import static io.spry.api.connector.file.SinkFiles.finishedNames;
import static io.spry.api.connector.file.SinkFiles.hiddenFiles;
import static io.spry.api.connector.file.SinkFiles.linesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.spry.api.connector.sink.Committer;
import io.spry.api.connector.sink.CommittingSinkWriter;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.TestSinkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer, driven directly: idempotence, conflicts, and the serializers. */
class FileSinkCommitTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final TestSinkContext context = new TestSinkContext(0, 1, clock);
  private final FileSink<String> sink =
      FileSink.forRowFormat(Path.of("unused"), LineEncoder.<String>toStringLines()).build();

  private FileSink<String> sinkIn(Path directory) {
    return FileSink.forRowFormat(directory, LineEncoder.<String>toStringLines()).build();
  }

  /** Writes the records into one part file and pre-commits it. */
  private Collection<FileCommittable> preCommit(FileSink<String> s, String... records)
      throws Exception {
    try (CommittingSinkWriter<String, FileCommittable, FileWriterState> w =
        s.createCommittingWriter(context, List.of())) {
      for (String r : records) {
        w.write(r, TestSinkContext.NO_TIMESTAMP);
      }
      return w.prepareCommit(1);
    }
  }

  @Test
  void committingTwiceOrConcurrentlyChangesNothing() throws Exception {
    FileSink<String> s = sinkIn(dir);
    Collection<FileCommittable> committables = preCommit(s, "a", "b");
    assertThat(committables).hasSize(1);
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      committer.commit(committables);
      List<String> once = finishedLines(dir);
      committer.commit(committables);
      committer.commit(committables);
      assertThat(finishedLines(dir)).isEqualTo(once).containsExactly("a", "b");
      assertThat(finishedNames(dir)).containsExactly("part-0-0");
      assertThat(hiddenFiles(dir)).isEmpty();
    }
    // a second committer (another subtask after a rescale, say) sees it done as well
    try (Committer<FileCommittable> other = s.createCommitter(new TestSinkContext(1, 2, clock))) {
      other.commit(committables);
    }
    assertThat(finishedLines(dir)).containsExactly("a", "b");
  }

  @Test
  void aCommitSkipsWhatIsAlreadyCommittedAndCommitsTheRest() throws Exception {
    FileSink<String> s = sinkIn(dir);
    List<FileCommittable> first = new ArrayList<>(preCommit(s, "a"));
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      committer.commit(first);
      // the restored writer starts from the state of a checkpoint that held part 0 pending
      var w = s.createCommittingWriter(context, List.of(new FileWriterState(0, 1, 1)));
      w.write("b", TestSinkContext.NO_TIMESTAMP);
      List<FileCommittable> both = new ArrayList<>(first);
      both.addAll(w.prepareCommit(2));
      w.close();
      committer.commit(both);
    }
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1");
    assertThat(finishedLines(dir)).containsExactly("a", "b");
  }

  @Test
  void aCommittableWhoseFilesAreBothGoneIsSkipped() throws Exception {
    FileSink<String> s = sinkIn(dir);
    Collection<FileCommittable> committables = preCommit(s, "a");
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      committer.commit(committables);
      Files.delete(dir.resolve("part-0-0")); // a consumer moved it away
      committer.commit(committables); // as a restore from an older checkpoint would: warns only
    }
    assertThat(finishedNames(dir)).isEmpty();
  }

  @Test
  void aForeignFileUnderTheFinishedNameIsAConflict() throws Exception {
    FileSink<String> s = sinkIn(dir);
    Collection<FileCommittable> committables = preCommit(s, "mine");
    Path foreign = Files.writeString(dir.resolve("part-0-0"), "someone else's\n");
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      assertThatThrownBy(() -> committer.commit(committables))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(foreign.toString())
          .hasMessageContaining("is not this sink's");
    }
    assertThat(Files.readString(foreign)).isEqualTo("someone else's\n");
  }

  @Test
  void aPendingFileChangedAfterThePreCommitIsNotCommitted() throws Exception {
    FileSink<String> s = sinkIn(dir);
    FileCommittable c = preCommit(s, "a").iterator().next();
    Path pending = dir.resolve(c.pendingName());
    Files.writeString(pending, "x\n", StandardOpenOption.APPEND);
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      assertThatThrownBy(() -> committer.commit(List.of(c)))
          .hasMessageContaining(pending.toString())
          .hasMessageContaining("has 4 bytes, but 2 were written");
    }
  }

  @Test
  void aNewWriterSkipsPartNumbersTakenByAnEarlierRun() throws Exception {
    Files.writeString(dir.resolve("part-0-0"), "earlier run\n");
    Files.writeString(dir.resolve("part-0-1"), "earlier run\n");
    FileSink<String> s = sinkIn(dir);
    try (Committer<FileCommittable> committer = s.createCommitter(context)) {
      committer.commit(preCommit(s, "new"));
    }
    assertThat(finishedNames(dir)).containsExactly("part-0-0", "part-0-1", "part-0-2");
    assertThat(linesOf(dir.resolve("part-0-2"))).containsExactly("new");
  }

  @Test
  void aFreshWriterRemovesOnlyItsOwnSubtasksLeftovers() throws Exception {
    Files.createDirectories(dir.resolve("bucket"));
    String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    List<String> leftovers =
        List.of(
            ".part-0-0.inprogress." + uuid,
            "bucket/.part-0-7.inprogress." + uuid,
            ".part-2-3.inprogress." + uuid); // subtask 2 of an earlier parallelism: 2 % 2 == 0
    List<String> kept =
        List.of(
            ".part-1-0.inprogress." + uuid, // subtask 1's
            ".other-0-0.inprogress." + uuid, // another prefix
            ".part-0-0.inprogress.not-a-uuid",
            "part-0-5",
            "notes.txt");
    for (String name : leftovers) {
      Files.writeString(dir.resolve(name), "x\n");
    }
    for (String name : kept) {
      Files.writeString(dir.resolve(name), "x\n");
    }
    sinkIn(dir).createCommittingWriter(new TestSinkContext(0, 2, clock), List.of()).close();
    for (String name : leftovers) {
      assertThat(dir.resolve(name)).doesNotExist();
    }
    for (String name : kept) {
      assertThat(dir.resolve(name)).exists();
    }
  }

  @Test
  void aRestoredWriterKeepsFilesBelowItsRestoredPartNumbers() throws Exception {
    String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    for (String name : List.of(".part-0-4.inprogress." + uuid, ".part-0-5.inprogress." + uuid)) {
      Files.writeString(dir.resolve(name), "x\n");
    }
    sinkIn(dir).createCommittingWriter(context, List.of(new FileWriterState(0, 5, 1))).close();
    assertThat(dir.resolve(".part-0-4.inprogress." + uuid)).as("pending: the committer's").exists();
    assertThat(dir.resolve(".part-0-5.inprogress." + uuid))
        .as("after the checkpoint")
        .doesNotExist();
  }

  @Test
  void partNumbersOfSubtasksThatAreGoneAreCarriedUntilTheyComeBack() throws Exception {
    FileSink<String> s = sinkIn(dir);
    List<FileWriterState> fromParallelism4 =
        List.of(
            new FileWriterState(0, 3, 4),
            new FileWriterState(1, 4, 4),
            new FileWriterState(2, 5, 4),
            new FileWriterState(3, 6, 4));
    // at parallelism 2, subtask 0 answers for old 0 and 2, subtask 1 for old 1 and 3
    List<FileWriterState> atParallelism2 = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (var w = s.createCommittingWriter(new TestSinkContext(i, 2, clock), fromParallelism4)) {
        w.prepareCommit(1);
        atParallelism2.addAll(w.snapshotState(1));
      }
    }
    assertThat(atParallelism2)
        .extracting(
            FileWriterState::subtask, FileWriterState::nextPartNumber, FileWriterState::parallelism)
        .containsExactlyInAnyOrder(
            tuple(0, 3L, 2), tuple(1, 4L, 2), tuple(2, 5L, 2), tuple(3, 6L, 2));
    // back at parallelism 4, with the earlier finished files moved away by a consumer: subtask 3
    // goes on from 6, so no name is ever reused
    try (var w = s.createCommittingWriter(new TestSinkContext(3, 4, clock), atParallelism2)) {
      w.write("x", TestSinkContext.NO_TIMESTAMP);
      assertThat(w.prepareCommit(2))
          .extracting(FileCommittable::finishedName)
          .containsExactly("part-3-6");
      assertThat(w.snapshotState(2)).containsExactly(new FileWriterState(3, 7, 4));
    }
  }

  @Test
  void aWriterRestoredWithoutTheStatesOfAllSubtasksFailsNamingTheContract() {
    FileSink<String> s = sinkIn(dir);
    // a runtime that dealt the states of 3 subtasks out round-robin instead of to every writer
    List<FileWriterState> dealt =
        List.of(new FileWriterState(0, 2, 3), new FileWriterState(2, 1, 3));
    assertThatThrownBy(() -> s.createCommittingWriter(new TestSinkContext(0, 2, clock), dealt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subtasks [0, 2] taken at parallelism [3]")
        .hasMessageContaining("the states of all writers (a union)");
  }

  @Test
  void serializersRoundTripAndRejectUnknownVersions() throws Exception {
    var committables = sink.getCommittableSerializer();
    var c =
        new FileCommittable(
            "2024-01-01--00/\u00e9t\u00e9", ".part-0-1.inprogress.x", "part-0-1", 1234L);
    assertThat(committables.deserialize(committables.getVersion(), committables.serialize(c)))
        .isEqualTo(c);
    assertThatThrownBy(() -> committables.deserialize(2, committables.serialize(c)))
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> committables.deserialize(1, new byte[] {0, 5, 'a'}))
        .hasMessageContaining("Malformed FileSink committable");

    var states = sink.getWriterStateSerializer();
    var s = new FileWriterState(7, Long.MAX_VALUE - 1, 9);
    assertThat(states.deserialize(states.getVersion(), states.serialize(s))).isEqualTo(s);
    assertThatThrownBy(() -> states.deserialize(9, states.serialize(s)))
        .hasMessageContaining("version 9");
    assertThatThrownBy(() -> states.deserialize(1, new byte[3]))
        .hasMessageContaining("3 bytes, expected 16");
  }
}
