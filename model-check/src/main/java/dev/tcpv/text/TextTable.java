package dev.tcpv.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table of text cells printed with aligned columns, numbers right-aligned.
 *
 * <p>Plain text rather than a box drawing so that the output stays readable in CI logs and greppable.
 */
public final class TextTable {
  private final List<String> header;
  private final Set<Integer> rightAligned = new HashSet<>();
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Right-aligns the column at {@code index} (numbers). */
  public TextTable alignRight(int index) {
    rightAligned.add(index);
    return this;
  }

  /** Adds a row; missing cells are empty. */
  public TextTable row(String... cells) {
    List<String> row = new ArrayList<>(Arrays.asList(cells));
    while (row.size() < header.size()) {
      row.add("");
    }
    rows.add(row);
    return this;
  }

  /** The table, header first, each line ending in a line break and without trailing spaces. */
  public String render() {
    int columns = header.size();
    int[] width = new int[columns];
    for (List<String> row : allRows()) {
      for (int c = 0; c < columns && c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : allRows()) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        int w = c < columns ? width[c] : cell.length();
        String pad = " ".repeat(Math.max(0, w - cell.length()));
        if (c > 0) {
          line.append("  ");
        }
        line.append(rightAligned.contains(c) ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}
