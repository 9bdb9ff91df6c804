package dev.lawn.data.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Applies seeded random corruptions to a {@link SeedFile}: one corruption per case, sometimes two or
 * three stacked. The same generator state always gives the same mutant, so a case is reproduced by
 * its (run seed, target, case index).
 */
final class Corruptor {

  /** The kinds of corruption; each applies to text files, binary files or both. */
  enum Kind {
    BIT_FLIPS, SET_BYTES, INSERT_BYTES, DELETE_BYTES, DUPLICATE_REGION, TRUNCATE, TRUNCATE_AT_BOUNDARY, EMPTY,
    // text only
    NUMBER_TOKEN, JUNK_LINE, BAD_ENCODING, ENORMOUS_LINE, BLANK_LINES, LINE_EDIT, LINE_ENDINGS, UTF16,
    // binary only
    HEADER_FIELD, APPEND_JUNK, GZIP
  }

  /**
   * Replacements for a number in a text file: overflows, signs, valid but enormous ids (an array
   * sized by them would not fit the heap), non-ASCII digits, non-numbers.
   */
  private static final String[] NUMBERS = {
    "99999999999999999999", "-1", "-2147483648", "2147483647", "2147483648", "-2147483649",
    "-9223372036854775808", "9223372036854775807", "9223372036854775808", "0", "-0", "+7", "1e309", "-1e-400",
    "1000000000", "300000000", "NaN", "-Infinity", "0x1F", "1_000", "", " ", "\u0663", "\uFF15", "1.5", "1,5",
    "07", "1 2", "\u0000",
    "12345678901234567890123456789012345678901234567890"
  };

  /** Byte sequences that are not valid UTF-8, or are encoding marks. */
  private static final byte[][] BAD_BYTES = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xE9}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    {0x00}, {(byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xC0, (byte) 0xAF}, {0x1C},
    {(byte) 0x85}, {(byte) 0xA0}, {0x0B}, {0x0C}, {0x7F}
  };

  /** Values for a binary header field: 2^31 and neighbours, all ones, zero, sizes whose product overflows. */
  private static final long[] FIELD_VALUES = {
    0L, 1L, 2L, 0x7FFFFFFFL, 0x80000000L, 0x80000001L, 0xFFFFFFFFL, 0xFFFFFFFEL, 0x10000L, 0xFFFFL, 46341L,
    65536L * 2, 0x01000000L, 1000000L, 60001L
  };

  private final List<Kind> kinds = new ArrayList<>();
  private final int[] cumulativeWeights;
  private final int maxEnormousBytes;

  private Corruptor(Map<Kind, Integer> weights, int maxEnormousBytes) {
    int[] cumulative = new int[weights.size()];
    int total = 0;
    for (Map.Entry<Kind, Integer> e : weights.entrySet()) {
      total += e.getValue();
      cumulative[kinds.size()] = total;
      kinds.add(e.getKey());
    }
    this.cumulativeWeights = cumulative;
    this.maxEnormousBytes = maxEnormousBytes;
  }

  /** Corruptions for a line-oriented text format. */
  static Corruptor forText(int maxEnormousBytes) {
    Map<Kind, Integer> w = common();
    w.put(Kind.NUMBER_TOKEN, 20);
    w.put(Kind.JUNK_LINE, 10);
    w.put(Kind.BAD_ENCODING, 6);
    w.put(Kind.ENORMOUS_LINE, 1);
    w.put(Kind.BLANK_LINES, 4);
    w.put(Kind.LINE_EDIT, 8);
    w.put(Kind.LINE_ENDINGS, 3);
    w.put(Kind.UTF16, 1);
    return new Corruptor(w, maxEnormousBytes);
  }

  /** Corruptions for a binary format; {@code gzip} adds gzip-compressing the corrupted bytes. */
  static Corruptor forBinary(boolean gzip) {
    Map<Kind, Integer> w = common();
    w.put(Kind.BIT_FLIPS, 15);
    w.put(Kind.SET_BYTES, 10);
    w.put(Kind.HEADER_FIELD, 15);
    w.put(Kind.APPEND_JUNK, 4);
    if (gzip) {
      w.put(Kind.GZIP, 6);
    }
    return new Corruptor(w, 0);
  }

  private static Map<Kind, Integer> common() {
    Map<Kind, Integer> w = new EnumMap<>(Kind.class);
    w.put(Kind.BIT_FLIPS, 10);
    w.put(Kind.SET_BYTES, 6);
    w.put(Kind.INSERT_BYTES, 6);
    w.put(Kind.DELETE_BYTES, 6);
    w.put(Kind.DUPLICATE_REGION, 3);
    w.put(Kind.TRUNCATE, 6);
    w.put(Kind.TRUNCATE_AT_BOUNDARY, 8);
    w.put(Kind.EMPTY, 1);
    return w;
  }

  /** One to three stacked corruptions of {@code seed}. */
  Mutant corrupt(SeedFile seed, SplittableRandom r) {
    byte[] b = seed.bytes();
    StringBuilder how = new StringBuilder();
    int stack = r.nextInt(100) < 75 ? 1 : r.nextInt(100) < 70 ? 2 : 3;
    for (int k = 0; k < stack; k++) {
      Kind kind = pick(r);
      if (how.length() > 0) {
        how.append(" + ");
      }
      b = apply(kind, seed, b, r, how);
    }
    return new Mutant(seed.name(), b, how.toString());
  }

  /** The seed cut at each of its boundaries and one byte before it: "truncation at every region". */
  static List<Mutant> boundaryTruncations(SeedFile seed) {
    List<Mutant> out = new ArrayList<>();
    int previous = -1;
    for (int cut : seed.boundaries()) {
      for (int at : new int[] {cut - 1, cut}) {
        if (at > previous && at >= 0 && at < seed.bytes().length) {
          out.add(new Mutant(seed.name(), Arrays.copyOf(seed.bytes(), at), "truncate at boundary " + at));
          previous = at;
        }
      }
    }
    return out;
  }

  private Kind pick(SplittableRandom r) {
    int x = r.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
    for (int i = 0; i < cumulativeWeights.length; i++) {
      if (x < cumulativeWeights[i]) {
        return kinds.get(i);
      }
    }
    throw new AssertionError();
  }

  private byte[] apply(Kind kind, SeedFile seed, byte[] b, SplittableRandom r, StringBuilder how) {
    switch (kind) {
      case BIT_FLIPS: {
        if (b.length == 0) {
          how.append("bit flips (nothing to flip)");
          return b;
        }
        byte[] out = b.clone();
        int n = 1 + r.nextInt(8);
        how.append("flip ").append(n).append(" bit(s) at");
        for (int i = 0; i < n; i++) {
          int at = r.nextInt(out.length);
          int bit = r.nextInt(8);
          out[at] ^= (byte) (1 << bit);
          how.append(' ').append(at).append('.').append(bit);
        }
        return out;
      }
      case SET_BYTES: {
        if (b.length == 0) {
          how.append("set bytes (nothing to set)");
          return b;
        }
        byte[] out = b.clone();
        int n = 1 + r.nextInt(4);
        how.append("set ").append(n).append(" byte(s):");
        for (int i = 0; i < n; i++) {
          int at = r.nextInt(out.length);
          int[] special = {0x00, 0xFF, 0x80, 0x7F, r.nextInt(256)};
          out[at] = (byte) special[r.nextInt(special.length)];
          how.append(' ').append(at).append('=').append(out[at] & 0xFF);
        }
        return out;
      }
      case INSERT_BYTES: {
        int at = r.nextInt(b.length + 1);
        byte[] junk = randomBytes(r, 1 + r.nextInt(16));
        how.append("insert ").append(junk.length).append(" random byte(s) at ").append(at);
        return splice(b, at, at, junk);
      }
      case DELETE_BYTES: {
        if (b.length == 0) {
          how.append("delete (nothing to delete)");
          return b;
        }
        int at = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(64, b.length - at));
        how.append("delete ").append(len).append(" byte(s) at ").append(at);
        return splice(b, at, at + len, new byte[0]);
      }
      case DUPLICATE_REGION: {
        if (b.length == 0) {
          how.append("duplicate (nothing to duplicate)");
          return b;
        }
        int from = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(256, b.length - from));
        int to = r.nextInt(b.length + 1);
        how.append("copy ").append(len).append(" byte(s) from ").append(from).append(" to ").append(to);
        return splice(b, to, to, Arrays.copyOfRange(b, from, from + len));
      }
      case TRUNCATE: {
        int at = r.nextInt(b.length + 1);
        how.append("truncate at ").append(at);
        return Arrays.copyOf(b, at);
      }
      case TRUNCATE_AT_BOUNDARY: {
        int[] cuts = seed.boundaries();
        int at = Math.min(b.length, Math.max(0, cuts[r.nextInt(cuts.length)] + r.nextInt(3) - 1));
        how.append("truncate near boundary at ").append(at);
        return Arrays.copyOf(b, at);
      }
      case EMPTY:
        how.append("empty file");
        return new byte[0];
      case NUMBER_TOKEN:
        return replaceNumber(b, r, how);
      case JUNK_LINE: {
        int at = lineStart(b, r);
        byte[] line = junkLine(seed, r, how);
        how.append(" at ").append(at);
        return splice(b, at, at, line);
      }
      case BAD_ENCODING: {
        byte[] bad = BAD_BYTES[r.nextInt(BAD_BYTES.length)];
        int at = r.nextInt(b.length + 1);
        boolean replace = r.nextBoolean() && at + bad.length <= b.length;
        how.append(replace ? "overwrite" : "insert").append(" bytes ").append(hex(bad)).append(" at ").append(at);
        return splice(b, at, replace ? at + bad.length : at, bad);
      }
      case ENORMOUS_LINE:
        return enormousLine(seed, b, r, how);
      case BLANK_LINES: {
        int at = lineStart(b, r);
        String[] blanks = {"\n", "\r\n", "   \n", "\t\n", "\n\n\n\n", " \t \r\n"};
        String blank = blanks[r.nextInt(blanks.length)].repeat(1 + r.nextInt(3));
        how.append("insert blank line(s) ").append(escape(blank)).append(" at ").append(at);
        return splice(b, at, at, blank.getBytes(StandardCharsets.ISO_8859_1));
      }
      case LINE_EDIT:
        return editLines(b, r, how);
      case LINE_ENDINGS: {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int v = r.nextInt(3);
        how.append(v == 0 ? "CRLF line endings" : v == 1 ? "CR line endings" : "no final newline");
        String t = v == 0 ? s.replace("\n", "\r\n") : v == 1 ? s.replace("\n", "\r") : s.stripTrailing();
        return t.getBytes(StandardCharsets.ISO_8859_1);
      }
      case UTF16: {
        how.append("re-encoded as UTF-16 with BOM");
        return new String(b, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_16);
      }
      case HEADER_FIELD: {
        if (seed.fields().isEmpty()) {
          how.append("header field (none)");
          return b;
        }
        SeedFile.Field f = seed.fields().get(r.nextInt(seed.fields().size()));
        if (f.offset() + f.width() > b.length) {
          how.append("header field at ").append(f.offset()).append(" (cut off)");
          return b;
        }
        long v = r.nextInt(4) == 0 ? r.nextLong() : FIELD_VALUES[r.nextInt(FIELD_VALUES.length)];
        if (r.nextInt(5) == 0) {
          v = read(b, f) + (r.nextBoolean() ? 1 : -1); // off by one
        }
        byte[] out = b.clone();
        for (int i = f.width() - 1; i >= 0; i--) {
          out[f.offset() + i] = (byte) v;
          v >>>= 8;
        }
        how.append("set ").append(f.width()).append("-byte field at ").append(f.offset()).append(" to ")
            .append(read(out, f));
        return out;
      }
      case APPEND_JUNK: {
        byte[] junk = randomBytes(r, 1 + r.nextInt(r.nextBoolean() ? 8 : 5000));
        how.append("append ").append(junk.length).append(" random byte(s)");
        return splice(b, b.length, b.length, junk);
      }
      case GZIP:
        how.append("gzip");
        return gzip(b);
      default:
        throw new AssertionError(kind);
    }
  }

  private static byte[] replaceNumber(byte[] b, SplittableRandom r, StringBuilder how) {
    List<int[]> tokens = new ArrayList<>();
    for (int i = 0; i < b.length; ) {
      if (b[i] >= '0' && b[i] <= '9') {
        int start = i > 0 && b[i - 1] == '-' ? i - 1 : i;
        while (i < b.length && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.')) {
          i++;
        }
        tokens.add(new int[] {start, i});
      } else {
        i++;
      }
    }
    if (tokens.isEmpty()) {
      how.append("replace number (none)");
      return b;
    }
    int[] t = tokens.get(r.nextInt(tokens.size()));
    String value = NUMBERS[r.nextInt(NUMBERS.length)];
    how.append("replace number at ").append(t[0]).append(" by '").append(escape(value)).append('\'');
    return splice(b, t[0], t[1], value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] junkLine(SeedFile seed, SplittableRandom r, StringBuilder how) {
    String sep = guessSeparator(seed);
    String line;
    switch (r.nextInt(7)) {
      case 0:
        how.append("junk line of random bytes");
        return (new String(randomBytes(r, r.nextInt(200)), StandardCharsets.ISO_8859_1).replace('\n', ' ') + "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      case 1:
        line = "# a comment line";
        break;
      case 2:
        line = sep.repeat(1 + r.nextInt(6));
        break;
      case 3:
        line = "1" + sep + "2" + sep + "3" + sep + "4" + sep + "5";
        break;
      case 4:
        line = "userId,movieId,rating,timestamp";
        break;
      case 5:
        line = String.join(sep, "-5", "-7", "4", "-9223372036854775808");
        break;
      default:
        line = String.join(sep, "2147483647", "2147483647", "5", "9223372036854775807");
    }
    how.append("junk line '").append(escape(line)).append('\'');
    return (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] enormousLine(SeedFile seed, byte[] b, SplittableRandom r, StringBuilder how) {
    int size = (1 << 20) + r.nextInt(Math.max(1, maxEnormousBytes - (1 << 20)));
    String sep = guessSeparator(seed);
    byte[] line = new byte[size + 1];
    int variant = r.nextInt(4);
    switch (variant) {
      case 0: // one enormous number
        Arrays.fill(line, (byte) '9');
        break;
      case 1: { // a data line whose item id has millions of digits
        Arrays.fill(line, (byte) '7');
        byte[] head = ("1" + sep).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, line, 0, head.length);
        byte[] tail = (sep + "4" + sep + "5").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tail, 0, line, size - tail.length, tail.length);
        break;
      }
      case 2: { // separators only
        byte[] s = sep.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < size; i++) {
          line[i] = s[i % s.length];
        }
        break;
      }
      default:
        for (int i = 0; i < size; i++) {
          int v = r.nextInt(95) + 32;
          line[i] = (byte) v;
        }
    }
    line[size] = '\n';
    int at = lineStart(b, r);
    how.append("insert a ").append(size).append("-byte line (variant ").append(variant).append(") at ").append(at);
    return splice(b, at, at, line);
  }

  private static byte[] editLines(byte[] b, SplittableRandom r, StringBuilder how) {
    List<int[]> lines = lines(b);
    if (lines.isEmpty()) {
      how.append("line edit (no lines)");
      return b;
    }
    int[] a = lines.get(r.nextInt(lines.size()));
    int[] c = lines.get(r.nextInt(lines.size()));
    switch (r.nextInt(3)) {
      case 0:
        how.append("delete the line at ").append(a[0]);
        return splice(b, a[0], a[1], new byte[0]);
      case 1:
        how.append("duplicate the line at ").append(a[0]).append(" before ").append(c[0]);
        return splice(b, c[0], c[0], Arrays.copyOfRange(b, a[0], a[1]));
      default: {
        int[] first = a[0] <= c[0] ? a : c;
        int[] second = a[0] <= c[0] ? c : a;
        if (first == second || first[1] > second[0]) {
          how.append("swap a line with itself");
          return b;
        }
        how.append("swap the lines at ").append(first[0]).append(" and ").append(second[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, first[0]);
        out.write(b, second[0], second[1] - second[0]);
        out.write(b, first[1], second[0] - first[1]);
        out.write(b, first[0], first[1] - first[0]);
        out.write(b, second[1], b.length - second[1]);
        return out.toByteArray();
      }
    }
  }

  /** [start, end) of each line, the terminator included. */
  private static List<int[]> lines(byte[] b) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        out.add(new int[] {start, i + 1});
        start = i + 1;
      }
    }
    if (start < b.length) {
      out.add(new int[] {start, b.length});
    }
    return out;
  }

  private static int lineStart(byte[] b, SplittableRandom r) {
    List<int[]> lines = lines(b);
    return lines.isEmpty() || r.nextInt(10) == 0 ? b.length : lines.get(r.nextInt(lines.size()))[0];
  }

  private static String guessSeparator(SeedFile seed) {
    String s = new String(seed.bytes(), 0, Math.min(200, seed.bytes().length), StandardCharsets.ISO_8859_1);
    return s.contains("::") ? "::" : s.contains("\t") ? "\t" : ",";
  }

  private static long read(byte[] b, SeedFile.Field f) {
    long v = 0;
    for (int i = 0; i < f.width(); i++) {
      v = (v << 8) | (b[f.offset() + i] & 0xFF);
    }
    return v;
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] out = new byte[n];
    r.nextBytes(out);
    return out;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02X", x & 0xFF));
    }
    return s.toString();
  }

  /** Control characters as escapes, so that descriptions stay on one line. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c >= 0x7F) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
