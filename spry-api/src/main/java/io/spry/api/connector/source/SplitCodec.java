package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes and reads the state of a split enumerator: a list of splits and a list of strings (e.g.
 * paths already discovered). For {@link SplitEnumerator#snapshotState} and {@link
 * Source#restoreEnumerator}.
 *
 * <pre>
 * state := VERSION:int splitCount:int split* stringCount:int UTF*
 * </pre>
 */
@Public
public final class SplitCodec {
  private static final int VERSION = 1;

  private SplitCodec() {}

  /** What an enumerator's state holds. */
  public record State<S>(List<S> splits, List<String> strings) {}

  public static <S> byte[] write(
      Collection<S> splits, Collection<String> strings, TypeSerializer<S> serializer) {
    try {
      MemoryDataOutput out = new MemoryDataOutput(256);
      out.writeInt(VERSION);
      out.writeInt(splits.size());
      for (S s : splits) {
        serializer.serialize(s, out);
      }
      out.writeInt(strings.size());
      for (String s : strings) {
        out.writeUTF(s);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the splits of a source failed: " + e.getMessage(), e);
    }
  }

  public static <S> State<S> read(byte[] bytes, TypeSerializer<S> serializer) throws IOException {
    MemoryDataInput in = new MemoryDataInput(bytes);
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("Split enumerator state version " + version + " is not supported");
    }
    int n = in.readInt();
    List<S> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      splits.add(serializer.deserialize(in));
    }
    int m = in.readInt();
    List<String> strings = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      strings.add(in.readUTF());
    }
    return new State<>(splits, strings);
  }
}
