package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.VersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a {@link FileSink} writer keeps in a checkpoint, per subtask whose part files it is
 * responsible for: the next part number of that subtask. Part numbers below it were pre-committed
 * at or before the checkpoint; files with higher ones were opened after it, so after a restore they
 * are leftovers to delete, and new files start at it: a finished part name never repeats.
 *
 * <p>A restored writer checks that it got the states of all writers of the checkpoint, which {@code
 * parallelism} tells: a runtime that deals writer states out instead of handing each writer all of
 * them would otherwise make writers delete files they do not own.
 *
 * @param subtask the subtask index in the names {@code part-<subtask>-<n>}
 * @param nextPartNumber the {@code n} of that subtask's next part file
 * @param parallelism the number of writers that took the checkpoint
 */
@Public
public record FileWriterState(int subtask, long nextPartNumber, int parallelism) {

  public FileWriterState {
    if (subtask < 0 || nextPartNumber < 0 || parallelism < 1) {
      throw new IllegalArgumentException(
          "subtask "
              + subtask
              + ", next part number "
              + nextPartNumber
              + ", parallelism "
              + parallelism);
    }
  }

  /** Version 1: subtask (4 bytes), next part number (8 bytes), parallelism (4 bytes). */
  static final class Serializer implements VersionedSerializer<FileWriterState> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FileWriterState s) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(s.subtask);
        out.writeLong(s.nextPartNumber);
        out.writeInt(s.parallelism);
      }
      return bytes.toByteArray();
    }

    @Override
    public FileWriterState deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException(
            "Cannot read a FileSink writer state of version "
                + version
                + ": this Spry reads version 1 (was the checkpoint written by a newer one?)");
      }
      if (serialized.length != 16) {
        throw new IOException(
            "Malformed FileSink writer state: " + serialized.length + " bytes, expected 16");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new FileWriterState(in.readInt(), in.readLong(), in.readInt());
      } catch (RuntimeException e) {
        throw new IOException("Malformed FileSink writer state: " + e.getMessage(), e);
      }
    }
  }
}
