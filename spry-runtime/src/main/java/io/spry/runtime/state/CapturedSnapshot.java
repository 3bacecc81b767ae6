package io.spry.runtime.state;

import io.spry.api.types.MemoryDataOutput;
import java.io.IOException;

/**
 * A keyed snapshot taken at a checkpoint barrier and written later: the synchronous part of a
 * checkpoint captures it on the task's thread ({@link KeyedStateBackend#captureSnapshot}), the
 * checkpoint's I/O thread writes it while the task goes on. Either {@link #writeTo} or {@link
 * #release} ends it; until then a copy-on-write backend keeps what it captured unchanged (and pays
 * for copies), so every path that drops a checkpoint must release its captures.
 */
public interface CapturedSnapshot {

  /**
   * Writes the snapshot, in the format of {@link KeyedStateBackend#snapshot}, as it was when
   * captured, and releases it (also when writing fails). At most once, from any one thread.
   */
  void writeTo(MemoryDataOutput out) throws IOException;

  /** Drops the snapshot without writing it. Any thread; idempotent, and harmless after writing. */
  void release();

  /** About how many bytes {@link #writeTo} will write (to size buffers). */
  default int sizeHint() {
    return 1024;
  }

  /** A snapshot written already, as the bytes {@code buffer[0, length)}. */
  static CapturedSnapshot ofBytes(byte[] buffer, int length) {
    return new CapturedSnapshot() {
      @Override
      public void writeTo(MemoryDataOutput out) {
        out.write(buffer, 0, length);
      }

      @Override
      public void release() {}

      @Override
      public int sizeHint() {
        return length;
      }
    };
  }
}
