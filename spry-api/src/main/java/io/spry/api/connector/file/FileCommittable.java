package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.sink.VersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A pending part file of a {@link FileSink}: closed and durable under its hidden name, to be
 * renamed to its finished name when the checkpoint holding it completes.
 *
 * @param bucketId the bucket (a path relative to the sink's directory; empty for the directory)
 * @param pendingName the hidden file's name in the bucket
 * @param finishedName the name the commit gives it
 * @param size its length in bytes, checked at the commit
 */
@Public
public record FileCommittable(String bucketId, String pendingName, String finishedName, long size) {

  public FileCommittable {
    Objects.requireNonNull(bucketId, "bucketId");
    Objects.requireNonNull(pendingName, "pendingName");
    Objects.requireNonNull(finishedName, "finishedName");
    if (size < 0) {
      throw new IllegalArgumentException("size " + size);
    }
  }

  /** Version 1: bucket id, pending name, finished name (modified UTF-8), size (8 bytes). */
  static final class Serializer implements VersionedSerializer<FileCommittable> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FileCommittable c) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + c.pendingName.length() * 2);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(c.bucketId);
        out.writeUTF(c.pendingName);
        out.writeUTF(c.finishedName);
        out.writeLong(c.size);
      }
      return bytes.toByteArray();
    }

    @Override
    public FileCommittable deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException(
            "Cannot read a FileSink committable of version "
                + version
                + ": this Spry reads version 1 (was the checkpoint written by a newer one?)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        FileCommittable c =
            new FileCommittable(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
        if (in.available() > 0) {
          throw new IOException(in.available() + " bytes left over");
        }
        return c;
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "Malformed FileSink committable (" + serialized.length + " bytes): " + e, e);
      }
    }
  }
}
