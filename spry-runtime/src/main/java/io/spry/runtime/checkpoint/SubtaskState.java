package io.spry.runtime.checkpoint;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.runtime.state.CapturedSnapshot;
import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state one operator's subtask wrote for a checkpoint, in parts that a restore can share out at
 * another parallelism without knowing the types inside:
 *
 * <ul>
 *   <li>{@code keyed}: keyed state and timers in the backend-neutral format, one block per key
 *       group (see {@code KeyedStateSnapshot}); every new subtask reads the blocks of the key
 *       groups it owns.
 *   <li>{@code lists}: operator state, named lists of opaque elements with a {@link ListMode}:
 *       split evenly, given whole to all (union), or one copy for all (broadcast).
 * </ul>
 *
 * <ul>
 *   <li>{@code native}: instead of {@code keyed}, a keyed backend's native, incremental snapshot
 *       ({@link NativeKeyedSnapshot}): the names, sizes and checksums of its files, which live in
 *       the checkpoint's directory or, when shared with other checkpoints, in the storage's shared
 *       directory under their ids.
 * </ul>
 *
 * <pre>
 * subtaskState := VERSION:int keyed:bytes native listCount:int list*
 * bytes        := length:int (-1 for none) byte[length]
 * native       := 0:byte | 1:byte backend:UTF count:int nativeFile*
 * nativeFile   := name:UTF shared:bool (sharedId | fileInCheckpoint):UTF size:long crc:long
 * list         := name:UTF mode:byte schema:bytes count:int bytes*
 * </pre>
 *
 * A list's {@code schema} is the {@link StateSchema} its elements were written with (for broadcast
 * state, the value and the map key type's), or none for lists whose elements are not values of a
 * state type (a source's splits). Version 1, without it, is still read.
 */
public final class SubtaskState {
  static final int VERSION = 3;
  private static final int VERSION_WITHOUT_SCHEMAS = 1;
  private static final int VERSION_WITHOUT_NATIVE = 2;

  /** How a list of operator state is shared out on restore. */
  public enum ListMode {
    SPLIT,
    UNION,
    BROADCAST
  }

  /**
   * A named list of serialized elements.
   *
   * @param schema what the elements were written with, or null (not a state type's values)
   */
  public record NamedList(ListMode mode, StateSchema schema, List<byte[]> elements) {}

  private byte[] keyed;
  private int keyedLength;

  /** A keyed snapshot captured and not yet written (see {@link #setKeyed(CapturedSnapshot)}). */
  private CapturedSnapshot keyedCapture;

  private final Map<String, NamedList> lists = new LinkedHashMap<>();
  private NativeKeyedSnapshot nativeKeyed;
  private boolean incrementalAllowed;

  /**
   * Whether the operator may write its keyed state as a native snapshot (an incremental checkpoint
   * with a backend that can); set by the task before the operator snapshots, never for savepoints.
   */
  public boolean incrementalAllowed() {
    return incrementalAllowed;
  }

  public void setIncrementalAllowed(boolean allowed) {
    this.incrementalAllowed = allowed;
  }

  /** The keyed backend's native snapshot, or null. */
  public NativeKeyedSnapshot nativeKeyed() {
    return nativeKeyed;
  }

  public void setNativeKeyed(NativeKeyedSnapshot nativeKeyed) {
    this.nativeKeyed = nativeKeyed;
  }

  /** The keyed snapshot (exactly its bytes), or null; a captured one is written now. */
  public synchronized byte[] keyed() {
    materialize();
    if (keyed != null && keyed.length != keyedLength) {
      keyed = java.util.Arrays.copyOf(keyed, keyedLength);
    }
    return keyed;
  }

  public synchronized void setKeyed(byte[] keyed) {
    this.keyed = keyed;
    this.keyedLength = keyed == null ? 0 : keyed.length;
  }

  /**
   * Takes a keyed snapshot captured at the barrier, to be written when this state is: on the
   * checkpoint's I/O thread ({@link #writeTo}), or on the first {@link #keyed()}. Whoever drops
   * this state unwritten must {@link #release()} it.
   */
  public synchronized void setKeyed(CapturedSnapshot capture) {
    this.keyedCapture = capture;
    this.keyed = null;
    this.keyedLength = 0;
  }

  /** Drops a captured keyed snapshot not yet written (the checkpoint was aborted). Idempotent. */
  public void release() {
    CapturedSnapshot c;
    synchronized (this) {
      c = keyedCapture;
      keyedCapture = null;
    }
    if (c != null) {
      c.release();
    }
  }

  /** Releases the captured snapshots of states that will not be written. */
  public static void releaseAll(Iterable<SubtaskState> states) {
    for (SubtaskState s : states) {
      s.release();
    }
  }

  private void materialize() {
    CapturedSnapshot c = keyedCapture;
    if (c == null) {
      return;
    }
    keyedCapture = null;
    MemoryDataOutput buf =
        new MemoryDataOutput((int) Math.min(Integer.MAX_VALUE - 16, c.sizeHint() * 9L / 8 + 64));
    try {
      c.writeTo(buf); // releases the capture, also when it fails
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Writing the keyed snapshot failed: " + e, e);
    }
    keyed = buf.buffer();
    keyedLength = buf.position();
  }

  /**
   * Takes the first {@code length} bytes of {@code buffer} as the keyed snapshot without copying
   * them (a large snapshot is written to its file straight from the buffer it was made in).
   */
  public synchronized void setKeyed(byte[] buffer, int length) {
    this.keyed = buffer;
    this.keyedLength = length;
  }

  /**
   * Writes this state to {@code out} in the format of {@link #toBytes()}, without building it in
   * memory first.
   */
  public synchronized void writeTo(java.io.OutputStream out) throws IOException {
    materialize();
    java.io.DataOutputStream d = new java.io.DataOutputStream(out);
    d.writeInt(VERSION);
    if (keyed == null) {
      d.writeInt(-1);
    } else {
      d.writeInt(keyedLength);
      d.write(keyed, 0, keyedLength);
    }
    writeNative(d);
    writeLists(d);
    d.flush();
  }

  public Map<String, NamedList> lists() {
    return lists;
  }

  /** Adds a list whose elements have no schema (e.g. a source's splits). */
  public void putList(String name, ListMode mode, List<byte[]> elements) {
    putList(name, mode, null, elements);
  }

  /** Adds a list of a state's elements, written with {@code schema}. */
  public void putList(String name, ListMode mode, StateSchema schema, List<byte[]> elements) {
    if (lists.putIfAbsent(name, new NamedList(mode, schema, elements)) != null) {
      throw new IllegalStateException("Operator state '" + name + "' was written twice");
    }
  }

  public synchronized boolean isEmpty() {
    return keyed == null && keyedCapture == null && nativeKeyed == null && lists.isEmpty();
  }

  public synchronized byte[] toBytes() throws IOException {
    MemoryDataOutput out = new MemoryDataOutput(256);
    out.writeInt(VERSION);
    writeBytes(out, keyed());
    writeNative(out);
    writeLists(out);
    return out.toByteArray();
  }

  public static SubtaskState fromBytes(byte[] bytes) throws IOException {
    MemoryDataInput in = new MemoryDataInput(bytes);
    int version = in.readInt();
    if (version < VERSION_WITHOUT_SCHEMAS || version > VERSION) {
      throw new IOException(
          "Operator state version "
              + version
              + " is not supported (this Spry reads "
              + VERSION_WITHOUT_SCHEMAS
              + " to "
              + VERSION
              + ")");
    }
    SubtaskState s = new SubtaskState();
    s.setKeyed(readBytes(in));
    if (version > VERSION_WITHOUT_NATIVE && in.readByte() != 0) {
      String backend = in.readUTF();
      int count = in.readInt();
      List<NativeKeyedSnapshot.File> files = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        boolean shared = in.readBoolean();
        String ref = in.readUTF();
        long size = in.readLong();
        long crc = in.readLong();
        // where the file is, relative to the shared directory or to the checkpoint's
        files.add(
            new NativeKeyedSnapshot.File(
                name, shared ? ref : null, size, crc, java.nio.file.Path.of(ref)));
      }
      s.nativeKeyed = new NativeKeyedSnapshot(backend, null, List.copyOf(files));
    }
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      ListMode mode = ListMode.values()[in.readByte()];
      StateSchema schema = null;
      if (version > VERSION_WITHOUT_SCHEMAS) {
        byte[] b = readBytes(in);
        schema = b == null ? null : StateSchema.fromBytes(b);
      }
      int count = in.readInt();
      List<byte[]> elements = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        elements.add(readBytes(in));
      }
      s.lists.put(name, new NamedList(mode, schema, elements));
    }
    return s;
  }

  /**
   * The native snapshot's files as stored: a shared file by its id, another by its name in the
   * checkpoint's directory (the last part of its source).
   */
  private void writeNative(java.io.DataOutput out) throws IOException {
    if (nativeKeyed == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    out.writeUTF(nativeKeyed.backend());
    out.writeInt(nativeKeyed.files().size());
    for (NativeKeyedSnapshot.File f : nativeKeyed.files()) {
      out.writeUTF(f.name());
      out.writeBoolean(f.shared());
      out.writeUTF(f.shared() ? f.sharedId() : f.source().getFileName().toString());
      out.writeLong(f.size());
      out.writeLong(f.crc());
    }
  }

  /** The lists, as both {@link #toBytes} and {@link #writeTo} write them. */
  private void writeLists(java.io.DataOutput out) throws IOException {
    out.writeInt(lists.size());
    for (Map.Entry<String, NamedList> e : lists.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeByte(e.getValue().mode().ordinal());
      StateSchema schema = e.getValue().schema();
      writeBytes(out, schema == null ? null : schema.toBytes());
      out.writeInt(e.getValue().elements().size());
      for (byte[] b : e.getValue().elements()) {
        writeBytes(out, b);
      }
    }
  }

  private static void writeBytes(java.io.DataOutput out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] readBytes(MemoryDataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
