package io.spry.runtime.checkpoint;

import io.spry.runtime.state.NativeKeyedSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A checkpoint or savepoint on disk: a directory of state files and a manifest that lists them with
 * their sizes and checksums. The manifest is written last, to a temporary name and then moved into
 * place atomically, so a directory without one is an incomplete checkpoint.
 *
 * <pre>
 * _manifest := "spry-checkpoint 1" NL
 *              "id " id NL "savepoint " bool NL "timestamp " millis NL "maxParallelism " n NL
 *              ("operator " uid parallelism NL)*
 *              ("state " uid subtask file size crc NL)*
 *              ("enumerator " uid file size crc NL)*
 *              ("file " file size crc NL)*           native snapshots' own files, in this directory
 *              ("shared " id size crc NL)*           files of the storage's shared directory
 *              "end " crcOfEverythingAbove NL
 * </pre>
 *
 * Operator ids are URL-encoded; CRCs are CRC-32C in hex. Restoring verifies the manifest's own
 * checksum and every file's size and checksum, shared files included, and names the first file that
 * fails. A manifest with {@code file} or {@code shared} lines (an incremental checkpoint) has
 * version 2; its shared files are in {@value CheckpointStorage#SHARED}, next to the checkpoint's
 * directory, and the storage counts their references ({@link CheckpointStorage}).
 */
public final class CompletedCheckpoint {
  public static final String MANIFEST = "_manifest";
  private static final String HEADER = "spry-checkpoint 1";
  private static final String HEADER_INCREMENTAL = "spry-checkpoint 2";

  /** One operator's files: a file per subtask that wrote state (null where none did). */
  public record OperatorFiles(int parallelism, FileRef[] subtasks) {}

  private final long id;
  private final boolean savepoint;
  private final long timestamp;
  private final int maxParallelism;
  private final Path directory;
  private final Map<String, OperatorFiles> operators;
  private final Map<String, FileRef> enumerators;
  private final List<FileRef> nativeFiles;
  private final Map<String, FileRef> shared;

  public CompletedCheckpoint(
      long id,
      boolean savepoint,
      long timestamp,
      int maxParallelism,
      Path directory,
      Map<String, OperatorFiles> operators,
      Map<String, FileRef> enumerators) {
    this(
        id,
        savepoint,
        timestamp,
        maxParallelism,
        directory,
        operators,
        enumerators,
        List.of(),
        Map.of());
  }

  /**
   * @param nativeFiles the native snapshots' files of this checkpoint's own directory
   * @param shared the files of the shared directory it references, by id ({@link FileRef#name()})
   */
  public CompletedCheckpoint(
      long id,
      boolean savepoint,
      long timestamp,
      int maxParallelism,
      Path directory,
      Map<String, OperatorFiles> operators,
      Map<String, FileRef> enumerators,
      List<FileRef> nativeFiles,
      Map<String, FileRef> shared) {
    this.nativeFiles = nativeFiles;
    this.shared = shared;
    this.id = id;
    this.savepoint = savepoint;
    this.timestamp = timestamp;
    this.maxParallelism = maxParallelism;
    this.directory = directory;
    this.operators = operators;
    this.enumerators = enumerators;
  }

  public long id() {
    return id;
  }

  public boolean isSavepoint() {
    return savepoint;
  }

  public long timestamp() {
    return timestamp;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  public Path directory() {
    return directory;
  }

  public Map<String, OperatorFiles> operators() {
    return operators;
  }

  public Map<String, FileRef> enumerators() {
    return enumerators;
  }

  /** The shared files this checkpoint references, by id. */
  public Map<String, FileRef> shared() {
    return shared;
  }

  /** Its native snapshots' files in its own directory. */
  public List<FileRef> nativeFiles() {
    return nativeFiles;
  }

  /** Where its shared files are: the storage's shared directory, next to this one's. */
  public Path sharedDirectory() {
    return directory.toAbsolutePath().getParent().resolve(CheckpointStorage.SHARED);
  }

  /**
   * The bytes of all files and the manifest, shared files included (what a restore reads; see
   * {@link #ownBytes} for what this checkpoint added).
   */
  public long sizeBytes() throws IOException {
    long n = ownBytes();
    for (FileRef f : shared.values()) {
      n += f.size();
    }
    return n;
  }

  /** The bytes of the files in this checkpoint's own directory and the manifest. */
  public long ownBytes() throws IOException {
    long n = Files.size(directory.resolve(MANIFEST));
    for (FileRef f : nativeFiles) {
      n += f.size();
    }
    for (OperatorFiles o : operators.values()) {
      for (FileRef f : o.subtasks()) {
        n += f == null ? 0 : f.size();
      }
    }
    for (FileRef f : enumerators.values()) {
      n += f.size();
    }
    return n;
  }

  // ---- files ----

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * Streams a new file of the directory, computing its checksum as it goes, forces it to disk, and
   * returns its reference.
   */
  public static FileRef writeFile(Path dir, String name, Content content) throws IOException {
    CRC32C crc = new CRC32C();
    Path p = dir.resolve(name);
    long size;
    try (java.nio.channels.FileChannel ch =
            java.nio.channels.FileChannel.open(
                p,
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        java.io.OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(os, crc);
        java.io.BufferedOutputStream out = new java.io.BufferedOutputStream(checked, 1 << 16)) {
      content.writeTo(out);
      out.flush();
      size = ch.size();
      ch.force(false);
    }
    return new FileRef(name, size, crc.getValue());
  }

  /** Writes {@code data} to a new file of the directory and returns its reference. */
  public static FileRef writeFile(Path dir, String name, byte[] data) throws IOException {
    Files.write(dir.resolve(name), data);
    CRC32C crc = new CRC32C();
    crc.update(data);
    return new FileRef(name, data.length, crc.getValue());
  }

  /** Reads a file of this checkpoint and checks its size and checksum. */
  public byte[] readFile(FileRef ref) throws CorruptCheckpointException {
    Path p = directory.resolve(ref.name());
    byte[] data;
    try {
      data = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException(
          "File " + ref.name() + " of checkpoint " + id + " at " + directory + " is missing");
    } catch (IOException e) {
      throw new CorruptCheckpointException(
          "Reading " + p + " of checkpoint " + id + " failed: " + e.getMessage(), e);
    }
    if (data.length != ref.size()) {
      throw new CorruptCheckpointException(
          "File "
              + p
              + " of checkpoint "
              + id
              + " has "
              + data.length
              + " bytes, its manifest says "
              + ref.size()
              + " (truncated or overwritten)");
    }
    CRC32C crc = new CRC32C();
    crc.update(data);
    if (crc.getValue() != ref.crc()) {
      throw new CorruptCheckpointException(
          "File " + p + " of checkpoint " + id + " fails its checksum (the file is damaged)");
    }
    return data;
  }

  /** Checks a (possibly large) file's size and checksum by streaming it. */
  private void check(Path p, FileRef ref, String what) throws CorruptCheckpointException {
    CRC32C crc = new CRC32C();
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (java.io.InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        size += n;
      }
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException(what + " " + p + " of checkpoint " + id + " is missing");
    } catch (IOException e) {
      throw new CorruptCheckpointException(
          "Reading " + p + " of checkpoint " + id + " failed: " + e.getMessage(), e);
    }
    if (size != ref.size()) {
      throw new CorruptCheckpointException(
          what
              + " "
              + p
              + " of checkpoint "
              + id
              + " has "
              + size
              + " bytes, its manifest says "
              + ref.size()
              + " (truncated or overwritten)");
    }
    if (crc.getValue() != ref.crc()) {
      throw new CorruptCheckpointException(
          what + " " + p + " of checkpoint " + id + " fails its checksum (the file is damaged)");
    }
  }

  /** Reads and checks every file, so a damaged checkpoint is found before anything restores. */
  public void verify() throws CorruptCheckpointException {
    for (FileRef f : nativeFiles) {
      check(directory.resolve(f.name()), f, "File");
    }
    for (FileRef f : shared.values()) {
      check(sharedDirectory().resolve(f.name()), f, "Shared file");
    }
    for (OperatorFiles o : operators.values()) {
      for (FileRef f : o.subtasks()) {
        if (f != null) {
          readFile(f);
        }
      }
    }
    for (FileRef f : enumerators.values()) {
      readFile(f);
    }
  }

  /** The old subtasks' states of one operator (null where a subtask wrote none). */
  public List<SubtaskState> operatorState(String uid) throws IOException {
    OperatorFiles o = operators.get(uid);
    List<SubtaskState> out = new ArrayList<>();
    if (o == null) {
      return out;
    }
    for (FileRef f : o.subtasks()) {
      SubtaskState s = f == null ? null : SubtaskState.fromBytes(readFile(f));
      if (s != null && s.nativeKeyed() != null) {
        s.setNativeKeyed(resolve(s.nativeKeyed()));
      }
      out.add(s);
    }
    return out;
  }

  /** A native snapshot as read, its files' sources made absolute (shared or own directory). */
  private NativeKeyedSnapshot resolve(NativeKeyedSnapshot n) throws CorruptCheckpointException {
    List<NativeKeyedSnapshot.File> files = new ArrayList<>();
    for (NativeKeyedSnapshot.File f : n.files()) {
      if (f.shared() && !shared.containsKey(f.sharedId())) {
        throw new CorruptCheckpointException(
            "Checkpoint " + id + " uses shared file " + f.sharedId() + ", its manifest lacks it");
      }
      Path source =
          f.shared()
              ? sharedDirectory().resolve(f.sharedId())
              : directory.resolve(f.source().toString());
      files.add(new NativeKeyedSnapshot.File(f.name(), f.sharedId(), f.size(), f.crc(), source));
    }
    return new NativeKeyedSnapshot(n.backend(), null, List.copyOf(files));
  }

  // ---- the manifest ----

  /** Writes the manifest atomically: the checkpoint is complete once this returns. */
  public void writeManifest() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(nativeFiles.isEmpty() && shared.isEmpty() ? HEADER : HEADER_INCREMENTAL).append('\n');
    b.append("id ").append(id).append('\n');
    b.append("savepoint ").append(savepoint).append('\n');
    b.append("timestamp ").append(timestamp).append('\n');
    b.append("maxParallelism ").append(maxParallelism).append('\n');
    for (Map.Entry<String, OperatorFiles> e : operators.entrySet()) {
      b.append("operator ")
          .append(enc(e.getKey()))
          .append(' ')
          .append(e.getValue().parallelism())
          .append('\n');
    }
    for (Map.Entry<String, OperatorFiles> e : operators.entrySet()) {
      FileRef[] files = e.getValue().subtasks();
      for (int i = 0; i < files.length; i++) {
        if (files[i] != null) {
          b.append("state ").append(enc(e.getKey())).append(' ').append(i).append(' ');
          ref(b, files[i]);
        }
      }
    }
    for (Map.Entry<String, FileRef> e : enumerators.entrySet()) {
      b.append("enumerator ").append(enc(e.getKey())).append(' ');
      ref(b, e.getValue());
    }
    for (FileRef f : nativeFiles) {
      b.append("file ");
      ref(b, f);
    }
    for (FileRef f : shared.values()) {
      b.append("shared ");
      ref(b, f);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
    b.append("end ").append(Long.toHexString(crc.getValue())).append('\n');
    Path tmp = directory.resolve(MANIFEST + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(b.toString());
    }
    Files.move(
        tmp,
        directory.resolve(MANIFEST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void ref(StringBuilder b, FileRef f) {
    b.append(f.name())
        .append(' ')
        .append(f.size())
        .append(' ')
        .append(Long.toHexString(f.crc()))
        .append('\n');
  }

  /** Reads the manifest of the checkpoint in {@code dir}; checks the manifest, not the files. */
  public static CompletedCheckpoint load(Path dir) throws CorruptCheckpointException {
    Path m = dir.resolve(MANIFEST);
    List<String> lines;
    try {
      lines = Files.readAllLines(m, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException(
          "No checkpoint at " + dir + ": it has no " + MANIFEST + " (incomplete, or not one)");
    } catch (IOException e) {
      throw new CorruptCheckpointException("Reading " + m + " failed: " + e.getMessage(), e);
    }
    try {
      if (lines.isEmpty()
          || !(lines.get(0).equals(HEADER) || lines.get(0).equals(HEADER_INCREMENTAL))) {
        throw new CorruptCheckpointException(m + " is not a Spry checkpoint manifest");
      }
      String last = lines.get(lines.size() - 1);
      if (!last.startsWith("end ")) {
        throw new CorruptCheckpointException(m + " is truncated (no end line)");
      }
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < lines.size() - 1; i++) {
        body.append(lines.get(i)).append('\n');
      }
      CRC32C crc = new CRC32C();
      crc.update(body.toString().getBytes(StandardCharsets.UTF_8));
      if (crc.getValue() != Long.parseLong(last.substring(4).trim(), 16)) {
        throw new CorruptCheckpointException(m + " fails its checksum (the manifest is damaged)");
      }
      long id = -1;
      boolean savepoint = false;
      long timestamp = 0;
      int maxP = -1;
      Map<String, Integer> parallelism = new LinkedHashMap<>();
      Map<String, FileRef[]> files = new LinkedHashMap<>();
      Map<String, FileRef> enumerators = new LinkedHashMap<>();
      List<FileRef> nativeFiles = new ArrayList<>();
      Map<String, FileRef> shared = new LinkedHashMap<>();
      for (int i = 1; i < lines.size() - 1; i++) {
        String[] f = lines.get(i).split(" ");
        switch (f[0]) {
          case "id" -> id = Long.parseLong(f[1]);
          case "savepoint" -> savepoint = Boolean.parseBoolean(f[1]);
          case "timestamp" -> timestamp = Long.parseLong(f[1]);
          case "maxParallelism" -> maxP = Integer.parseInt(f[1]);
          case "operator" -> {
            int p = Integer.parseInt(f[2]);
            parallelism.put(dec(f[1]), p);
            files.put(dec(f[1]), new FileRef[p]);
          }
          case "state" -> {
            FileRef[] arr = files.get(dec(f[1]));
            if (arr == null) {
              throw new CorruptCheckpointException(m + ": state of an unlisted operator " + f[1]);
            }
            arr[Integer.parseInt(f[2])] = parseRef(f, 3);
          }
          case "enumerator" -> enumerators.put(dec(f[1]), parseRef(f, 2));
          case "file" -> nativeFiles.add(parseRef(f, 1));
          case "shared" -> {
            FileRef r = parseRef(f, 1);
            shared.put(r.name(), r);
          }
          default -> throw new CorruptCheckpointException(m + ": unknown line '" + f[0] + "'");
        }
      }
      Map<String, OperatorFiles> ops = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> e : parallelism.entrySet()) {
        ops.put(e.getKey(), new OperatorFiles(e.getValue(), files.get(e.getKey())));
      }
      return new CompletedCheckpoint(
          id, savepoint, timestamp, maxP, dir, ops, enumerators, nativeFiles, shared);
    } catch (RuntimeException e) {
      throw new CorruptCheckpointException(m + " cannot be parsed: " + e, e);
    }
  }

  private static FileRef parseRef(String[] f, int at) {
    return new FileRef(f[at], Long.parseLong(f[at + 1]), Long.parseLong(f[at + 2], 16));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return (savepoint ? "savepoint " : "checkpoint ") + id + " at " + directory;
  }
}
