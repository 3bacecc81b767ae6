package io.spry.runtime.checkpoint;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
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
 * <pre>
 * subtaskState := VERSION:int keyed:bytes listCount:int list*
 * bytes        := length:int (-1 for none) byte[length]
 * list         := name:UTF mode:byte count:int bytes*
 * </pre>
 */
public final class SubtaskState {
  static final int VERSION = 1;

  /** How a list of operator state is shared out on restore. */
  public enum ListMode {
    SPLIT,
    UNION,
    BROADCAST
  }

  /** A named list of serialized elements. */
  public record NamedList(ListMode mode, List<byte[]> elements) {}

  private byte[] keyed;
  private final Map<String, NamedList> lists = new LinkedHashMap<>();

  public byte[] keyed() {
    return keyed;
  }

  public void setKeyed(byte[] keyed) {
    this.keyed = keyed;
  }

  public Map<String, NamedList> lists() {
    return lists;
  }

  public void putList(String name, ListMode mode, List<byte[]> elements) {
    if (lists.putIfAbsent(name, new NamedList(mode, elements)) != null) {
      throw new IllegalStateException("Operator state '" + name + "' was written twice");
    }
  }

  public boolean isEmpty() {
    return keyed == null && lists.isEmpty();
  }

  public byte[] toBytes() throws IOException {
    MemoryDataOutput out = new MemoryDataOutput(256);
    out.writeInt(VERSION);
    writeBytes(out, keyed);
    out.writeInt(lists.size());
    for (Map.Entry<String, NamedList> e : lists.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeByte(e.getValue().mode().ordinal());
      out.writeInt(e.getValue().elements().size());
      for (byte[] b : e.getValue().elements()) {
        writeBytes(out, b);
      }
    }
    return out.toByteArray();
  }

  public static SubtaskState fromBytes(byte[] bytes) throws IOException {
    MemoryDataInput in = new MemoryDataInput(bytes);
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "Operator state version "
              + version
              + " is not supported (this Spry reads "
              + VERSION
              + ")");
    }
    SubtaskState s = new SubtaskState();
    s.keyed = readBytes(in);
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      ListMode mode = ListMode.values()[in.readByte()];
      int count = in.readInt();
      List<byte[]> elements = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        elements.add(readBytes(in));
      }
      s.lists.put(name, new NamedList(mode, elements));
    }
    return s;
  }

  private static void writeBytes(MemoryDataOutput out, byte[] b) {
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
