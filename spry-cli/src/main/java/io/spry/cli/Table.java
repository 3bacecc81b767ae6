package io.spry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of text printed in aligned columns, two spaces apart; the last column is not padded. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void add(String... row) {
    rows.add(row);
  }

  void print(PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        b.append(r[c]);
        if (c < columns - 1) {
          b.append(" ".repeat(width[c] - r[c].length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
    out.flush();
  }
}
