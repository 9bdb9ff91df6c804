package dev.lawn.data.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A valid file of a format and where its structure lies: the offsets at which a truncation lands on
 * a boundary (line starts, field separators, header fields, record starts, JPEG markers), and the
 * fixed-width big-endian numeric fields (sizes, counts, lengths) that a corruption may set to an
 * extreme value.
 *
 * @param name path relative to the case directory
 */
record SeedFile(String name, byte[] bytes, boolean text, int[] boundaries, List<Field> fields) {

  /** A big-endian unsigned field of {@code width} bytes at {@code offset}. */
  record Field(int offset, int width) {}

  /** A text file; its boundaries are every line start and every occurrence of {@code separator}. */
  static SeedFile text(String name, String content, String separator) {
    byte[] b = content.getBytes(StandardCharsets.ISO_8859_1);
    TreeSet<Integer> cuts = new TreeSet<>();
    cuts.add(0);
    cuts.add(b.length);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        cuts.add(i + 1);
      }
    }
    for (int at = content.indexOf(separator); at >= 0; at = content.indexOf(separator, at + separator.length())) {
      cuts.add(at);
      cuts.add(at + separator.length());
    }
    return new SeedFile(name, b, true, cuts.stream().mapToInt(Integer::intValue).toArray(), List.of());
  }

  /** A binary file with the given boundaries and header fields. */
  static SeedFile binary(String name, byte[] bytes, int[] boundaries, List<Field> fields) {
    return new SeedFile(name, bytes, false, boundaries, fields);
  }

  /**
   * A JPEG: its boundaries are the marker positions and segment ends; its fields are the segment
   * lengths and the frame's height and width.
   */
  static SeedFile jpeg(String name, byte[] bytes) {
    TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 2, bytes.length));
    List<Field> fields = new ArrayList<>();
    int at = 2;
    while (at + 4 <= bytes.length && (bytes[at] & 0xFF) == 0xFF) {
      int marker = bytes[at + 1] & 0xFF;
      int length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
      cuts.add(at);
      cuts.add(at + 2);
      fields.add(new Field(at + 2, 2));
      if (marker >= 0xC0 && marker <= 0xC3) {
        fields.add(new Field(at + 5, 2)); // height
        fields.add(new Field(at + 7, 2)); // width
        cuts.add(at + 9);
      }
      at += 2 + length;
      cuts.add(Math.min(at, bytes.length));
      if (marker == 0xDA) {
        break; // entropy-coded data follows the scan header
      }
    }
    cuts.add(Math.max(0, bytes.length - 2)); // the EOI marker
    return new SeedFile(name, bytes, false, cuts.stream().mapToInt(Integer::intValue).toArray(), fields);
  }
}
