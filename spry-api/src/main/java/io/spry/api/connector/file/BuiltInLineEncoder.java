package io.spry.api.connector.file;

import java.io.IOException;
import java.io.Writer;

/** The encoders {@link LineEncoder} offers; stateless singletons. */
enum BuiltInLineEncoder implements LineEncoder<Object> {
  TO_STRING("LineEncoder.toStringLines()") {
    @Override
    public void encode(Object element, Writer out) throws IOException {
      out.write(String.valueOf(element));
    }
  },
  CSV("LineEncoder.csv()") {
    @Override
    public void encode(Object element, Writer out) throws IOException {
      CsvFormat.writeLine(element, out);
    }
  },
  JSON("LineEncoder.json()") {
    @Override
    public void encode(Object element, Writer out) throws IOException {
      JsonFormat.write(element, out);
    }
  };

  private final String call;

  BuiltInLineEncoder(String call) {
    this.call = call;
  }

  @SuppressWarnings("unchecked")
  <T> LineEncoder<T> cast() {
    return (LineEncoder<T>) (LineEncoder<?>) this;
  }

  @Override
  public String toString() {
    return call;
  }
}
