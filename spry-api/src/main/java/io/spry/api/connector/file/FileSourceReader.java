package io.spry.api.connector.file;

import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.ReaderOutput;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.source.SourceReaderContext;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads its files one after the other, line by line, at most {@value #MAX_LINES_PER_POLL} lines per
 * poll. Reading a local file counts as non-blocking. Errors name the file and, once reading, the
 * line. A line that is not valid UTF-8 goes to the job's error policy as a bad record (its bytes):
 * under {@code ErrorPolicy.fail()} the job fails naming the file and line, under {@code deadLetter}
 * the line becomes a dead letter and reading goes on.
 */
final class FileSourceReader implements SourceReader<String, FileSplit> {
  static final int MAX_LINES_PER_POLL = 1000;

  /** What {@link #readLine()} returns for a malformed line the error policy skipped. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String MALFORMED = new String("<malformed line>");

  private final SourceReaderContext context;
  private final ArrayDeque<FileSplit> pending = new ArrayDeque<>();
  private boolean noMoreSplits;
  private boolean requestOutstanding;

  private FileSplit current; // null: none open
  private Utf8LineReader lines;
  private long line; // lines of the current file consumed

  FileSourceReader(SourceReaderContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    requestSplit();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<String> output) throws IOException {
    if (current == null) {
      FileSplit next = pending.poll();
      if (next == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        requestSplit();
        return InputStatus.NOTHING_AVAILABLE;
      }
      open(next);
    }
    for (int n = 0; n < MAX_LINES_PER_POLL; n++) {
      String text = readLine();
      if (text == MALFORMED) {
        continue;
      }
      if (text == null) {
        closeCurrent();
        if (pending.isEmpty() && !noMoreSplits) {
          requestSplit();
        }
        break;
      }
      line++;
      output.collect(text);
    }
    return InputStatus.MORE_AVAILABLE;
  }

  private void open(FileSplit split) throws IOException {
    Path file = split.file();
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file);
    } catch (NoSuchFileException e) {
      throw new IOException("Cannot read file " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException("Cannot read file " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new IOException("Cannot read file " + file + ": " + e.getMessage(), e);
    }
    try {
      lines = new Utf8LineReader(channel, split.offset());
    } catch (IOException e) {
      channel.close();
      throw new IOException("Cannot read file " + file + ": " + e.getMessage(), e);
    }
    current = split;
    line = split.line();
  }

  /**
   * The next line, null at the end of the file, or {@link #MALFORMED} for a line that is not valid
   * UTF-8 and was reported to the error policy (which let the reader go on).
   */
  private String readLine() throws IOException {
    try {
      return lines.readLine();
    } catch (Utf8LineReader.MalformedLineException e) {
      line++;
      context.reportBadRecord(
          e.bytes(),
          new IOException(
              "Malformed UTF-8 input in file " + current.path() + " at line " + line, e));
      return MALFORMED;
    } catch (IOException e) {
      throw new IOException(
          "Cannot read file " + current.path() + " at line " + (line + 1) + ": " + e.getMessage(),
          e);
    }
  }

  private void closeCurrent() throws IOException {
    Utf8LineReader toClose = lines;
    lines = null;
    current = null;
    toClose.close();
  }

  private void requestSplit() {
    if (!requestOutstanding) {
      requestOutstanding = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public void addSplits(List<FileSplit> splits) {
    pending.addAll(splits);
    requestOutstanding = false;
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
  }

  @Override
  public List<FileSplit> snapshotState(long checkpointId) {
    List<FileSplit> state = new ArrayList<>(pending.size() + 1);
    if (current != null) {
      state.add(new FileSplit(current.path(), lines.offset(), line));
    }
    state.addAll(pending);
    return state;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      closeCurrent();
    }
  }
}
