package dev.lawn.data.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

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
      case BIT_FLIPS:
        return editBytes(b, r, how, 8, "bit flips (nothing to flip)", n -> "flip " + n + " bit(s) at", (out, at) -> {
          int bit = r.nextInt(8);
          out[at] ^= (byte) (1 << bit);
          return " " + at + "." + bit;
        });
      case SET_BYTES:
        return editBytes(b, r, how, 4, "set bytes (nothing to set)", n -> "set " + n + " byte(s):", (out, at) -> {
          int[] special = {0x00, 0xFF, 0x80, 0x7F, r.nextInt(256)};
          out[at] = (byte) special[r.nextInt(special.length)];
          return " " + at + "=" + (out[at] & 0xFF);
        });
      case INSERT_BYTES: {
        int at = r.nextInt(b.length + 1);
        byte[] junk = Bytes.randomBytes(r, 1 + r.nextInt(16));
        how.append("insert ").append(junk.length).append(" random byte(s) at ").append(at);
        return Bytes.splice(b, at, at, junk);
      }
      case DELETE_BYTES: {
        if (b.length == 0) {
          how.append("delete (nothing to delete)");
          return b;
        }
        int at = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(64, b.length - at));
        how.append("delete ").append(len).append(" byte(s) at ").append(at);
        return Bytes.splice(b, at, at + len, new byte[0]);
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
        return Bytes.splice(b, to, to, Arrays.copyOfRange(b, from, from + len));
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
        return LineMutations.replaceNumber(b, r, how);
      case JUNK_LINE: {
        int at = LineMutations.lineStart(b, r);
        byte[] line = LineMutations.junkLine(seed, r, how);
        how.append(" at ").append(at);
        return Bytes.splice(b, at, at, line);
      }
      case BAD_ENCODING: {
        byte[] bad = BAD_BYTES[r.nextInt(BAD_BYTES.length)];
        int at = r.nextInt(b.length + 1);
        boolean replace = r.nextBoolean() && at + bad.length <= b.length;
        how.append(replace ? "overwrite" : "insert").append(" bytes ").append(Bytes.hex(bad)).append(" at ").append(at);
        return Bytes.splice(b, at, replace ? at + bad.length : at, bad);
      }
      case ENORMOUS_LINE:
        return LineMutations.enormousLine(seed, b, r, how, maxEnormousBytes);
      case BLANK_LINES: {
        int at = LineMutations.lineStart(b, r);
        String[] blanks = {"\n", "\r\n", "   \n", "\t\n", "\n\n\n\n", " \t \r\n"};
        String blank = blanks[r.nextInt(blanks.length)].repeat(1 + r.nextInt(3));
        how.append("insert blank line(s) ").append(Bytes.escape(blank)).append(" at ").append(at);
        return Bytes.splice(b, at, at, blank.getBytes(StandardCharsets.ISO_8859_1));
      }
      case LINE_EDIT:
        return LineMutations.editLines(b, r, how);
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
          v = Bytes.read(b, f) + (r.nextBoolean() ? 1 : -1); // off by one
        }
        byte[] out = b.clone();
        for (int i = f.width() - 1; i >= 0; i--) {
          out[f.offset() + i] = (byte) v;
          v >>>= 8;
        }
        how.append("set ").append(f.width()).append("-byte field at ").append(f.offset()).append(" to ")
            .append(Bytes.read(out, f));
        return out;
      }
      case APPEND_JUNK: {
        byte[] junk = Bytes.randomBytes(r, 1 + r.nextInt(r.nextBoolean() ? 8 : 5000));
        how.append("append ").append(junk.length).append(" random byte(s)");
        return Bytes.splice(b, b.length, b.length, junk);
      }
      case GZIP:
        how.append("gzip");
        return Bytes.gzip(b);
      default:
        throw new AssertionError(kind);
    }
  }

  /** Changes the byte at {@code at} of {@code out}, drawing what it needs, and describes the change. */
  private interface ByteEdit {
    String apply(byte[] out, int at);
  }

  /**
   * A copy of {@code b} with 1 to {@code maxEdits} bytes at random positions changed by {@code edit},
   * described as {@code heading} of the count followed by each edit; an empty file is left as it is
   * and described as {@code ifEmpty}.
   */
  private static byte[] editBytes(byte[] b, SplittableRandom r, StringBuilder how, int maxEdits, String ifEmpty,
      IntFunction<String> heading, ByteEdit edit) {
    if (b.length == 0) {
      how.append(ifEmpty);
      return b;
    }
    byte[] out = b.clone();
    int n = 1 + r.nextInt(maxEdits);
    how.append(heading.apply(n));
    for (int i = 0; i < n; i++) {
      how.append(edit.apply(out, r.nextInt(out.length)));
    }
    return out;
  }
}
