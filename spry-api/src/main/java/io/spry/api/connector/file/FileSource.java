package io.spry.api.connector.file;

import io.spry.api.annotation.Public;
import io.spry.api.connector.source.Source;
import io.spry.api.connector.source.SourceSplit;
import java.nio.file.Path;

/** Reads text files line by line. (Stub.) */
@Public
public final class FileSource {
  private FileSource() {}

  public static Builder forLines(Path path) {
    return new Builder();
  }

  /** Builds a file source. */
  public static final class Builder {
    public Source<String, ? extends SourceSplit> build() {
      throw new UnsupportedOperationException("not yet");
    }
  }
}
