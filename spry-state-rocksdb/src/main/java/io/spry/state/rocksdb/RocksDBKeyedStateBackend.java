package io.spry.state.rocksdb;

import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.time.Clock;
import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.DynamicTypeInfo;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeInfo;
import io.spry.api.types.TypeSerializer;
import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroupedSnapshotPart;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.KeyedStateSnapshot;
import io.spry.runtime.state.NativeKeyedSnapshot;
import io.spry.runtime.state.NativeSnapshots;
import io.spry.runtime.state.StateSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Keyed state in an embedded RocksDB, serialized: state may be much larger than the heap, at the
 * cost of a serialization and a native call per access.
 *
 * <h2>Layout</h2>
 *
 * One column family per state. Keys are {@code keyGroup (2 bytes, big-endian) | serialized key |
 * [serialized namespace] | [serialized map key]}, so each key group is one contiguous range (a
 * snapshot writes it in one pass; a restore at another parallelism copies the ranges it owns), and
 * so is each key's map and each (key, namespace). Values are in the layout of the neutral snapshot
 * format ({@link KeyedStateSnapshot}): {@code [lastAccess:long] value} for single values and map
 * entries, {@code (length:int [lastAccess:long] element)*} for lists, which the column family's
 * merge operator (plain concatenation) appends to without reading. Column family names carry the
 * state's kind and flags and a tag of the schema its bytes were written with ({@code
 * s<kind>.<flags>@<tag>:<name>}, {@code n...} for namespaced state; the tag is a hash of the {@link
 * StateSchema}, whose bytes the snapshots' schema tables hold), so a native snapshot describes
 * itself.
 *
 * <h2>Timers</h2>
 *
 * With {@link TimerStorage#ROCKSDB} (the default) each timer service keeps its timers in a column
 * family of its own, {@code t1:<name>}, sorted by key group, domain and time, with a small cache of
 * each key group's earliest timers on the heap ({@link RocksTimerStore}); with {@link
 * TimerStorage#HEAP} they stay on the heap in the service, which registers a snapshot part. Either
 * way a neutral snapshot holds them as timer sections, so they restore into the other choice and
 * the other backend; a native snapshot holds a timer column in its SST files, or the heap timers in
 * its metadata file, and a restore with the other choice moves them over.
 *
 * <h2>Schema evolution</h2>
 *
 * Bytes written with an older version of a state's types are rewritten when the state is requested:
 * restored sections (staged per schema tag), and columns of a native snapshot whose tag differs
 * from the state's current one, are read with {@link StateSchema#readers} and written again with
 * the current serializers (values, list elements and map keys), so the hot path never converts.
 *
 * <p>Keys must serialize deterministically (equal keys give equal bytes) and prefix-free (no
 * serialized key is a prefix of another), which every Spry serializer of a key type does.
 *
 * <h2>Snapshots</h2>
 *
 * <ul>
 *   <li>{@link #snapshot}/{@link #restore}: the backend-neutral format, the same as the heap
 *       backend's, so savepoints move between backends and parallelisms. Because every part of an
 *       entry is length-prefixed, restoring copies bytes: a restored state's section is staged in a
 *       column family of its own ({@code r...}: one row per entry, as it came) until the operator
 *       requests the state, which moves the entries into place (converting the time-to-live
 *       timestamps if the state's TTL changed); never-requested states go back out unchanged.
 *   <li>{@link #snapshotNative}: RocksDB's own checkpoint (hard links to the immutable SST files)
 *       plus a small metadata file with the heap timers (if timers are kept on the heap) and the
 *       SST files' shared ids, so consecutive snapshots share unchanged SST files: {@link
 *       NativeSnapshot#files()} lists names, sizes and ids for a checkpoint store to
 *       reference-count (incremental checkpoints, through {@link NativeSnapshots}). {@link
 *       #restoreNative} opens such a directory (or several, when rescaling: then the key-group
 *       ranges this backend owns are copied over). A neutral snapshot after a native restore writes
 *       the columns no state claimed yet as neutral entries (their DB keys split into key,
 *       namespace and map key).
 * </ul>
 *
 * <h2>Threads and resources</h2>
 *
 * Only the task's thread uses a backend (and its handles), as with the heap backend. RocksDB's own
 * background threads flush and compact. The backend owns a working directory (created under the
 * configured directory, or the temp directory) and native memory; {@link #close()} releases both
 * and deletes the directory. The write-ahead log is off: working files are not durable, snapshots
 * are.
 */
public final class RocksDBKeyedStateBackend implements KeyedStateBackend, NativeSnapshots {
  static {
    RocksDB.loadLibrary();
  }

  /** The name of the metadata file of a native snapshot. */
  public static final String NATIVE_META = "spry-keyed-state.meta";

  private static final int NATIVE_MAGIC = 0x53505252; // "SPRR"

  /**
   * Version 3: timers may be in the database ({@link RocksTimerStore}'s columns) rather than in the
   * metadata file; the file's layout is that of version 2. A Spry that reads only up to version 2
   * would not see those timers, so it refuses the snapshot.
   */
  private static final int NATIVE_VERSION = 3;

  /** Version 1 of the metadata file: no table of the SST files' shared ids. */
  private static final int NATIVE_VERSION_WITHOUT_IDS = 1;

  private final KeyGroupRange range;
  private final int maxParallelism;
  private final Clock clock;
  private final TypeSerializer<Object> keySerializer;
  private final TypeInfo<?> keyType;

  /**
   * The key type snapshots record and restores check; null for a backend that only converts native
   * snapshots into the neutral format ({@link #forConversion}), which knows the key serializer
   * only.
   */
  private final TypeInfo<?> checkedKeyType;

  /**
   * Names this backend instance's SST files among all others in a checkpoint store's shared
   * directory: an SST file's shared id is {@code <instanceId>-<name>}, unless it came with a
   * restored native snapshot, which named it ({@link #inheritedIds}). A name is never reused within
   * one database's life, so an id always means the same bytes.
   */
  private final String instanceId = UUID.randomUUID().toString();

  /** The shared ids of the SST files adopted from a restored native snapshot, by file name. */
  private final Map<String, String> inheritedIds = new HashMap<>();

  /** The schemas of column families' bytes, by the tag in their names ({@link #tag}). */
  private final Map<String, StateSchema> schemasByTag = new HashMap<>();

  private final Path directory;
  private final Path dbPath;

  private DBOptions dbOptions;
  private ColumnFamilyOptions columnOptions;
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private final ReadOptions readOptions = new ReadOptions();
  private RocksDB db;
  private ColumnFamilyHandle defaultColumn;

  /** Column families not (yet) claimed by a state: restored ones, by name. */
  private final Map<String, ColumnFamilyHandle> unclaimed = new LinkedHashMap<>();

  private final Map<String, RocksState> states = new LinkedHashMap<>();
  private final Map<String, RocksState> namespacedStates = new LinkedHashMap<>();
  private final Map<String, KeyGroupedSnapshotPart> parts = new LinkedHashMap<>();

  /** Where timer services keep their timers, chosen when the backend is made. */
  private final TimerStorage timerStorage;

  private final int timerCacheSize;

  /** The timers kept in the database, by timer service name. */
  private final Map<String, RocksTimerStore<?>> timerStores = new LinkedHashMap<>();

  /** The default of {@link RocksDBKeyedStateBackendFactory#TIMER_CACHE_OPTION}. */
  public static final int DEFAULT_TIMER_CACHE = 128;

  /** Restored timer sections not yet claimed by a registered part, by name. */
  private final Map<String, List<PendingSection>> pendingParts = new LinkedHashMap<>();

  private record PendingSection(int keyGroup, int kind, int flags, byte[] bytes) {}

  /** The serialized current key, {@code keyGroup | key}. */
  private final MemoryDataOutput currentKeyBytes = new MemoryDataOutput(32);

  private Object currentKey;
  private int currentKeyGroup = -1;
  private long keyVersion;
  private long stagedRows;
  private boolean closed;

  /**
   * @param keyType the key type; null or incomplete: keys are serialized by their class
   * @param workingParent the directory to create this backend's working directory in, or null for
   *     the system's temp directory
   */
  public RocksDBKeyedStateBackend(
      KeyGroupRange range, int maxParallelism, Clock clock, TypeInfo<?> keyType, Path workingParent)
      throws IOException {
    this(
        range,
        maxParallelism,
        clock,
        keyType,
        workingParent,
        TimerStorage.ROCKSDB,
        DEFAULT_TIMER_CACHE);
  }

  /**
   * @param timers where timer services keep their timers
   * @param timerCacheSize with {@link TimerStorage#ROCKSDB}, how many of each key group's earliest
   *     timers per time domain are cached on the heap
   */
  public RocksDBKeyedStateBackend(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      Path workingParent,
      TimerStorage timers,
      int timerCacheSize)
      throws IOException {
    this(range, maxParallelism, clock, keyType, null, workingParent, timers, timerCacheSize);
  }

  /**
   * A backend that reads native snapshots and writes them in the neutral format, for a backend of
   * another kind whose key serializer is {@code keys}: it records no key type, so the restore
   * checks none (the keys' bytes are copied as they are).
   */
  static RocksDBKeyedStateBackend forConversion(
      KeyGroupRange range, int maxParallelism, TypeSerializer<Object> keys, Path workingParent)
      throws IOException {
    return new RocksDBKeyedStateBackend(
        range,
        maxParallelism,
        Clock.system(),
        null,
        keys,
        workingParent,
        TimerStorage.ROCKSDB,
        DEFAULT_TIMER_CACHE);
  }

  private RocksDBKeyedStateBackend(
      KeyGroupRange range,
      int maxParallelism,
      Clock clock,
      TypeInfo<?> keyType,
      TypeSerializer<Object> conversionKeys,
      Path workingParent,
      TimerStorage timers,
      int timerCacheSize)
      throws IOException {
    if (timerCacheSize < 1) {
      throw new IllegalArgumentException("timerCacheSize must be positive, was " + timerCacheSize);
    }
    this.timerStorage = java.util.Objects.requireNonNull(timers, "timers");
    this.timerCacheSize = timerCacheSize;
    if (maxParallelism > 1 << 15) {
      throw new IllegalArgumentException(
          "The RocksDB backend keys key groups by 2 bytes: maxParallelism must be at most 32768");
    }
    this.range = range;
    this.maxParallelism = maxParallelism;
    this.clock = clock;
    this.keyType =
        keyType != null && keyType.isComplete() ? keyType : new DynamicTypeInfo<>(Object.class);
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> keys =
        conversionKeys != null
            ? conversionKeys
            : (TypeSerializer<Object>) this.keyType.createSerializer();
    this.keySerializer = keys;
    this.checkedKeyType = conversionKeys != null ? null : this.keyType;
    Path parent =
        workingParent != null ? workingParent : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(parent);
    this.directory =
        Files.createDirectory(
            parent.resolve(
                "spry-rocksdb-" + range.start() + "-" + range.end() + "-" + UUID.randomUUID()));
    this.dbPath = directory.resolve("db");
    try {
      open(List.of());
    } catch (RocksDBException e) {
      deleteRecursively(directory);
      throw new IOException("Opening RocksDB in " + dbPath + " failed: " + e.getMessage(), e);
    }
  }

  /** Opens (or creates) the database at {@link #dbPath} with the given column families. */
  private void open(List<byte[]> columnNames) throws RocksDBException {
    dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setInfoLogLevel(InfoLogLevel.HEADER_LEVEL)
            .setKeepLogFileNum(1)
            .setMaxLogFileSize(1 << 20)
            .setAvoidFlushDuringShutdown(true);
    columnOptions =
        new ColumnFamilyOptions()
            .setMergeOperator(new StringAppendOperator(""))
            .setWriteBufferSize(16 << 20)
            .setMaxWriteBufferNumber(2);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
    for (byte[] name : columnNames) {
      if (!Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
        descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
      }
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    db = RocksDB.open(dbOptions, dbPath.toString(), descriptors, handles);
    defaultColumn = handles.get(0);
    for (int i = 1; i < handles.size(); i++) {
      unclaimed.put(
          new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
    }
  }

  // ---- for the handles ----

  RocksDB db() {
    checkOpen();
    return db;
  }

  ReadOptions readOptions() {
    return readOptions;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  Clock clock() {
    return clock;
  }

  long keyVersion() {
    return keyVersion;
  }

  /** Writes {@code keyGroup | key} of the current key. */
  void writeCurrentKey(MemoryDataOutput out) {
    if (currentKey == null) {
      throw new IllegalStateException(
          "Keyed state was used outside the processing of a keyed record (in open() or close(),"
              + " say); use it only in the methods that process records or fire timers");
    }
    out.write(currentKeyBytes.buffer(), 0, currentKeyBytes.position());
  }

  /** {@code keyGroup | key} of the current key (a view: do not keep it). */
  MemoryDataOutput currentKeyBytes() {
    if (currentKey == null) {
      throw new IllegalStateException(
          "A timer was registered or deleted outside the processing of a keyed record (in open()"
              + " or close(), say); use timers only in the methods that process records or fire"
              + " timers");
    }
    return currentKeyBytes;
  }

  /** The timer store of the service {@code name}, or null (for tests). */
  RocksTimerStore<?> timerStore(String name) {
    return timerStores.get(name);
  }

  /** Where this backend's timer services keep their timers. */
  public TimerStorage timerStorage() {
    return timerStorage;
  }

  RuntimeException failure(String what, RocksDBException e) {
    return new IllegalStateException("RocksDB failed " + what + ": " + e.getMessage(), e);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The RocksDB state backend is closed");
    }
  }

  // ---- keys ----

  @Override
  public KeyGroupRange keyGroupRange() {
    return range;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public TypeSerializer<Object> keySerializer() {
    return keySerializer;
  }

  @Override
  public void setCurrentKey(Object key) {
    if (key == null) {
      throw new NullPointerException("Keys must not be null");
    }
    if (key == currentKey || key.equals(currentKey)) {
      return;
    }
    int kg = KeyGroups.assignToKeyGroup(key, maxParallelism);
    if (!range.contains(kg)) {
      throw new IllegalStateException(
          "Key "
              + key
              + " belongs to key group "
              + kg
              + ", which this subtask does not own ("
              + range
              + "). The key selector is not deterministic, or the stream was re-partitioned"
              + " after keyBy.");
    }
    currentKeyBytes.reset();
    currentKeyBytes.writeShort(kg);
    try {
      keySerializer.serialize(key, currentKeyBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Serializing the key " + key + " failed", e);
    }
    currentKey = key;
    currentKeyGroup = kg;
    keyVersion++;
  }

  /**
   * Makes {@code key} the current key, like {@link #setCurrentKey(Object)}, given what that would
   * compute: its key group and its serialized form {@code bytes[offset, offset + length)}, as a row
   * of this backend holds them (a timer firing has just read its key from its row). So the key is
   * neither hashed nor serialized again, and its bytes are the very ones its state was written
   * under.
   */
  void setCurrentKey(Object key, int keyGroup, byte[] bytes, int offset, int length) {
    if (key.equals(currentKey)) {
      return;
    }
    currentKeyBytes.reset();
    currentKeyBytes.writeShort(keyGroup);
    currentKeyBytes.write(bytes, offset, length);
    currentKey = key;
    currentKeyGroup = keyGroup;
    keyVersion++;
  }

  @Override
  public Object getCurrentKey() {
    return currentKey;
  }

  @Override
  public int getCurrentKeyGroup() {
    return currentKeyGroup;
  }

  // ---- states ----

  @Override
  public <S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor) {
    return getOrCreate(states, descriptor, null);
  }

  @Override
  public <N, S extends State> S getOrCreateNamespacedState(
      StateDescriptor<S, ?> descriptor, TypeInfo<N> namespaceType) {
    if (namespaceType == null) {
      throw new NullPointerException("namespaceType of state '" + descriptor.getName() + "'");
    }
    return getOrCreate(namespacedStates, descriptor, namespaceType);
  }

  @SuppressWarnings("unchecked")
  private <S extends State> S getOrCreate(
      Map<String, RocksState> registry,
      StateDescriptor<S, ?> descriptor,
      TypeInfo<?> namespaceType) {
    checkOpen();
    String name = descriptor.getName();
    RocksState existing = registry.get(name);
    if (existing != null) {
      if (existing.kind() != descriptor.getKind()) {
        throw new IllegalStateException(
            "State '"
                + name
                + "' was created as "
                + existing.kind()
                + " state and is now requested as "
                + descriptor.getKind()
                + "; use a different name for each state");
      }
      return (S) existing;
    }
    boolean namespaced = namespaceType != null;
    // RocksDB serializes every access: the types must be complete now (the message says how).
    TypeSerializer<?> namespaces = namespaced ? namespaceType.createSerializer() : null;
    int kind = KeyedStateSnapshot.kindByte(descriptor.getKind());
    int flags =
        (descriptor.getTtlConfig() != null ? KeyedStateSnapshot.FLAG_TTL : 0)
            | (namespaced ? KeyedStateSnapshot.FLAG_NAMESPACED : 0);
    StateSchema schema = StateSchema.of(descriptor);
    String tag = register(schema);
    try {
      Claim claim = claimColumn(namespaced, kind, flags, tag, name);
      ColumnFamilyHandle column = claim.column();
      RocksState s =
          switch (descriptor.getKind()) {
            case VALUE ->
                new RocksSingleValueState.Value<>(
                    this, (ValueStateDescriptor<?>) descriptor, column, namespaces);
            case LIST ->
                new RocksListState<>(this, (ListStateDescriptor<?>) descriptor, column, namespaces);
            case REDUCING ->
                new RocksSingleValueState.Reducing<>(
                    this, (ReducingStateDescriptor<?>) descriptor, column, namespaces);
            case AGGREGATING ->
                new RocksSingleValueState.Aggregating<>(
                    this, (AggregatingStateDescriptor<?, ?, ?>) descriptor, column, namespaces);
            case MAP ->
                new RocksMapState<>(
                    this, (MapStateDescriptor<?, ?>) descriptor, column, namespaces);
          };
      s.schema = schema;
      registry.put(name, s);
      for (Map.Entry<ColumnName, ColumnFamilyHandle> old : claim.convert().entrySet()) {
        convertColumn(s, old.getKey(), old.getValue());
      }
      ingestStaged(s, namespaced, kind);
      return (S) s;
    } catch (RocksDBException e) {
      throw failure("creating state '" + name + "'", e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Restoring state '" + name + "' failed: " + e.getMessage(), e);
    }
  }

  /**
   * {@code (n|s)<kind>.<flags>[@<tag>]:<name>}: the tag names the schema of the column's bytes;
   * none for columns of an older native snapshot (read as the current types).
   */
  private static String columnName(
      boolean namespaced, int kind, int flags, String tag, String name) {
    return (namespaced ? "n" : "s")
        + kind
        + "."
        + flags
        + (tag == null ? "" : "@" + tag)
        + ":"
        + name;
  }

  private static String stagedName(
      boolean namespaced, int kind, int flags, String tag, String name) {
    return "r" + columnName(namespaced, kind, flags, tag, name);
  }

  /** A column family name's parts: staged, namespaced, kind, flags, schema tag, state name. */
  private record ColumnName(
      boolean staged, boolean namespaced, int kind, int flags, String tag, String state) {
    static ColumnName parse(String column) {
      boolean staged = column.startsWith("r");
      String rest = staged ? column.substring(1) : column;
      int dot = rest.indexOf('.');
      int colon = rest.indexOf(':');
      if (rest.isEmpty() || dot < 2 || colon < dot) {
        return null;
      }
      int at = rest.indexOf('@');
      boolean tagged = at > dot && at < colon;
      try {
        return new ColumnName(
            staged,
            rest.charAt(0) == 'n',
            Integer.parseInt(rest.substring(1, dot)),
            Integer.parseInt(rest.substring(dot + 1, tagged ? at : colon)),
            tagged ? rest.substring(at + 1, colon) : null,
            rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A short, stable name of a schema: 16 hex digits of its bytes' SHA-256; null for none. */
  static String tag(StateSchema schema) {
    if (schema == null) {
      return null;
    }
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(schema.toBytes());
      StringBuilder sb = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        sb.append(Character.forDigit((h[i] >> 4) & 0xF, 16));
        sb.append(Character.forDigit(h[i] & 0xF, 16));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Remembers a schema by its tag; returns the tag. */
  private String register(StateSchema schema) {
    String t = tag(schema);
    if (t != null) {
      schemasByTag.putIfAbsent(t, schema);
    }
    return t;
  }

  /** The schema a column's tag names; null for no tag. */
  private StateSchema schemaOf(String tag) throws IOException {
    if (tag == null) {
      return null;
    }
    StateSchema s = schemasByTag.get(tag);
    if (s == null) {
      throw new IOException("The schema of state bytes tagged " + tag + " is unknown");
    }
    return s;
  }

  /**
   * Readers that convert bytes written with {@code written} to a state's current types, or null
   * when the bytes can stay as they are (same schema, or none recorded).
   *
   * @throws io.spry.api.types.IncompatibleSchemaException if they cannot be converted
   */
  private static StateSchema.Readers readersFor(RocksState s, StateSchema written) {
    if (written == null || written.equals(s.schema)) {
      return null;
    }
    StateSchema.Readers r =
        StateSchema.readers(
            written, "State '" + s.name() + "'", s.descriptor.getType(), s.mapKeyType());
    return r.converts() ? r : null;
  }

  /** The column a new state uses, and restored columns of it whose bytes must be converted. */
  private record Claim(ColumnFamilyHandle column, Map<ColumnName, ColumnFamilyHandle> convert) {}

  /**
   * The column family of a state being created: a restored one of the same name, kind, flags and
   * schema; else a new one. Restored columns of the state whose time to live or schema differ (or
   * that record no schema) are returned to be converted into it.
   */
  private Claim claimColumn(boolean namespaced, int kind, int flags, String tag, String name)
      throws RocksDBException {
    String wanted = columnName(namespaced, kind, flags, tag, name);
    ColumnFamilyHandle exact = unclaimed.remove(wanted);
    Map<ColumnName, ColumnFamilyHandle> convert = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnFamilyHandle> e : new ArrayList<>(unclaimed.entrySet())) {
      ColumnName c = ColumnName.parse(e.getKey());
      if (c == null || c.staged() || c.namespaced() != namespaced || !c.state().equals(name)) {
        continue;
      }
      if (c.kind() != kind) {
        throw new IllegalStateException(
            "State '"
                + name
                + "' was snapshotted as "
                + KeyedStateSnapshot.kindName(c.kind())
                + " state but is now requested as "
                + KeyedStateSnapshot.kindName(kind)
                + " state");
      }
      // Same state, time to live switched on or off or its types changed: rewrite its rows.
      convert.put(c, e.getValue());
      unclaimed.remove(e.getKey());
    }
    return new Claim(exact != null ? exact : createColumn(wanted), convert);
  }

  /**
   * Moves the rows of a restored column of {@code s} into its column, converting the time-to-live
   * timestamps (added, now, or removed) and, when the schema changed, the values and map keys.
   */
  private void convertColumn(RocksState s, ColumnName from, ColumnFamilyHandle handle)
      throws IOException, RocksDBException {
    StateSchema.Readers readers = readersFor(s, schemaOf(from.tag()));
    int kind = KeyedStateSnapshot.kindByte(s.kind());
    int toFlags =
        (s.hasTtl() ? KeyedStateSnapshot.FLAG_TTL : 0)
            | (s.namespaced ? KeyedStateSnapshot.FLAG_NAMESPACED : 0);
    long now = clock.millis();
    try (RocksIterator it = db.newIterator(handle, readOptions);
        WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (readers != null && readers.mapKeyConverts()) {
          key = migrateMapKeyInKey(s, key, readers);
        }
        byte[] value = convertValue(kind, it.value(), from.flags(), toFlags, now);
        batch.put(s.column, key, migrateValue(s, value, readers));
        if (batch.count() >= 1000) {
          db.write(writeOptions, batch);
          batch.clear();
        }
      }
      db.write(writeOptions, batch);
    }
    db.dropColumnFamily(handle);
    handle.close();
  }

  /**
   * A stored value ({@code [lastAccess] value}, or a list's length-prefixed {@code [lastAccess]
   * element}s, in the state's TTL layout) written with an older schema, read with {@code readers}
   * and written again with the state's serializer; unchanged when there is nothing to convert.
   */
  private static byte[] migrateValue(RocksState s, byte[] value, StateSchema.Readers readers)
      throws IOException {
    if (readers == null || !readers.valueConverts()) {
      return value;
    }
    boolean ttl = s.hasTtl();
    MemoryDataInput in = new MemoryDataInput();
    MemoryDataOutput out = new MemoryDataOutput(value.length + 16);
    if (s.kind() != StateDescriptor.Kind.LIST) {
      in.setBuffer(value, 0, value.length);
      migrateOne(s, in, value.length, ttl, readers, out);
      return out.toByteArray();
    }
    for (int p = 0; p < value.length; ) {
      int length = readInt(value, p);
      in.setBuffer(value, p + 4, length);
      int mark = out.position();
      out.writeInt(0);
      migrateOne(s, in, p + 4 + length, ttl, readers, out);
      patchInt(out.buffer(), mark, out.position() - mark - 4);
      p += 4 + length;
    }
    return out.toByteArray();
  }

  private static void migrateOne(
      RocksState s,
      MemoryDataInput in,
      int end,
      boolean ttl,
      StateSchema.Readers readers,
      MemoryDataOutput out)
      throws IOException {
    if (ttl) {
      out.writeLong(in.readLong());
    }
    Object v = readers.value().deserialize(in);
    if (in.position() != end) {
      throw new IOException(
          "a value of state '" + s.name() + "' did not fill its bytes when read as its old type");
    }
    s.values.serialize(v, out);
  }

  /** A map key's bytes written with an older schema, written again with the state's serializer. */
  private static byte[] migrateMapKey(
      RocksState s, byte[] bytes, int from, int to, StateSchema.Readers readers)
      throws IOException {
    MemoryDataInput in = new MemoryDataInput(bytes, from, to - from);
    Object k = readers.mapKey().deserialize(in);
    if (in.position() != to) {
      throw new IOException(
          "a map key of state '" + s.name() + "' did not fill its bytes when read as its old type");
    }
    MemoryDataOutput out = new MemoryDataOutput(to - from + 8);
    s.mapKeySerializer().serialize(k, out);
    return out.toByteArray();
  }

  /** A DB key {@code keyGroup | key | [namespace] | mapKey} with its map key converted. */
  private byte[] migrateMapKeyInKey(RocksState s, byte[] key, StateSchema.Readers readers)
      throws IOException {
    MemoryDataInput in = new MemoryDataInput(key, 2, key.length - 2);
    keySerializer.deserialize(in);
    if (s.namespaced) {
      s.namespaceSerializer().deserialize(in);
    }
    int start = in.position();
    byte[] mapKey = migrateMapKey(s, key, start, key.length, readers);
    byte[] out = Arrays.copyOf(key, start + mapKey.length);
    System.arraycopy(mapKey, 0, out, start, mapKey.length);
    return out;
  }

  private ColumnFamilyHandle createColumn(String name) throws RocksDBException {
    return db.createColumnFamily(
        new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), columnOptions));
  }

  /** A stored value with its TTL timestamps added (now) or removed as the flags changed. */
  static byte[] convertValue(int kind, byte[] value, int fromFlags, int toFlags, long now) {
    boolean from = (fromFlags & KeyedStateSnapshot.FLAG_TTL) != 0;
    boolean to = (toFlags & KeyedStateSnapshot.FLAG_TTL) != 0;
    if (from == to) {
      return value;
    }
    if (kind != KeyedStateSnapshot.kindByte(StateDescriptor.Kind.LIST)) {
      if (from) {
        return Arrays.copyOfRange(value, 8, value.length);
      }
      byte[] out = new byte[value.length + 8];
      writeLong(out, 0, now);
      System.arraycopy(value, 0, out, 8, value.length);
      return out;
    }
    MemoryDataOutput out = new MemoryDataOutput(value.length + 16);
    for (int p = 0; p < value.length; ) {
      int length = readInt(value, p);
      if (from) {
        out.writeInt(length - 8);
        out.write(value, p + 12, length - 8);
      } else {
        out.writeInt(length + 8);
        out.writeLong(now);
        out.write(value, p + 4, length);
      }
      p += 4 + length;
    }
    return out.toByteArray();
  }

  @Override
  public void registerSnapshotPart(String name, KeyGroupedSnapshotPart part) {
    if (timerStores.containsKey(name) || parts.putIfAbsent(name, part) != null) {
      throw new IllegalStateException(
          "A snapshot part named '" + name + "' is already registered with this backend");
    }
    List<PendingSection> restored = pendingParts.remove(name);
    try {
      if (restored != null) {
        for (PendingSection p : restored) {
          part.restoreSection(p.keyGroup(), p.kind(), p.flags(), p.bytes());
        }
      }
      // timers a native snapshot kept in the database, now kept on the heap
      ColumnFamilyHandle stored = unclaimed.remove(RocksTimerStore.COLUMN_PREFIX + name);
      if (stored != null) {
        restoreStoredTimers(stored, part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Restoring '" + name + "' failed: " + e.getMessage(), e);
    } catch (RocksDBException e) {
      throw failure("restoring the timers of '" + name + "'", e);
    }
  }

  /** Hands the rows of a timer column to a part, key group by key group, and drops the column. */
  private void restoreStoredTimers(ColumnFamilyHandle column, KeyGroupedSnapshotPart part)
      throws IOException, RocksDBException {
    MemoryDataOutput section = new MemoryDataOutput(1024);
    try (RocksIterator it = db.newIterator(column, readOptions)) {
      it.seek(keyGroupBytes(range.start()));
      while (it.isValid() && keyGroupOf(it.key()) <= range.end()) {
        int kg = keyGroupOf(it.key());
        section.reset();
        section.writeInt(0);
        int n = RocksTimerStore.writeKeyGroup(it, kg, () -> section);
        patchInt(section.buffer(), 0, n);
        part.restoreSection(kg, KeyedStateSnapshot.KIND_TIMERS, 0, section.toByteArray());
      }
      it.status();
    }
    db.dropColumnFamily(column);
    column.close();
  }

  /**
   * With {@link TimerStorage#ROCKSDB}, the timers of service {@code name} in a column family of
   * their own ({@link RocksTimerStore}), with the timers restored under that name, whether they
   * were kept in the database or on the heap when snapshotted; with {@link TimerStorage#HEAP},
   * null.
   */
  @Override
  public <N> io.spry.runtime.operator.timer.TimerStore<N> createTimerStore(
      String name, TypeInfo<N> namespaceType) {
    if (timerStorage == TimerStorage.HEAP) {
      return null;
    }
    checkOpen();
    if (timerStores.containsKey(name) || parts.containsKey(name)) {
      throw new IllegalStateException(
          "A timer service named '" + name + "' is already registered with this backend");
    }
    // RocksDB serializes every timer: the namespace type must be complete now
    TypeSerializer<N> namespaces = namespaceType.createSerializer();
    String columnName = RocksTimerStore.COLUMN_PREFIX + name;
    try {
      ColumnFamilyHandle column = unclaimed.remove(columnName);
      if (column == null) {
        column = createColumn(columnName);
      }
      RocksTimerStore<N> store =
          new RocksTimerStore<>(this, name, column, namespaces, timerCacheSize);
      timerStores.put(name, store);
      List<PendingSection> restored = pendingParts.remove(name);
      if (restored != null) { // from a neutral snapshot, or heap timers of a native one
        for (PendingSection p : restored) {
          store.ingest(p.keyGroup(), p.bytes());
        }
      }
      return store;
    } catch (RocksDBException e) {
      throw failure("creating the timer column of '" + name + "'", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Restoring the timers of '" + name + "' failed: " + e.getMessage(), e);
    }
  }

  // ---- iteration over keys ----

  @Override
  public void forEachKey(StateDescriptor<?, ?> descriptor, KeyAction action) throws Exception {
    RocksState s = states.get(descriptor.getName());
    if (s == null) {
      return;
    }
    // In batches, so the action may change state (RocksDB iterators see a fixed view anyway).
    byte[] resumeAfter = null;
    while (true) {
      List<Object> keys = new ArrayList<>();
      resumeAfter = readDistinctKeys(s, resumeAfter, 1024, keys);
      for (Object key : keys) {
        setCurrentKey(key);
        action.accept(key);
      }
      if (resumeAfter == null) {
        return;
      }
    }
  }

  /** Calls {@code action} with each distinct key of a state (no key context is set). */
  void forEachDistinctKey(RocksState s, java.util.function.Consumer<Object> action) {
    byte[] resumeAfter = null;
    do {
      List<Object> keys = new ArrayList<>();
      resumeAfter = readDistinctKeys(s, resumeAfter, 4096, keys);
      keys.forEach(action);
    } while (resumeAfter != null);
  }

  /**
   * Reads up to {@code max} distinct keys of a state after the DB key {@code resumeAfter} (from the
   * start when null); returns where to resume, or null at the end.
   */
  private byte[] readDistinctKeys(RocksState s, byte[] resumeAfter, int max, List<Object> out) {
    boolean wholeKey = !s.namespaced && s.kind() != StateDescriptor.Kind.MAP;
    byte[] lastPrefix = null;
    int lastPrefixLength = 0;
    try (RocksIterator it = db().newIterator(s.column, readOptions)) {
      if (resumeAfter == null) {
        it.seekToFirst();
      } else {
        it.seek(resumeAfter);
      }
      MemoryDataInput in = new MemoryDataInput();
      for (; it.isValid(); it.next()) {
        byte[] k = it.key();
        if (lastPrefix != null && startsWith(k, lastPrefix, lastPrefixLength)) {
          continue; // the same key, another namespace or map entry
        }
        if (resumeAfter != null && startsWith(k, resumeAfter, keyLengthOf(resumeAfter, wholeKey))) {
          continue; // the key the last batch ended with
        }
        if (out.size() == max) {
          return lastPrefix;
        }
        in.setBuffer(k, 2, k.length - 2);
        out.add(keySerializer.deserialize(in));
        lastPrefix = k;
        lastPrefixLength = wholeKey ? k.length : in.position();
      }
      it.status();
      return null;
    } catch (RocksDBException e) {
      throw failure("iterating the keys of state '" + s.name() + "'", e);
    } catch (IOException e) {
      throw new UncheckedIOException("A key of state '" + s.name() + "' is corrupt", e);
    }
  }

  private int keyLengthOf(byte[] dbKeyBytes, boolean wholeKey) {
    if (wholeKey) {
      return dbKeyBytes.length;
    }
    MemoryDataInput in = new MemoryDataInput(dbKeyBytes, 2, dbKeyBytes.length - 2);
    try {
      keySerializer.deserialize(in);
    } catch (IOException e) {
      throw new UncheckedIOException("A key is corrupt", e);
    }
    return in.position();
  }

  @Override
  public int numKeys(String stateName) {
    RocksState s = states.get(stateName);
    if (s == null) {
      s = namespacedStates.get(stateName);
    }
    return s == null ? 0 : s.countKeys();
  }

  @Override
  public int numNamespacedEntries(String stateName) {
    RocksState s = namespacedStates.get(stateName);
    return s == null ? 0 : s.countNamespacedEntries();
  }

  // ---- neutral snapshots ----

  @Override
  public void snapshot(DataOutputView out) throws IOException {
    checkOpen();
    long now = clock.millis();
    KeyedStateSnapshot.Schemas schemas = schemaTable();
    List<StateScan> scans = new ArrayList<>();
    List<UnclaimedScan> staged = new ArrayList<>();
    KeyedStateSnapshot.Writer w;
    try {
      w = new KeyedStateSnapshot.Writer(out, range.size(), schemas);
      for (RocksTimerStore<?> t : timerStores.values()) {
        staged.add(new TimerScan(t.name, t.column));
      }
      for (RocksState s : states.values()) {
        scans.add(new StateScan(s, schemas.indexOf(s.schema)));
      }
      for (RocksState s : namespacedStates.values()) {
        scans.add(new StateScan(s, schemas.indexOf(s.schema)));
      }
      for (Map.Entry<String, ColumnFamilyHandle> e : unclaimed.entrySet()) {
        if (e.getKey().startsWith(RocksTimerStore.COLUMN_PREFIX)) { // no service claimed them yet
          staged.add(
              new TimerScan(
                  e.getKey().substring(RocksTimerStore.COLUMN_PREFIX.length()), e.getValue()));
          continue;
        }
        ColumnName c = ColumnName.parse(e.getKey());
        if (c == null) {
          continue;
        }
        int schemaRef = schemas.indexOf(schemaOf(c.tag()));
        // staged rows hold whole neutral entries; a native snapshot's columns hold DB rows
        staged.add(
            c.staged()
                ? new StagedScan(c, e.getValue(), schemaRef)
                : new ColumnScan(c, e.getValue(), schemaRef));
      }
    } catch (IOException | RuntimeException e) {
      scans.forEach(StateScan::close);
      staged.forEach(UnclaimedScan::close);
      throw e;
    }
    Map<String, KeyGroupedSnapshotPart.Snapshot> partSnapshots = Map.of();
    try {
      partSnapshots = snapshotParts();
      for (int kg = range.start(); kg <= range.end(); kg++) {
        w.beginKeyGroup(kg);
        for (StateScan scan : scans) {
          scan.writeKeyGroup(kg, w, now);
        }
        for (UnclaimedScan scan : staged) {
          scan.writeKeyGroup(kg, w);
        }
        writeParts(w, kg, partSnapshots);
        w.endKeyGroup();
      }
      w.finish();
    } finally {
      scans.forEach(StateScan::close);
      staged.forEach(UnclaimedScan::close);
      partSnapshots.values().forEach(KeyGroupedSnapshotPart.Snapshot::release);
    }
  }

  /**
   * The schema table of a snapshot: the key type, every state's current schema and the schemas of
   * the restored columns not yet claimed (their bytes go out as they are).
   */
  private KeyedStateSnapshot.Schemas schemaTable() throws IOException {
    KeyedStateSnapshot.Schemas schemas = new KeyedStateSnapshot.Schemas();
    if (checkedKeyType != null) {
      schemas.setKeyType(checkedKeyType);
    }
    for (RocksState s : states.values()) {
      schemas.add(s.schema);
    }
    for (RocksState s : namespacedStates.values()) {
      schemas.add(s.schema);
    }
    for (String column : unclaimed.keySet()) {
      ColumnName c = ColumnName.parse(column);
      if (c != null) {
        schemas.add(schemaOf(c.tag()));
      }
    }
    return schemas;
  }

  /** Captures the snapshot parts (timers) for a snapshot written now, on the task's thread. */
  private Map<String, KeyGroupedSnapshotPart.Snapshot> snapshotParts() {
    Map<String, KeyGroupedSnapshotPart.Snapshot> out = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, KeyGroupedSnapshotPart> e : parts.entrySet()) {
        out.put(e.getKey(), e.getValue().snapshot());
      }
    } catch (RuntimeException e) {
      out.values().forEach(KeyGroupedSnapshotPart.Snapshot::release); // those taken before
      throw e;
    }
    return out;
  }

  private void writeParts(
      KeyedStateSnapshot.Writer w, int kg, Map<String, KeyGroupedSnapshotPart.Snapshot> snapshots)
      throws IOException {
    for (Map.Entry<String, KeyGroupedSnapshotPart> e : parts.entrySet()) {
      w.beginSection(e.getKey(), e.getValue().kind(), 0);
      snapshots.get(e.getKey()).writeKeyGroup(kg, keySerializer(), w);
      w.endSection();
    }
    for (Map.Entry<String, List<PendingSection>> e : pendingParts.entrySet()) {
      for (PendingSection p : e.getValue()) {
        if (p.keyGroup() == kg) {
          w.copySection(e.getKey(), p.kind(), p.flags(), p.bytes());
        }
      }
    }
  }

  /** Walks one state's column family in key order, one key group at a time. */
  private final class StateScan {
    private final RocksState state;
    private final RocksIterator it;
    private final boolean map;
    private final int flags;
    private final int schemaRef;

    StateScan(RocksState state, int schemaRef) {
      this.state = state;
      this.schemaRef = schemaRef;
      this.it = db.newIterator(state.column, readOptions);
      this.map = state.kind() == StateDescriptor.Kind.MAP;
      this.flags =
          (state.hasTtl() ? KeyedStateSnapshot.FLAG_TTL : 0)
              | (state.namespaced ? KeyedStateSnapshot.FLAG_NAMESPACED : 0);
      it.seek(keyGroupBytes(range.start()));
    }

    void writeKeyGroup(int kg, KeyedStateSnapshot.Writer w, long now) throws IOException {
      if (!it.isValid() || keyGroupOf(it.key()) != kg) {
        return;
      }
      w.beginSection(state.name(), KeyedStateSnapshot.kindByte(state.kind()), flags, schemaRef);
      boolean split = state.namespaced || map;
      MemoryDataInput in = new MemoryDataInput();
      byte[] last = null;
      int lastKeyEnd = 0;
      int lastNamespaceEnd = 0;
      for (; it.isValid(); it.next()) {
        byte[] k = it.key();
        if (keyGroupOf(k) != kg) {
          break;
        }
        byte[] v = it.value();
        if (state.hasTtl()) {
          v = state.pruneExpired(v, now);
          if (v == null) {
            continue;
          }
        }
        int keyEnd = k.length;
        int namespaceEnd = k.length;
        if (split) {
          if (last != null && startsWith(k, last, lastNamespaceEnd)) {
            keyEnd = lastKeyEnd; // prefix-free keys: the same key and namespace
            namespaceEnd = lastNamespaceEnd;
          } else {
            in.setBuffer(k, 2, k.length - 2);
            keySerializer.deserialize(in);
            keyEnd = in.position();
            if (state.namespaced) {
              state.namespaceSerializer().deserialize(in);
            }
            namespaceEnd = in.position();
            last = k;
            lastKeyEnd = keyEnd;
            lastNamespaceEnd = namespaceEnd;
          }
        }
        MemoryDataOutput out = w.entry();
        writePart(out, k, 2, keyEnd);
        if (state.namespaced) {
          writePart(out, k, keyEnd, namespaceEnd);
        }
        if (map) {
          writePart(out, k, namespaceEnd, k.length);
        }
        out.writeInt(v.length);
        out.write(v);
      }
      try {
        it.status();
      } catch (RocksDBException e) {
        throw new IOException("RocksDB failed reading state '" + state.name() + "'", e);
      }
      w.endSection();
    }

    void close() {
      it.close();
    }
  }

  /** A scan of a restored column family no state has claimed, written as it is. */
  private interface UnclaimedScan {
    void writeKeyGroup(int kg, KeyedStateSnapshot.Writer w) throws IOException;

    void close();
  }

  /**
   * Walks a column family of a restored native snapshot that no state has claimed: its rows are
   * {@code keyGroup | key | [namespace] | [mapKey] -> value}, written out as neutral entries with
   * each part length-prefixed. The key's end is found with the key serializer; the namespace is the
   * rest of a namespaced row. A namespaced map state's row cannot be split without the namespace
   * type, which only the state's request brings: its snapshot fails, naming the state. Values go
   * out as they are (time-to-live timestamps included; expired ones are dropped when the state is
   * requested).
   */
  private final class ColumnScan implements UnclaimedScan {
    private final ColumnName column;
    private final RocksIterator it;
    private final int schemaRef;
    private final boolean map;

    ColumnScan(ColumnName column, ColumnFamilyHandle handle, int schemaRef) {
      this.column = column;
      this.schemaRef = schemaRef;
      this.map = column.kind() == KeyedStateSnapshot.kindByte(StateDescriptor.Kind.MAP);
      this.it = db.newIterator(handle, readOptions);
      it.seek(keyGroupBytes(range.start()));
    }

    @Override
    public void writeKeyGroup(int kg, KeyedStateSnapshot.Writer w) throws IOException {
      if (!it.isValid() || keyGroupOf(it.key()) != kg) {
        return;
      }
      if (column.namespaced() && map) {
        throw new IOException(
            "State '"
                + column.state()
                + "' (per-window map state) was restored from an incremental checkpoint and not"
                + " requested since: its entries cannot be written in the neutral format before the"
                + " operator requests it. Take the savepoint after the operator used the state,"
                + " or restore with the same parallelism and backend");
      }
      w.beginSection(column.state(), column.kind(), column.flags(), schemaRef);
      MemoryDataInput in = new MemoryDataInput();
      for (; it.isValid() && keyGroupOf(it.key()) == kg; it.next()) {
        byte[] k = it.key();
        int keyEnd = k.length;
        if (column.namespaced() || map) {
          in.setBuffer(k, 2, k.length - 2);
          keySerializer.deserialize(in);
          keyEnd = in.position();
        }
        MemoryDataOutput out = w.entry();
        writePart(out, k, 2, keyEnd);
        if (column.namespaced() || map) {
          writePart(out, k, keyEnd, k.length);
        }
        byte[] v = it.value();
        out.writeInt(v.length);
        out.write(v);
      }
      try {
        it.status();
      } catch (RocksDBException e) {
        throw new IOException("RocksDB failed reading state '" + column.state() + "'", e);
      }
      w.endSection();
    }

    @Override
    public void close() {
      it.close();
    }
  }

  /** Walks a timer column ({@link RocksTimerStore}) and writes each key group's timer section. */
  private final class TimerScan implements UnclaimedScan {
    private final String name;
    private final RocksIterator it;

    TimerScan(String name, ColumnFamilyHandle column) {
      this.name = name;
      this.it = db.newIterator(column, readOptions);
      it.seek(keyGroupBytes(range.start()));
    }

    @Override
    public void writeKeyGroup(int kg, KeyedStateSnapshot.Writer w) throws IOException {
      if (!it.isValid() || keyGroupOf(it.key()) != kg) {
        return;
      }
      w.beginSection(name, KeyedStateSnapshot.KIND_TIMERS, 0);
      RocksTimerStore.writeKeyGroup(it, kg, w::entry);
      try {
        it.status();
      } catch (RocksDBException e) {
        throw new IOException("RocksDB failed reading the timers of '" + name + "'", e);
      }
      w.endSection();
    }

    @Override
    public void close() {
      it.close();
    }
  }

  /** Walks a staged (restored, never requested) section's rows and copies them as they came. */
  private final class StagedScan implements UnclaimedScan {
    private final ColumnName column;
    private final RocksIterator it;
    private final int schemaRef;

    StagedScan(ColumnName column, ColumnFamilyHandle handle, int schemaRef) {
      this.column = column;
      this.schemaRef = schemaRef;
      this.it = db.newIterator(handle, readOptions);
      it.seek(keyGroupBytes(range.start()));
    }

    @Override
    public void writeKeyGroup(int kg, KeyedStateSnapshot.Writer w) throws IOException {
      if (!it.isValid() || keyGroupOf(it.key()) != kg) {
        return;
      }
      w.beginSection(column.state(), column.kind(), column.flags(), schemaRef);
      for (; it.isValid() && keyGroupOf(it.key()) == kg; it.next()) {
        w.entry().write(it.value());
      }
      w.endSection();
    }

    @Override
    public void close() {
      it.close();
    }
  }

  private static void writePart(MemoryDataOutput out, byte[] bytes, int from, int to) {
    out.writeInt(to - from);
    out.write(bytes, from, to - from);
  }

  @Override
  public void restore(DataInputView in) throws IOException {
    checkOpen();
    try {
      KeyedStateSnapshot.read(in, range, checkedKeyType, this::restoreSection);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void restoreSection(
      int kg, String name, int kind, int flags, StateSchema schema, byte[] bytes)
      throws IOException {
    if (kind == KeyedStateSnapshot.KIND_TIMERS) {
      KeyGroupedSnapshotPart part = parts.get(name);
      RocksTimerStore<?> store = timerStores.get(name);
      if (store != null) {
        store.ingest(kg, bytes);
      } else if (part != null) {
        part.restore(kg, flags, new MemoryDataInput(bytes));
      } else {
        pendingParts
            .computeIfAbsent(name, n -> new ArrayList<>())
            .add(new PendingSection(kg, kind, flags, bytes));
      }
      return;
    }
    boolean namespaced = (flags & KeyedStateSnapshot.FLAG_NAMESPACED) != 0;
    boolean map = kind == KeyedStateSnapshot.kindByte(StateDescriptor.Kind.MAP);
    int partsPerEntry = 2 + (namespaced ? 1 : 0) + (map ? 1 : 0);
    RocksState existing = (namespaced ? namespacedStates : states).get(name);
    try (WriteBatch batch = new WriteBatch()) {
      if (existing != null) {
        if (KeyedStateSnapshot.kindByte(existing.kind()) != kind) {
          throw new IOException(
              "State '"
                  + name
                  + "' was snapshotted as "
                  + KeyedStateSnapshot.kindName(kind)
                  + " state but is now requested as "
                  + existing.kind()
                  + " state");
        }
        ingestEntries(
            existing, kg, flags, bytes, partsPerEntry, readersFor(existing, schema), batch);
      } else {
        // staged apart per schema: sections of one state may come with different ones
        String stagedName = stagedName(namespaced, kind, flags, register(schema), name);
        ColumnFamilyHandle staged = unclaimed.get(stagedName);
        if (staged == null) {
          staged = createColumn(stagedName);
          unclaimed.put(stagedName, staged);
        }
        MemoryDataInput entries = new MemoryDataInput(bytes);
        int count = entries.readInt();
        for (int i = 0; i < count; i++) {
          int start = entries.position();
          for (int p = 0; p < partsPerEntry; p++) {
            entries.skipBytes(checkedLength(entries, name));
          }
          byte[] row = new byte[10];
          writeShort(row, 0, kg);
          writeLong(row, 2, stagedRows++);
          batch.put(staged, row, Arrays.copyOfRange(bytes, start, entries.position()));
        }
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new IOException("RocksDB failed restoring state '" + name + "': " + e.getMessage(), e);
    }
  }

  private static int checkedLength(MemoryDataInput in, String state) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("Corrupt snapshot: an entry of state '" + state + "' is cut short");
    }
    return length;
  }

  /** Puts a section's entries (count, then entries) into a state's column family. */
  private void ingestEntries(
      RocksState s,
      int kg,
      int flags,
      byte[] bytes,
      int partsPerEntry,
      StateSchema.Readers readers,
      WriteBatch batch)
      throws IOException, RocksDBException {
    MemoryDataInput in = new MemoryDataInput(bytes);
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      ingestEntry(s, kg, flags, bytes, in, partsPerEntry, readers, batch);
    }
  }

  /**
   * Puts one entry, read from {@code in} over {@code bytes}, into a state's column family; with
   * {@code readers} (not null), its value and map key were written with an older schema and are
   * converted.
   */
  private void ingestEntry(
      RocksState s,
      int kg,
      int flags,
      byte[] bytes,
      MemoryDataInput in,
      int partsPerEntry,
      StateSchema.Readers readers,
      WriteBatch batch)
      throws IOException, RocksDBException {
    MemoryDataOutput key = new MemoryDataOutput(32);
    key.writeShort(kg);
    boolean map = s.kind() == StateDescriptor.Kind.MAP;
    for (int p = 0; p < partsPerEntry - 1; p++) {
      int length = checkedLength(in, s.name());
      if (map && p == partsPerEntry - 2 && readers != null && readers.mapKeyConverts()) {
        key.write(migrateMapKey(s, bytes, in.position(), in.position() + length, readers));
      } else {
        key.write(bytes, in.position(), length);
      }
      in.skipBytes(length);
    }
    int length = checkedLength(in, s.name());
    byte[] value = Arrays.copyOfRange(bytes, in.position(), in.position() + length);
    in.skipBytes(length);
    int stateFlags = s.hasTtl() ? KeyedStateSnapshot.FLAG_TTL : 0;
    value =
        convertValue(
            KeyedStateSnapshot.kindByte(s.kind()), value, flags, stateFlags, clock.millis());
    value = migrateValue(s, value, readers);
    if (s.kind() == StateDescriptor.Kind.LIST) {
      batch.merge(s.column, key.toByteArray(), value);
    } else {
      batch.put(s.column, key.toByteArray(), value);
    }
  }

  /** Moves the staged sections of a state just created into its column family. */
  private void ingestStaged(RocksState s, boolean namespaced, int kind)
      throws IOException, RocksDBException {
    for (Map.Entry<String, ColumnFamilyHandle> e : new ArrayList<>(unclaimed.entrySet())) {
      ColumnName c = ColumnName.parse(e.getKey());
      if (c == null || !c.staged() || c.namespaced() != namespaced || !c.state().equals(s.name())) {
        continue;
      }
      if (c.kind() != kind) {
        throw new IOException(
            "it was snapshotted as "
                + KeyedStateSnapshot.kindName(c.kind())
                + " state but is now requested as "
                + s.kind()
                + " state");
      }
      int partsPerEntry =
          2
              + (namespaced ? 1 : 0)
              + (kind == KeyedStateSnapshot.kindByte(StateDescriptor.Kind.MAP) ? 1 : 0);
      StateSchema.Readers readers = readersFor(s, schemaOf(c.tag()));
      try (RocksIterator it = db.newIterator(e.getValue(), readOptions);
          WriteBatch batch = new WriteBatch()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] entry = it.value();
          ingestEntry(
              s,
              keyGroupOf(it.key()),
              c.flags(),
              entry,
              new MemoryDataInput(entry),
              partsPerEntry,
              readers,
              batch);
          if (batch.count() >= 1000) {
            db.write(writeOptions, batch);
            batch.clear();
          }
        }
        db.write(writeOptions, batch);
      }
      unclaimed.remove(e.getKey());
      db.dropColumnFamily(e.getValue());
      e.getValue().close();
    }
  }

  // ---- native snapshots ----

  /**
   * A native snapshot: a RocksDB checkpoint in {@code directory} (which must not exist yet; it is
   * created on the same file system as the working directory when possible, so SST files are hard
   * links, not copies; timers kept in the database are in them) plus {@value #NATIVE_META} with the
   * key-group range and the timers kept on the heap, if any.
   *
   * <p>Consecutive native snapshots of one backend share every SST file that did not change (SST
   * files are immutable and their names are never reused within a database's life, also across a
   * {@link #restoreNative} of the same range, which continues the database). A checkpoint store can
   * therefore keep one copy per file name and count references: {@link NativeSnapshot#files()} says
   * which files are shareable. A snapshot that fails deletes what it wrote of {@code directory}: a
   * partial directory must not pass for a snapshot.
   */
  public NativeSnapshot snapshotNative(Path directory) throws IOException {
    checkOpen();
    if (Files.exists(directory)) {
      throw new FileAlreadyExistsException(
          directory.toString(), null, "a native snapshot needs a directory that does not exist");
    }
    Files.createDirectories(directory.toAbsolutePath().getParent());
    try {
      return writeNativeSnapshot(directory);
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteRecursively(directory);
      } catch (IOException | RuntimeException d) {
        e.addSuppressed(d);
      }
      throw e;
    }
  }

  private NativeSnapshot writeNativeSnapshot(Path directory) throws IOException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
        Checkpoint checkpoint = Checkpoint.create(db)) {
      List<ColumnFamilyHandle> all = new ArrayList<>(unclaimed.values());
      states.values().forEach(s -> all.add(s.column));
      namespacedStates.values().forEach(s -> all.add(s.column));
      timerStores.values().forEach(t -> all.add(t.column));
      all.add(defaultColumn);
      db.flush(flush, all); // the write-ahead log is off: only flushed data is in the checkpoint
      checkpoint.createCheckpoint(directory.toString());
    } catch (RocksDBException e) {
      throw new IOException(
          "RocksDB checkpoint into " + directory + " failed: " + e.getMessage(), e);
    }
    MemoryDataOutput meta = new MemoryDataOutput(1024);
    meta.writeInt(NATIVE_MAGIC);
    meta.writeInt(NATIVE_VERSION);
    meta.writeInt(range.start());
    meta.writeInt(range.end());
    meta.writeInt(maxParallelism);
    // the schema table names the schemas of every column's bytes (by their tags) and the key type
    KeyedStateSnapshot.Writer w = new KeyedStateSnapshot.Writer(meta, range.size(), schemaTable());
    Map<String, KeyGroupedSnapshotPart.Snapshot> partSnapshots = snapshotParts();
    try {
      for (int kg = range.start(); kg <= range.end(); kg++) {
        w.beginKeyGroup(kg);
        writeParts(w, kg, partSnapshots);
        w.endKeyGroup();
      }
      w.finish();
    } finally {
      partSnapshots.values().forEach(KeyGroupedSnapshotPart.Snapshot::release);
    }
    NativeSnapshot snapshot = NativeSnapshot.of(directory, this::sharedId);
    List<NativeSnapshot.File> sst =
        snapshot.files().stream().filter(NativeSnapshot.File::shared).toList();
    meta.writeInt(sst.size());
    for (NativeSnapshot.File f : sst) {
      meta.writeUTF(f.name());
      meta.writeUTF(f.sharedId());
    }
    Files.write(directory.resolve(NATIVE_META), meta.toByteArray());
    return NativeSnapshot.of(directory, this::sharedId);
  }

  /** The shared id of one of this database's SST files. */
  private String sharedId(String sstName) {
    String inherited = inheritedIds.get(sstName);
    return inherited != null ? inherited : instanceId + "-" + sstName;
  }

  // ---- NativeSnapshots: incremental checkpoints ----

  @Override
  public String backendName() {
    return RocksDBKeyedStateBackendFactory.NAME;
  }

  /** A native snapshot into {@code native-<checkpointId>-<n>} of the working directory. */
  @Override
  public NativeKeyedSnapshot snapshotNative(long checkpointId) throws IOException {
    Path target = directory.resolve("native-" + checkpointId + "-" + UUID.randomUUID());
    NativeSnapshot s = snapshotNative(target);
    List<NativeKeyedSnapshot.File> files = new ArrayList<>();
    for (NativeSnapshot.File f : s.files()) {
      files.add(
          new NativeKeyedSnapshot.File(
              f.name(), f.sharedId(), f.size(), 0, target.resolve(f.name())));
    }
    return new NativeKeyedSnapshot(backendName(), target, List.copyOf(files));
  }

  @Override
  public Path scratchDirectory() {
    return directory;
  }

  /**
   * Restores native snapshots ({@link #snapshotNative}) into this backend, which must be new: no
   * state requested, nothing restored. One snapshot of exactly this key-group range becomes the
   * database (its files are hard-linked, or copied across file systems); otherwise (rescaling) the
   * key groups this backend owns are copied out of each snapshot, byte for byte. Timers come back
   * with the database's timer columns, or from each snapshot's metadata (heap timers, and every
   * snapshot of a version before 3). States are then claimed as the operator requests them.
   */
  public void restoreNative(List<Path> directories) throws IOException {
    checkOpen();
    if (!states.isEmpty()
        || !namespacedStates.isEmpty()
        || !unclaimed.isEmpty()
        || !timerStores.isEmpty()) {
      throw new IllegalStateException(
          "restoreNative needs a new backend: states were already created or restored");
    }
    List<byte[]> metas = new ArrayList<>();
    for (Path dir : directories) {
      metas.add(Files.readAllBytes(dir.resolve(NATIVE_META)));
    }
    try {
      MemoryDataInput first = new MemoryDataInput(metas.get(0));
      int[] header = readNativeHeader(first, directories.get(0));
      boolean adopted =
          directories.size() == 1 && header[0] == range.start() && header[1] == range.end();
      if (adopted) {
        adopt(directories.get(0));
      } else {
        for (int i = 0; i < directories.size(); i++) {
          readNativeHeader(new MemoryDataInput(metas.get(i)), directories.get(i));
          copyOwnedKeyGroups(directories.get(i));
        }
      }
      for (int i = 0; i < metas.size(); i++) {
        MemoryDataInput in = new MemoryDataInput(metas.get(i));
        int version = readNativeHeader(in, directories.get(i))[2];
        KeyedStateSnapshot.read(in, range, checkedKeyType, this::restoreSection)
            .schemas()
            .forEach(this::register);
        if (adopted && version > NATIVE_VERSION_WITHOUT_IDS) {
          // the adopted SST files keep their ids: a checkpoint after this restore shares them
          int n = in.readInt();
          for (int k = 0; k < n; k++) {
            inheritedIds.put(in.readUTF(), in.readUTF());
          }
        }
      }
    } catch (RocksDBException e) {
      throw new IOException("Restoring a native RocksDB snapshot failed: " + e.getMessage(), e);
    }
  }

  private int[] readNativeHeader(MemoryDataInput in, Path dir) throws IOException {
    int version;
    if (in.readInt() != NATIVE_MAGIC
        || (version = in.readInt()) < NATIVE_VERSION_WITHOUT_IDS
        || version > NATIVE_VERSION) {
      throw new IOException(
          dir.resolve(NATIVE_META)
              + " is not a Spry native RocksDB snapshot of a version this Spry reads");
    }
    int start = in.readInt();
    int end = in.readInt();
    int maxP = in.readInt();
    if (maxP != maxParallelism) {
      throw new IOException(
          "The native snapshot "
              + dir
              + " has "
              + maxP
              + " key groups, this job "
              + maxParallelism
              + ": the max parallelism cannot change");
    }
    return new int[] {start, end, version};
  }

  /** Makes the snapshot's files this backend's database. */
  private void adopt(Path snapshot) throws IOException, RocksDBException {
    closeDatabase();
    deleteRecursively(dbPath);
    Files.createDirectories(dbPath);
    try (Stream<Path> files = Files.list(snapshot)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().equals(NATIVE_META)) {
          continue;
        }
        Path target = dbPath.resolve(f.getFileName());
        try {
          Files.createLink(target, f);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f, target);
        }
      }
    }
    List<byte[]> columns;
    try (Options options = new Options()) {
      columns = RocksDB.listColumnFamilies(options, dbPath.toString());
    }
    open(columns);
    // staged rows are numbered per backend: number new ones after the adopted ones, so a neutral
    // restore into this backend later never overwrites them
    for (Map.Entry<String, ColumnFamilyHandle> e : unclaimed.entrySet()) {
      if (e.getKey().startsWith("r")) {
        try (RocksIterator it = db.newIterator(e.getValue(), readOptions)) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            stagedRows = Math.max(stagedRows, readLong(it.key(), 2) + 1);
          }
        }
      }
    }
  }

  /** Copies the key groups this backend owns out of a snapshot of other ranges. */
  private void copyOwnedKeyGroups(Path snapshot) throws RocksDBException {
    List<byte[]> columns;
    try (Options options = new Options()) {
      columns = RocksDB.listColumnFamilies(options, snapshot.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] c : columns) {
      descriptors.add(new ColumnFamilyDescriptor(c, columnOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB source = RocksDB.openReadOnly(options, snapshot.toString(), descriptors, handles)) {
      byte[] from = keyGroupBytes(range.start());
      for (int i = 0; i < handles.size(); i++) {
        String name = new String(columns.get(i), StandardCharsets.UTF_8);
        if (Arrays.equals(columns.get(i), RocksDB.DEFAULT_COLUMN_FAMILY)) {
          continue;
        }
        ColumnFamilyHandle target = unclaimed.get(name);
        if (target == null) {
          target = createColumn(name);
          unclaimed.put(name, target);
        }
        try (RocksIterator it = source.newIterator(handles.get(i));
            WriteBatch batch = new WriteBatch()) {
          for (it.seek(from); it.isValid() && keyGroupOf(it.key()) <= range.end(); it.next()) {
            byte[] k = it.key();
            if (name.startsWith("r")) { // staged rows: keep them apart from this DB's own
              writeLong(k, 2, stagedRows++);
            }
            batch.put(target, k, it.value());
            if (batch.count() >= 1000) {
              db.write(writeOptions, batch);
              batch.clear();
            }
          }
          db.write(writeOptions, batch);
        }
      }
    } finally {
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  /** Compacts every column family into new SST files, replacing every one (for tests). */
  void compactAll() throws RocksDBException {
    List<ColumnFamilyHandle> all = new ArrayList<>(unclaimed.values());
    states.values().forEach(s -> all.add(s.column));
    namespacedStates.values().forEach(s -> all.add(s.column));
    timerStores.values().forEach(t -> all.add(t.column));
    try (org.rocksdb.CompactRangeOptions o =
        new org.rocksdb.CompactRangeOptions()
            .setBottommostLevelCompaction(
                org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)) {
      for (ColumnFamilyHandle h : all) {
        db.compactRange(h, null, null, o);
      }
    }
  }

  // ---- lifecycle ----

  /** This backend's working directory (deleted on close). */
  public Path workingDirectory() {
    return directory;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeDatabase();
    writeOptions.close();
    readOptions.close();
    try {
      deleteRecursively(directory);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(RocksDBKeyedStateBackend.class)
          .warn("Could not delete the RocksDB working directory {}", directory, e);
    }
  }

  private void closeDatabase() {
    for (RocksState s : states.values()) {
      s.column.close();
    }
    for (RocksState s : namespacedStates.values()) {
      s.column.close();
    }
    for (RocksTimerStore<?> t : timerStores.values()) {
      t.column.close();
    }
    unclaimed.values().forEach(ColumnFamilyHandle::close);
    unclaimed.clear();
    if (defaultColumn != null) {
      defaultColumn.close();
    }
    if (db != null) {
      db.close();
      db = null;
    }
    if (dbOptions != null) {
      dbOptions.close();
    }
    if (columnOptions != null) {
      columnOptions.close();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---- bytes ----

  static byte[] keyGroupBytes(int kg) {
    return new byte[] {(byte) (kg >>> 8), (byte) kg};
  }

  static int keyGroupOf(byte[] key) {
    return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
  }

  static boolean startsWith(byte[] bytes, byte[] prefix, int prefixLength) {
    return bytes.length >= prefixLength
        && Arrays.equals(bytes, 0, prefixLength, prefix, 0, prefixLength);
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }

  static long readLong(byte[] b, int at) {
    return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFFFFFFL);
  }

  static void writeLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  static void writeShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  static void patchInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
