package io.spry.runtime.state.heap;

import io.spry.api.types.DataInputView;
import io.spry.api.types.DataOutputView;
import io.spry.api.types.MemoryDataOutput;
import java.io.IOException;

/**
 * The backend-neutral snapshot format of keyed state, partitioned by key group.
 *
 * <pre>
 * snapshot := MAGIC:int VERSION:int blockCount:int block*
 * block    := keyGroup:int length:int bytes[length]                 (skippable without parsing)
 * bytes    := stateCount:int state*
 * state    := name:UTF kind:byte ttl:byte length:int entries[length] (read when the state is requested)
 * entries  := count:int (key value)*
 * value    := per kind: VALUE/REDUCING/AGGREGATING one value; LIST count:int elements;
 *             MAP count:int (mapKey value)*; with ttl each value or element is preceded by its
 *             last-access time:long
 * </pre>
 *
 * Keys, values and map keys are written with the serializers of the key type and of the state's
 * descriptor. Expired values are not written (cleanup on snapshot).
 */
final class HeapSnapshot {
  static final int MAGIC = 0x53505259; // "SPRY"
  static final int VERSION = 1;

  private HeapSnapshot() {}

  static void writeHeader(DataOutputView out, int blockCount) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(blockCount);
  }

  static int readHeader(DataInputView in) throws IOException {
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
              + " is not supported (this Spry reads "
              + VERSION
              + ")");
    }
    return in.readInt();
  }

  static void writeBlock(DataOutputView out, int keyGroup, MemoryDataOutput block)
      throws IOException {
    out.writeInt(keyGroup);
    out.writeInt(block.position());
    out.write(block.buffer(), 0, block.position());
  }
}
