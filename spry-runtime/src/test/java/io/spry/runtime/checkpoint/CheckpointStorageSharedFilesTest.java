package io.spry.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference counting of {@link CheckpointStorage}'s shared files without a backend: uploads once
 * per id, aborted checkpoints give their files back, retention deletes at zero, and a new instance
 * counts again from the manifests. (The RocksDB module tests the same with real SST files.)
 */
class CheckpointStorageSharedFilesTest {
  @TempDir Path dir;

  private Path local(String name, String content) throws Exception {
    Path p = dir.resolve("local").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Set<String> sharedDir() throws Exception {
    Path shared = dir.resolve("chk").resolve(CheckpointStorage.SHARED);
    if (!Files.isDirectory(shared)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(shared)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  /** Completes checkpoint {@code id} with the shared files it counted. */
  private CompletedCheckpoint complete(CheckpointStorage storage, long id, Map<String, FileRef> s)
      throws Exception {
    Path chk = storage.newCheckpointDirectory(id);
    CompletedCheckpoint c =
        new CompletedCheckpoint(id, false, 0, 128, chk, Map.of(), Map.of(), List.of(), s);
    c.writeManifest();
    storage.addCompleted(c);
    return c;
  }

  @Test
  void sharedFilesAreUploadedOnceCountedAndDeletedWhenNoCheckpointUsesThem() throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.resolve("chk"), 1);
    Path a = local("a.sst", "aaaa");
    Path b = local("b.sst", "bbbbbb");

    CheckpointStorage.Shared a1 = storage.shareFile(1, "x-a.sst", a);
    assertThat(a1.uploaded()).isTrue();
    CRC32C crc = new CRC32C();
    crc.update("aaaa".getBytes());
    assertThat(a1.ref()).isEqualTo(new FileRef("x-a.sst", 4, crc.getValue()));
    complete(storage, 1, Map.of("x-a.sst", a1.ref()));

    // checkpoint 2 reuses a and adds b, then is aborted: b goes, a stays (checkpoint 1 uses it)
    assertThat(storage.shareFile(2, "x-a.sst", a).uploaded()).isFalse();
    assertThat(storage.shareFile(2, "x-b.sst", b).uploaded()).isTrue();
    assertThat(storage.sharedReferences()).isEqualTo(Map.of("x-a.sst", 2, "x-b.sst", 1));
    storage.discardPending(2);
    assertThat(sharedDir()).containsExactly("x-a.sst");
    assertThat(storage.sharedReferences()).isEqualTo(Map.of("x-a.sst", 1));

    // checkpoint 3 uses only b: with one retained, checkpoint 1 and a go
    CheckpointStorage.Shared b3 = storage.shareFile(3, "x-b.sst", b);
    assertThat(b3.uploaded()).isTrue();
    CompletedCheckpoint c3 = complete(storage, 3, Map.of("x-b.sst", b3.ref()));
    assertThat(sharedDir()).containsExactly("x-b.sst");
    assertThat(dir.resolve("chk").resolve("chk-1")).doesNotExist();

    // a new instance counts b from checkpoint 3's manifest and deletes what no manifest lists
    Files.writeString(dir.resolve("chk").resolve(CheckpointStorage.SHARED).resolve("y.sst"), "y");
    CheckpointStorage again = new CheckpointStorage(dir.resolve("chk"), 1);
    assertThat(again.sharedReferences()).isEqualTo(Map.of("x-b.sst", 1));
    assertThat(sharedDir()).containsExactly("x-b.sst");
    assertThat(again.shareFile(4, "x-b.sst", b).uploaded()).isFalse();
    complete(again, 4, Map.of("x-b.sst", b3.ref()));
    assertThat(c3.directory()).doesNotExist(); // retention counts the earlier process's checkpoint
    assertThat(sharedDir()).containsExactly("x-b.sst");
    assertThat(again.latest().id()).isEqualTo(4);
  }
}
