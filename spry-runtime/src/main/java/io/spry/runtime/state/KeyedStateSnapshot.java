package io.spry.runtime.state;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;

/**
 * The backend-neutral snapshot format of keyed state, partitioned by key group. Every keyed state
 * backend writes and reads it, so a snapshot of one backend at one parallelism restores into any
 * backend at any parallelism.
 *
 * <pre>
 * snapshot := MAGIC:int VERSION:int blockCount:int block*
 * block    := keyGroup:int length:int bytes[length]                      (skippable unparsed)
 * bytes    := sectionCount:int section*
 * section  := name:UTF kind:byte flags:byte length:int count:int entry*  (length covers count and entries)
 * kind     := 0 VALUE | 1 LIST | 2 REDUCING | 3 AGGREGATING | 4 MAP      (a state)
 *           | 16 TIMERS                                                  (a timer service)
 * flags    := bit 0 TTL: values carry their last-access time
 *             bit 1 NAMESPACED: entries carry a namespace (a window)
 * entry    := part(key) [part(namespace)] [part(mapKey)] part(value)     (a state; namespace when
 *                                                                         NAMESPACED, mapKey for MAP)
 *           | part(key) part(namespace) timestamp:long domain:byte       (TIMERS; domain 0 is event
 *                                                                         time, 1 processing time)
 * part     := length:int bytes[length]
 * value    := VALUE, REDUCING, AGGREGATING, MAP: [lastAccess:long] serializedValue
 *             LIST: element+ with element := part([lastAccess:long] serializedElement)
 * </pre>
 *
 * Keys are written with the key type's serializer, namespaces with the namespace type's (the window
 * type's), values, list elements and map keys with the state descriptor's. A MAP state has one
 * entry per map entry; the other kinds one entry per (key, namespace). Every part is
 * length-prefixed, so a backend that stores serialized bytes (RocksDB) restores and snapshots
 * without deserializing, and a reader can skip what it does not know. Expired values are not
 * written (cleanup on snapshot). Blocks are written for every key group of the writer's range, in
 * order, empty ones included; a reader keeps the blocks of the key groups it owns.
 *
 * <p>Version 1 (before namespaced state and timers were snapshotted) is not read: no snapshot of it
 * was ever persisted by a checkpoint.
 */
public final class KeyedStateSnapshot {
  public static final int MAGIC = 0x53505259; // "SPRY"
  public static final int VERSION = 2;

  /** The kind byte of a timer service's section. */
  public static final int KIND_TIMERS = 16;

  public static final int FLAG_TTL = 1;
  public static final int FLAG_NAMESPACED = 2;

  private KeyedStateSnapshot() {}

  public static void writeHeader(DataOutputView out, int blockCount) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(blockCount);
  }

  /** Checks the magic number and version; returns the number of blocks. */
  public static int readHeader(DataInputView in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "Not a Spry keyed-state snapshot (magic " + Integer.toHexString(magic) + ")");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "Keyed-state snapshot version "
              + version
              + " is not supported (this Spry reads version "
              + VERSION
              + ")");
    }
    return in.readInt();
  }

  /** The kind byte of a state kind. */
  public static int kindByte(io.spry.api.state.StateDescriptor.Kind kind) {
    return kind.ordinal();
  }

  /** A human-readable name of a kind byte, for errors. */
  public static String kindName(int kind) {
    io.spry.api.state.StateDescriptor.Kind[] kinds =
        io.spry.api.state.StateDescriptor.Kind.values();
    if (kind >= 0 && kind < kinds.length) {
      return kinds[kind].name();
    }
    return kind == KIND_TIMERS ? "TIMERS" : "unknown kind " + kind;
  }

  // ---- parts ----

  /** Starts a length-prefixed part; returns the mark to pass to {@link #endPart}. */
  public static int beginPart(MemoryDataOutput out) {
    int mark = out.position();
    out.writeInt(0);
    return mark;
  }

  /** Ends a part begun at {@code mark}: writes its length into the prefix. */
  public static void endPart(MemoryDataOutput out, int mark) {
    int length = out.position() - mark - 4;
    byte[] b = out.buffer();
    b[mark] = (byte) (length >>> 24);
    b[mark + 1] = (byte) (length >>> 16);
    b[mark + 2] = (byte) (length >>> 8);
    b[mark + 3] = (byte) length;
  }

  /** Writes {@code value} as a length-prefixed part. */
  public static <T> void writePart(MemoryDataOutput out, TypeSerializer<T> serializer, T value)
      throws IOException {
    int mark = beginPart(out);
    serializer.serialize(value, out);
    endPart(out, mark);
  }

  /**
   * Reads a length-prefixed part with {@code serializer}, checking that it consumed the part
   * exactly (a serializer that reads more or less than it wrote would corrupt everything after).
   */
  public static <T> T readPart(MemoryDataInput in, TypeSerializer<T> serializer, String what)
      throws IOException {
    int length = in.readInt();
    int start = in.position();
    T value = serializer.deserialize(in);
    if (in.position() - start != length) {
      throw new IOException(
          "Reading "
              + what
              + " consumed "
              + (in.position() - start)
              + " bytes of a "
              + length
              + "-byte part: its serializer does not read what it wrote, or the type changed");
    }
    return value;
  }

  // ---- writing ----

  /**
   * Writes a snapshot, one key group at a time: {@link #beginKeyGroup}, then per state or timer
   * service {@link #beginSection}, an {@link #entry()} per entry (write the entry's parts into the
   * output it returns) and {@link #endSection}, then {@link #endKeyGroup}. Memory is bounded by one
   * key group's block.
   */
  public static final class Writer {
    private final DataOutputView out;
    private final MemoryDataOutput block = new MemoryDataOutput(1024);
    private int remainingBlocks;
    private int keyGroup = -1;
    private int sections;
    private int sectionMark = -1;
    private int sectionLengthMark;
    private int entries;

    /** Writes the header; exactly {@code blockCount} key groups must follow. */
    public Writer(DataOutputView out, int blockCount) throws IOException {
      this.out = out;
      this.remainingBlocks = blockCount;
      writeHeader(out, blockCount);
    }

    public void beginKeyGroup(int keyGroup) {
      if (this.keyGroup >= 0) {
        throw new IllegalStateException("key group " + this.keyGroup + " was not ended");
      }
      if (remainingBlocks-- <= 0) {
        throw new IllegalStateException("more key groups than the header announced");
      }
      this.keyGroup = keyGroup;
      block.reset();
      block.writeInt(0); // section count, patched in endKeyGroup
      sections = 0;
    }

    /** Starts a section; its entries follow. */
    public void beginSection(String name, int kind, int flags) throws IOException {
      sectionMark = block.position();
      block.writeUTF(name);
      block.writeByte(kind);
      block.writeByte(flags);
      sectionLengthMark = beginPart(block);
      block.writeInt(0); // entry count, patched in endSection
      entries = 0;
    }

    /** Counts one more entry of the section and returns where to write it. */
    public MemoryDataOutput entry() {
      entries++;
      return block;
    }

    /** Forgets the entry being written (it turned out to have expired): back to {@code mark}. */
    public void dropEntry(int mark) {
      entries--;
      block.truncate(mark);
    }

    /** The output of the current section, to take a mark for {@link #dropEntry}. */
    public MemoryDataOutput output() {
      return block;
    }

    /** Ends the section; a section without entries is left out. */
    public void endSection() {
      if (entries == 0) {
        block.truncate(sectionMark);
      } else {
        endPart(block, sectionLengthMark);
        int countAt = sectionLengthMark + 4;
        byte[] b = block.buffer();
        b[countAt] = (byte) (entries >>> 24);
        b[countAt + 1] = (byte) (entries >>> 16);
        b[countAt + 2] = (byte) (entries >>> 8);
        b[countAt + 3] = (byte) entries;
        sections++;
      }
      sectionMark = -1;
    }

    /** Writes a section of another snapshot as it was (a restored state never requested). */
    public void copySection(String name, int kind, int flags, byte[] countAndEntries)
        throws IOException {
      block.writeUTF(name);
      block.writeByte(kind);
      block.writeByte(flags);
      block.writeInt(countAndEntries.length);
      block.write(countAndEntries);
      sections++;
    }

    public void endKeyGroup() throws IOException {
      byte[] b = block.buffer();
      b[0] = (byte) (sections >>> 24);
      b[1] = (byte) (sections >>> 16);
      b[2] = (byte) (sections >>> 8);
      b[3] = (byte) sections;
      out.writeInt(keyGroup);
      out.writeInt(block.position());
      out.write(block.buffer(), 0, block.position());
      keyGroup = -1;
    }

    /** Checks that every announced key group was written. */
    public void finish() {
      if (remainingBlocks != 0 || keyGroup >= 0) {
        throw new IllegalStateException("the snapshot has fewer key groups than announced");
      }
    }
  }

  // ---- reading ----

  /** Receives the sections of the key groups a reader owns. */
  @FunctionalInterface
  public interface SectionHandler {
    /**
     * One section of key group {@code keyGroup}.
     *
     * @param countAndEntries the section's bytes: the entry count, then the entries
     */
    void section(int keyGroup, String name, int kind, int flags, byte[] countAndEntries)
        throws IOException;
  }

  /**
   * Reads a snapshot and hands every section of the key groups in {@code range} to {@code handler};
   * blocks of other key groups are skipped without being parsed.
   */
  public static void read(DataInputView in, KeyGroupRange range, SectionHandler handler)
      throws IOException {
    int blocks = readHeader(in);
    for (int b = 0; b < blocks; b++) {
      int kg = in.readInt();
      int length = in.readInt();
      if (length < 0) {
        throw new IOException("Corrupt keyed-state snapshot: block of key group " + kg);
      }
      if (!range.contains(kg)) {
        skipFully(in, length);
        continue;
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      MemoryDataInput block = new MemoryDataInput(bytes);
      int sectionCount = block.readInt();
      for (int s = 0; s < sectionCount; s++) {
        String name = block.readUTF();
        int kind = block.readUnsignedByte();
        int flags = block.readUnsignedByte();
        byte[] section = new byte[block.readInt()];
        block.readFully(section);
        handler.section(kg, name, kind, flags, section);
      }
    }
  }

  private static void skipFully(DataInputView in, int n) throws IOException {
    while (n > 0) {
      int skipped = in.skipBytes(n);
      if (skipped <= 0) {
        in.readByte(); // throws at the end of input
        skipped = 1;
      }
      n -= skipped;
    }
  }
}
