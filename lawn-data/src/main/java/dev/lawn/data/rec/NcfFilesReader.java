package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the preprocessed files of the NCF paper's code ({@code <name>.train.rating},
 * {@code <name>.test.rating}, {@code <name>.test.negative}, e.g. {@code ml-1m} and
 * {@code pinterest-20}). Ids are already dense and 0-based; the held-out test item and its negatives
 * are given by the files. With {@link SplitOptions#withValidation()} each user's latest training
 * interaction becomes a validation item with {@link SplitOptions#evalNegatives()} sampled negatives.
 */
public final class NcfFilesReader {

  private static final long VALIDATION_STREAM = 0x4E43465641L;

  private NcfFilesReader() {}

  /** The three files of data set {@code name} in {@code dir}. */
  public static Path[] files(Path dir, String name) {
    return new Path[] {
      dir.resolve(name + ".train.rating"), dir.resolve(name + ".test.rating"), dir.resolve(name + ".test.negative")
    };
  }

  /**
   * Reads and checks the files.
   *
   * @throws DataFormatException naming file and line for malformed lines, negative ids, a user with
   *     no or two test lines, a test.negative line that disagrees with test.rating or has another
   *     number of negatives than the first line, or an id too large for dense ids (a user id not
   *     below the number of test lines, an item id beyond the number of ids in the files)
   */
  public static RecommendationDataset read(Path dir, String name, SplitOptions options) {
    Path[] f = files(dir, name);
    Interactions train = RatingsReader.read(f[0], RatingsFormat.NCF_RATING);
    Interactions test = RatingsReader.read(f[1], RatingsFormat.NCF_RATING);
    requireNonNegative(train);
    requireNonNegative(test);
    // Dense ids with exactly one test line per user: every user id is below the number of test lines.
    // Checked before any per-user array is sized by the largest id, which a corrupt file makes huge.
    requireUsersBelow(train, test.size(), f[1]);
    requireUsersBelow(test, test.size(), f[1]);
    int numUsers = Math.max(max(train.usersArray()), max(test.usersArray())) + 1;
    int[] testItem = new int[numUsers];
    int[] testLine = new int[numUsers];
    for (int i = 0; i < test.size(); i++) {
      int u = test.user(i);
      if (testLine[u] != 0) {
        throw DataFormatException.atLine(f[1], test.line(i),
            "user " + u + " already has a test item at line " + testLine[u]);
      }
      testLine[u] = test.line(i);
      testItem[u] = test.item(i);
    }
    // Now every user below numUsers has its test line: the test lines hold test.size() distinct user
    // ids, all below numUsers <= test.size().
    int[] negativesLine = new int[numUsers];
    int[][] negatives = readNegatives(f[2], testItem, numUsers, negativesLine);
    int numItems = numItems(f, train, test, negatives, negativesLine);

    // Chronological order per user (stable, so file order breaks ties) decides the validation item.
    int[] validationRow = options.withValidation() ? latestRowPerUser(train, numUsers, f[0], f[1], testLine) : null;
    int[] validationItem = null;
    int[] validationLine = null;
    if (validationRow != null) {
      validationItem = new int[numUsers];
      validationLine = new int[numUsers];
      for (int u = 0; u < numUsers; u++) {
        validationItem[u] = train.item(validationRow[u]);
        validationLine[u] = train.line(validationRow[u]);
      }
    }
    int[] trainU = new int[train.size()];
    int[] trainI = new int[train.size()];
    int[] allU = new int[train.size() + numUsers];
    int[] allI = new int[train.size() + numUsers];
    int trainCount = 0;
    int all = 0;
    for (int i = 0; i < train.size(); i++) {
      int u = train.user(i);
      int item = train.item(i);
      allU[all] = u;
      allI[all++] = item;
      if (validationRow != null && validationRow[u] == i) {
        continue;
      }
      trainU[trainCount] = u;
      trainI[trainCount++] = item;
    }
    for (int u = 0; u < numUsers; u++) {
      allU[all] = u;
      allI[all++] = testItem[u];
    }
    UserItems positives = dedupe(UserItems.fromPairs(numUsers, allU, allI, all));
    UserItems trainItems = dedupe(UserItems.fromPairs(numUsers, trainU, trainI, trainCount));
    int[][] testCandidates = new int[numUsers][];
    for (int u = 0; u < numUsers; u++) {
      testCandidates[u] = new int[1 + negatives[u].length];
      testCandidates[u][0] = testItem[u];
      System.arraycopy(negatives[u], 0, testCandidates[u], 1, negatives[u].length);
    }
    int[][] validation = validationItem == null ? null
        : LeaveOneOutSplitter.candidates(train, positives, validationItem, validationLine, numItems, options,
            VALIDATION_STREAM, identity(numUsers));
    return new RecommendationDataset("ncf:" + name, numItems, identity(numUsers), identity(numItems), trainItems,
        positives, testCandidates, validation);
  }

  /** Reads the negatives of each user; {@code lineOf[u]} receives the line of user u's negatives. */
  private static int[][] readNegatives(Path file, int[] testItem, int numUsers, int[] lineOf) {
    int[][] out = new int[numUsers][];
    int expected = -1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split("\t");
        int[] pair = parsePair(file, lineNo, fields[0]);
        int u = pair[0];
        if (u >= numUsers || out[u] != null) {
          throw DataFormatException.atLine(file, lineNo, u >= numUsers
              ? "user " + u + " has no line in the .test.rating file" : "user " + u + " appears twice");
        }
        if (pair[1] != testItem[u]) {
          throw DataFormatException.atLine(file, lineNo,
              "test item of user " + u + " is " + pair[1] + " here but " + testItem[u] + " in the .test.rating file");
        }
        if (expected < 0) {
          expected = fields.length - 1;
        } else if (fields.length - 1 != expected) {
          throw DataFormatException.atLine(file, lineNo,
              "expected " + (expected + 1) + " tab-separated columns like the first line, found " + fields.length);
        }
        int[] negatives = new int[expected];
        for (int k = 0; k < expected; k++) {
          negatives[k] = parseId(file, lineNo, fields[k + 1], "negative item id (column " + (k + 2) + ")");
        }
        out[u] = negatives;
        lineOf[u] = lineNo;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (expected < 0) {
      throw DataFormatException.inFile(file, "file has no lines");
    }
    for (int u = 0; u < numUsers; u++) {
      if (out[u] == null) {
        throw DataFormatException.inFile(file, "user " + u + " has no line of negatives");
      }
    }
    return out;
  }

  /** Parses {@code (user,item)}. */
  private static int[] parsePair(Path file, int lineNo, String field) {
    int comma = field.indexOf(',');
    if (!field.startsWith("(") || !field.endsWith(")") || comma < 0) {
      throw DataFormatException.atLine(file, lineNo,
          "first column is '" + FieldParser.excerpt(field) + "', expected '(user,item)'");
    }
    return new int[] {
      parseId(file, lineNo, field.substring(1, comma), "user id"),
      parseId(file, lineNo, field.substring(comma + 1, field.length() - 1), "item id")
    };
  }

  private static int parseId(Path file, int lineNo, String text, String what) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < 0) {
        throw DataFormatException.atLine(file, lineNo, what + " is " + v + ", expected a 0-based id");
      }
      return v;
    } catch (NumberFormatException e) {
      throw DataFormatException.atLine(file, lineNo,
          what + " is '" + FieldParser.excerpt(text) + "', expected an integer");
    }
  }

  private static void requireUsersBelow(Interactions data, int testLines, Path testFile) {
    String lines = testFile.getFileName() + " has " + testLines + " line(s), one per user (ids 0.."
        + (testLines - 1) + ")";
    for (int i = 0; i < data.size(); i++) {
      int u = data.user(i);
      if (u >= testLines) {
        throw DataFormatException.atLine(data.file(), data.line(i), data.file().equals(testFile)
            ? "user id " + u + ", but " + lines + ": the ids are not dense or a user has no test line"
            : "user " + u + " has no test item: " + lines);
      }
    }
  }

  /**
   * The largest item id plus one. Dense ids mean every id below the largest appears somewhere, so the
   * largest cannot exceed the number of ids the files hold: a larger one is corrupt, and must not size
   * the item arrays (nor overflow the count).
   */
  private static int numItems(Path[] f, Interactions train, Interactions test, int[][] negatives,
      int[] negativesLine) {
    long idsInFiles = (long) train.size() + test.size();
    for (int[] row : negatives) {
      idsInFiles += row.length;
    }
    long bound = Math.min(idsInFiles, Integer.MAX_VALUE);
    for (Interactions data : new Interactions[] {train, test}) {
      for (int i = 0; i < data.size(); i++) {
        if (data.item(i) >= bound) {
          throw itemTooLarge(data.file(), data.line(i), data.item(i), idsInFiles);
        }
      }
    }
    for (int u = 0; u < negatives.length; u++) {
      for (int item : negatives[u]) {
        if (item >= bound) {
          throw itemTooLarge(f[2], negativesLine[u], item, idsInFiles);
        }
      }
    }
    int numItems = Math.max(max(train.itemsArray()), max(test.itemsArray())) + 1;
    for (int[] row : negatives) {
      numItems = Math.max(numItems, max(row) + 1);
    }
    return numItems;
  }

  private static DataFormatException itemTooLarge(Path file, int line, int item, long idsInFiles) {
    return DataFormatException.atLine(file, line, "item id " + item + " is not below " + idsInFiles
        + ", the number of item ids in the three files: the ids are not dense (0-based, no gaps)");
  }

  private static void requireNonNegative(Interactions data) {
    for (int i = 0; i < data.size(); i++) {
      if (data.user(i) < 0 || data.item(i) < 0) {
        throw DataFormatException.atLine(data.file(), data.line(i), "negative id: NCF files use 0-based ids");
      }
    }
  }

  /** Row of each user's latest training interaction (the later line wins a tie in time). */
  private static int[] latestRowPerUser(Interactions train, int numUsers, Path file, Path testFile, int[] testLine) {
    int[] latestRow = new int[numUsers];
    int[] count = new int[numUsers];
    Arrays.fill(latestRow, -1);
    for (int i = 0; i < train.size(); i++) {
      int u = train.user(i);
      count[u]++;
      // ">=": the later line wins a tie in time.
      if (latestRow[u] < 0 || train.timestamp(i) >= train.timestamp(latestRow[u])) {
        latestRow[u] = i;
      }
    }
    for (int u = 0; u < numUsers; u++) {
      if (count[u] < 2) {
        String problem = "user " + u + " has " + count[u] + " training interaction(s)"
            + (count[u] == 0 ? " in " + file.getFileName() : "") + "; holding out a validation item needs at least 2";
        // A user without training lines is named at its test line, the one place the user appears.
        throw count[u] == 0 ? DataFormatException.atLine(testFile, testLine[u], problem)
            : DataFormatException.atLine(file, train.line(latestRow[u]), problem);
      }
    }
    return latestRow;
  }

  private static UserItems dedupe(UserItems in) {
    int[] offsets = new int[in.users() + 1];
    int[] items = new int[in.total()];
    int k = 0;
    for (int u = 0; u < in.users(); u++) {
      int from = in.start(u);
      for (int i = from; i < from + in.count(u); i++) {
        if (i == from || in.itemAt(i) != in.itemAt(i - 1)) {
          items[k++] = in.itemAt(i);
        }
      }
      offsets[u + 1] = k;
    }
    return new UserItems(offsets, Arrays.copyOf(items, k));
  }

  private static int max(int[] a) {
    int m = -1;
    for (int v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
