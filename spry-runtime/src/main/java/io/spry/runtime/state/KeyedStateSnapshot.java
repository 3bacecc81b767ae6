package io.spry.runtime.state;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.IncompatibleSchemaException;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSchema;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend-neutral snapshot format of keyed state, partitioned by key group. Every keyed state
 * backend writes and reads it, so a snapshot of one backend at one parallelism restores into any
 * backend at any parallelism.
 *
 * <pre>
 * snapshot := MAGIC:int VERSION:int schemaCount:int schema* keySchemaRef:int blockCount:int block*
 * schema   := length:int stateSchema[length]                             (a {@link StateSchema})
 * keySchemaRef := the index of the key type's schema (a StateSchema of the key type alone), or -1
 * block    := keyGroup:int length:int bytes[length]                      (skippable unparsed)
 * bytes    := sectionCount:int section*
 * section  := name:UTF kind:byte flags:byte schemaRef:int length:int count:int entry*
 *                                                                        (length covers count and entries)
 * schemaRef:= the index of the section's schema among the snapshot's schemas; -1 for none (TIMERS)
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
 * <h2>Schemas</h2>
 *
 * The schema of a state's types (its {@link StateSchema}: the value type's and, for MAP state, the
 * map key type's {@link io.spry.api.types.TypeSchema}) is written once per snapshot in the table
 * after the header, and each section of a state refers to it by index; values carry no schema of
 * their own. A reader hands each section its schema; whoever reads the section's values (when the
 * state is requested, as only then is its current type known) gets readers for them from {@link
 * StateSchema#readers}, which convert values written by an older version of the type (a record that
 * gained a field) or fail naming the state and the field. The table is per snapshot rather than per
 * section because every key group's block would otherwise repeat it. Sections of one state may
 * refer to different schemas when a snapshot re-emits restored sections nobody requested next to
 * sections of the same state written by another subtask that did request it: a reader resolves per
 * section.
 *
 * <p>The key type's schema is recorded too, and a restore whose key type's schema differs fails
 * ({@link #read}): keys cannot evolve, because a key's key group comes from its hash, so a key that
 * changed would be filed under a key group its lookups never visit.
 *
 * <p>Version 2 (before schemas) is still read: its sections have no schema and are read with the
 * current types' serializers, as before. Version 1 (before namespaced state and timers were
 * snapshotted) is not read: no snapshot of it was ever persisted by a checkpoint.
 */
public final class KeyedStateSnapshot {
  public static final int MAGIC = 0x53505259; // "SPRY"
  public static final int VERSION = 3;

  /** The last version without the schema table and section schema references; still read. */
  public static final int VERSION_WITHOUT_SCHEMAS = 2;

  /** The kind byte of a timer service's section. */
  public static final int KIND_TIMERS = 16;

  public static final int FLAG_TTL = 1;
  public static final int FLAG_NAMESPACED = 2;

  private KeyedStateSnapshot() {}

  /** Writes the header: magic, version, the schema table and the number of blocks that follow. */
  public static void writeHeader(DataOutputView out, Schemas schemas, int blockCount)
      throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(schemas.list.size());
    for (StateSchema s : schemas.list) {
      byte[] b = s.toBytes();
      out.writeInt(b.length);
      out.write(b);
    }
    out.writeInt(schemas.keyRef);
    out.writeInt(blockCount);
  }

  /**
   * A snapshot's header as read: its version, schema table, the key type's schema (null if not
   * recorded) and number of blocks.
   */
  public record Header(
      int version, List<StateSchema> schemas, StateSchema keySchema, int blockCount) {

    /** Whether sections carry a schema reference (version 3 on). */
    public boolean hasSchemas() {
      return version > VERSION_WITHOUT_SCHEMAS;
    }

    /** The schema a section refers to; null for -1. */
    public StateSchema schema(int ref) throws IOException {
      if (ref == -1) {
        return null;
      }
      if (ref < 0 || ref >= schemas.size()) {
        throw new IOException(
            "Corrupt keyed-state snapshot: a section refers to schema "
                + ref
                + " of "
                + schemas.size());
      }
      return schemas.get(ref);
    }
  }

  /** Checks the magic number and version and reads the schema table. */
  public static Header readHeader(DataInputView in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "Not a Spry keyed-state snapshot (magic " + Integer.toHexString(magic) + ")");
    }
    int version = in.readInt();
    if (version != VERSION && version != VERSION_WITHOUT_SCHEMAS) {
      throw new IOException(
          "Keyed-state snapshot version "
              + version
              + " is not supported (this Spry reads versions "
              + VERSION_WITHOUT_SCHEMAS
              + " and "
              + VERSION
              + ")");
    }
    List<StateSchema> schemas = new ArrayList<>();
    StateSchema keySchema = null;
    if (version > VERSION_WITHOUT_SCHEMAS) {
      int n = in.readInt();
      if (n < 0) {
        throw new IOException("Corrupt keyed-state snapshot: " + n + " schemas");
      }
      for (int i = 0; i < n; i++) {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        schemas.add(StateSchema.fromBytes(b));
      }
      int keyRef = in.readInt();
      if (keyRef < -1 || keyRef >= n) {
        throw new IOException("Corrupt keyed-state snapshot: key schema " + keyRef + " of " + n);
      }
      keySchema = keyRef < 0 ? null : schemas.get(keyRef);
    }
    return new Header(version, Collections.unmodifiableList(schemas), keySchema, in.readInt());
  }

  /**
   * The schema table of a snapshot being written: {@link #setKeyType} and {@link #add} every schema
   * a section will refer to before the {@link Writer} is made (adding one twice gives the same
   * index), then pass {@link #indexOf} to the sections.
   */
  public static final class Schemas {
    private final List<StateSchema> list = new ArrayList<>();
    private final Map<StateSchema, Integer> index = new HashMap<>();
    private boolean frozen;
    private int keyRef = -1;

    /** Records the key type, which a restore checks (keys cannot evolve). */
    public void setKeyType(TypeInfo<?> keyType) {
      keyRef = add(StateSchema.of(keyType, null));
    }

    /** Adds a schema if it is new; returns its index, or -1 for null. */
    public int add(StateSchema schema) {
      if (schema == null) {
        return -1;
      }
      Integer i = index.get(schema);
      if (i != null) {
        return i;
      }
      if (frozen) {
        throw new IllegalStateException(
            "schema added after the snapshot's header was written: " + schema);
      }
      list.add(schema);
      index.put(schema, list.size() - 1);
      return list.size() - 1;
    }

    /** The index of a schema added before; -1 for null. */
    public int indexOf(StateSchema schema) {
      if (schema == null) {
        return -1;
      }
      Integer i = index.get(schema);
      if (i == null) {
        throw new IllegalStateException("schema not added before the header: " + schema);
      }
      return i;
    }

    public List<StateSchema> list() {
      return Collections.unmodifiableList(list);
    }
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

    /**
     * Writes the header without schemas (every section's schema reference is -1, and a restore
     * reads its values with the current types); exactly {@code blockCount} key groups must follow.
     */
    public Writer(DataOutputView out, int blockCount) throws IOException {
      this(out, blockCount, new Schemas());
    }

    /**
     * Writes the header with the schema table; exactly {@code blockCount} key groups must follow,
     * and sections may refer to the schemas of {@code schemas} (no more can be added).
     */
    public Writer(DataOutputView out, int blockCount, Schemas schemas) throws IOException {
      this.out = out;
      this.remainingBlocks = blockCount;
      this.schemas = schemas;
      schemas.frozen = true;
      writeHeader(out, schemas, blockCount);
    }

    private final Schemas schemas;

    private void checkRef(int schemaRef) {
      if (schemaRef < -1 || schemaRef >= schemas.list.size()) {
        throw new IllegalArgumentException(
            "schema reference " + schemaRef + " of " + schemas.list.size() + " schemas");
      }
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

    /** Starts a section without a schema (a timer service's); its entries follow. */
    public void beginSection(String name, int kind, int flags) throws IOException {
      beginSection(name, kind, flags, -1);
    }

    /**
     * Starts a section whose values were written with the schema at {@code schemaRef} (an index
     * into the {@link Schemas} given to the constructor, or -1); its entries follow.
     */
    public void beginSection(String name, int kind, int flags, int schemaRef) throws IOException {
      checkRef(schemaRef);
      sectionMark = block.position();
      block.writeUTF(name);
      block.writeByte(kind);
      block.writeByte(flags);
      block.writeInt(schemaRef);
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

    /** Writes a section without a schema of another snapshot as it was. */
    public void copySection(String name, int kind, int flags, byte[] countAndEntries)
        throws IOException {
      copySection(name, kind, flags, -1, countAndEntries);
    }

    /**
     * Writes a section of another snapshot as it was (a restored state never requested), with the
     * index of the schema it came with in this snapshot's table.
     */
    public void copySection(String name, int kind, int flags, int schemaRef, byte[] countAndEntries)
        throws IOException {
      checkRef(schemaRef);
      block.writeUTF(name);
      block.writeByte(kind);
      block.writeByte(flags);
      block.writeInt(schemaRef);
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
     * @param schema the schema the section's values were written with (pass it to {@link
     *     StateSchema#readers} to read them); null for timers, and for a state of a snapshot of
     *     version 2, which is read with the current types
     * @param countAndEntries the section's bytes: the entry count, then the entries
     */
    void section(
        int keyGroup, String name, int kind, int flags, StateSchema schema, byte[] countAndEntries)
        throws IOException;
  }

  /**
   * Reads a snapshot and hands every section of the key groups in {@code range} to {@code handler};
   * blocks of other key groups are skipped without being parsed.
   *
   * @param keyType the restoring backend's key type, checked against the one the snapshot recorded;
   *     null to skip the check
   * @return the snapshot's header (its schema table, e.g. for a backend that keeps bytes of the
   *     schemas it names)
   * @throws IncompatibleSchemaException if the key type changed
   */
  public static Header read(
      DataInputView in, KeyGroupRange range, TypeInfo<?> keyType, SectionHandler handler)
      throws IOException {
    Header header = readHeader(in);
    if (keyType != null && header.keySchema() != null) {
      checkKeyType(header.keySchema().value(), keyType);
    }
    int blocks = header.blockCount();
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
        StateSchema schema = header.hasSchemas() ? header.schema(block.readInt()) : null;
        byte[] section = new byte[block.readInt()];
        block.readFully(section);
        handler.section(kg, name, kind, flags, schema, section);
      }
    }
    return header;
  }

  private static void checkKeyType(TypeSchema written, TypeInfo<?> keyType) {
    if (!written.matches(keyType)) {
      TypeSchema now = TypeSchema.of(keyType);
      throw new IncompatibleSchemaException(
          "The key type changed from "
              + written
              + " to "
              + now
              + " since the snapshot was taken. Keys cannot evolve: a key's key group comes from"
              + " its hash, so its state would not be found. Restore with the key type as it was.",
          new IncompatibleSchemaException("", written.toString(), now.toString(), null));
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
