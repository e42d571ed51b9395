package dev.tcpv.cli;

import dev.tcpv.check.InputException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One of N deterministic parts of a set of input files, so that N jobs of a CI matrix validate the set between
 * them: the files are sorted by their path as given, and file k of the sorted list (from 0) belongs to shard
 * {@code (k mod N) + 1}. Every file is in exactly one shard, whichever machine computes it, and shards differ in
 * size by at most one file.
 *
 * @param index this shard, from 1
 * @param count how many shards there are
 */
record Shard(int index, int count) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

  Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("shard " + index + "/" + count);
    }
  }

  /** The shard {@code text} names ({@code "2/8"}); a one-line error for anything else. */
  static Shard parse(String text) throws InputException {
    Matcher m = FORM.matcher(text.strip());
    if (m.matches()) {
      try {
        return new Shard(Integer.parseInt(String.valueOf(m.group(1))), Integer.parseInt(String.valueOf(m.group(2))));
      } catch (IllegalArgumentException outOfRange) {
        // Reported below, in the option's terms.
      }
    }
    throw new InputException("--shard must be I/N with 1 <= I <= N (for example 1/4), not \"" + text + "\"");
  }

  /** The files of {@code all} in this shard, in sorted order. */
  List<Path> select(List<Path> all) {
    List<Path> sorted = all.stream().distinct().sorted(Comparator.comparing(Path::toString)).toList();
    return IntStream.range(0, sorted.size()).filter(k -> k % count == index - 1).mapToObj(sorted::get).toList();
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
