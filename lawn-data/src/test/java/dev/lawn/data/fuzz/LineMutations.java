package dev.lawn.data.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The text-format corruptions of {@link Corruptor}: numbers replaced by overflows and non-numbers,
 * junk and enormous lines, deleted, duplicated and swapped lines. Each appends what it did to
 * {@code how}, so a failing case is described on one line.
 */
final class LineMutations {

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

  static byte[] replaceNumber(byte[] b, SplittableRandom r, StringBuilder how) {
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
    how.append("replace number at ").append(t[0]).append(" by '").append(Bytes.escape(value)).append('\'');
    return Bytes.splice(b, t[0], t[1], value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] junkLine(SeedFile seed, SplittableRandom r, StringBuilder how) {
    String sep = guessSeparator(seed);
    String line;
    switch (r.nextInt(7)) {
      case 0:
        how.append("junk line of random bytes");
        return (new String(Bytes.randomBytes(r, r.nextInt(200)), StandardCharsets.ISO_8859_1).replace('\n', ' ') + "\n")
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
    how.append("junk line '").append(Bytes.escape(line)).append('\'');
    return (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] enormousLine(SeedFile seed, byte[] b, SplittableRandom r, StringBuilder how, int maxEnormousBytes) {
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
    return Bytes.splice(b, at, at, line);
  }

  static byte[] editLines(byte[] b, SplittableRandom r, StringBuilder how) {
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
        return Bytes.splice(b, a[0], a[1], new byte[0]);
      case 1:
        how.append("duplicate the line at ").append(a[0]).append(" before ").append(c[0]);
        return Bytes.splice(b, c[0], c[0], Arrays.copyOfRange(b, a[0], a[1]));
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

  static int lineStart(byte[] b, SplittableRandom r) {
    List<int[]> lines = lines(b);
    return lines.isEmpty() || r.nextInt(10) == 0 ? b.length : lines.get(r.nextInt(lines.size()))[0];
  }

  private static String guessSeparator(SeedFile seed) {
    String s = new String(seed.bytes(), 0, Math.min(200, seed.bytes().length), StandardCharsets.ISO_8859_1);
    return s.contains("::") ? "::" : s.contains("\t") ? "\t" : ",";
  }

  private LineMutations() {}
}
