package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.rec.NcfFilesReader;
import dev.lawn.data.rec.RatingsFormat;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.SplitOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The three NCF files ({@code .train.rating}, {@code .test.rating}, {@code .test.negative}) read by
 * {@link NcfFilesReader} with a validation item. Each case corrupts one of the three. The oracle
 * recomputes the data set from {@link ReferenceRatings} and a plain reading of the negatives.
 */
final class NcfFilesTarget extends SeededTarget {

  static final String NAME = "tiny";
  /**
   * A validation item with 16 negatives: the seed's users have 3-4 positives among 20 items, so most
   * have exactly 16 to draw from and a corruption that adds a positive or lowers the largest id
   * reaches "cannot sample" (and the sampler's scarce-items branch always runs).
   */
  static final SplitOptions OPTIONS = new SplitOptions(7L, 16, true, false);
  private static final int USERS = 5;
  private static final int ITEMS = 20;
  private static final int NEGATIVES = 4;

  NcfFilesTarget(FuzzSettings settings) {
    super("ncf-files", seedFiles(), Corruptor.forText(settings.maxLineBytes()),
        List.of("file has no interactions", "file has no lines", "has no line of negatives"));
  }

  /** Five users' training, test and negative lines over 20 items. */
  private static List<SeedFile> seedFiles() {
    SplittableRandom r = new SplittableRandom(13);
    StringBuilder train = new StringBuilder();
    StringBuilder test = new StringBuilder();
    StringBuilder negative = new StringBuilder();
    for (int u = 0; u < USERS; u++) {
      TreeSet<Integer> positives = new TreeSet<>();
      int n = 3 + r.nextInt(3);
      long ts = 978300000L + r.nextInt(100000);
      for (int k = 0; k < n; k++) {
        int item = r.nextInt(ITEMS);
        positives.add(item);
        ts += r.nextInt(3) == 0 ? 0 : r.nextInt(1000);
        // User 3's lines omit the optional timestamp, as some NCF files do.
        train.append(u).append('\t').append(item).append('\t').append(1 + r.nextInt(5))
            .append(u == 3 ? "" : "\t" + ts).append('\n');
      }
      int testItem;
      do {
        testItem = r.nextInt(ITEMS);
      } while (positives.contains(testItem));
      positives.add(testItem);
      test.append(u).append('\t').append(testItem).append("\t5\t").append(ts + 1).append('\n');
      negative.append('(').append(u).append(',').append(testItem).append(')');
      TreeSet<Integer> negs = new TreeSet<>();
      while (negs.size() < NEGATIVES) {
        int item = r.nextInt(ITEMS);
        if (!positives.contains(item)) {
          negs.add(item);
        }
      }
      for (int item : negs) {
        negative.append('\t').append(item);
      }
      negative.append('\n');
    }
    return List.of(SeedFile.text(NAME + ".train.rating", train.toString(), "\t"),
        SeedFile.text(NAME + ".test.rating", test.toString(), "\t"),
        SeedFile.text(NAME + ".test.negative", negative.toString(), "\t"));
  }

  @Override
  public Object read(Path dir) {
    return NcfFilesReader.read(dir, NAME, OPTIONS);
  }

  /** The data set the files describe, or an AssertionError naming what makes them invalid. */
  private record Expected(int numUsers, int numItems, int[][] testCandidates, int[] validationItem,
      List<int[]> trainItems, List<int[]> positives) {}

  private static Expected expected(Path dir) {
    ReferenceRatings.Parse train = parseValid(dir, ".train.rating");
    ReferenceRatings.Parse test = parseValid(dir, ".test.rating");
    int maxUser = -1;
    int maxItem = -1;
    for (ReferenceRatings.Row row : concat(train, test)) {
      assertTrue(row.user() >= 0 && row.item() >= 0, "negative id at line " + row.line());
      maxUser = Math.max(maxUser, row.user());
      maxItem = Math.max(maxItem, row.item());
    }
    int numUsers = maxUser + 1;
    assertTrue(numUsers <= test.rows().size(), "user ids beyond the test lines");
    int[] testItem = new int[numUsers];
    boolean[] hasTest = new boolean[numUsers];
    for (ReferenceRatings.Row row : test.rows()) {
      assertTrue(!hasTest[row.user()], "two test lines for user " + row.user());
      hasTest[row.user()] = true;
      testItem[row.user()] = row.item();
    }
    int[][] negatives = new int[numUsers][];
    int count = -1;
    List<String> lines = ReferenceRatings.splitLines(
        new String(FuzzFiles.read(dir.resolve(NAME + ".test.negative")), StandardCharsets.ISO_8859_1));
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      assertTrue(f[0].startsWith("(") && f[0].endsWith(")") && f[0].contains(","), "pair");
      int comma = f[0].indexOf(',');
      int u = nonNegative(f[0].substring(1, comma));
      int item = nonNegative(f[0].substring(comma + 1, f[0].length() - 1));
      assertTrue(u < numUsers && negatives[u] == null && item == testItem[u], "negative line of user " + u);
      assertTrue(count < 0 || count == f.length - 1, "negatives per line");
      count = f.length - 1;
      negatives[u] = new int[count];
      for (int k = 0; k < count; k++) {
        negatives[u][k] = nonNegative(f[k + 1]);
        maxItem = Math.max(maxItem, negatives[u][k]);
      }
    }
    // Dense item ids: the largest cannot exceed the number of ids in the files.
    long ids = (long) train.rows().size() + test.rows().size() + (long) Math.max(count, 0) * numUsers;
    assertTrue(maxItem < ids, "item id " + maxItem + " beyond the " + ids + " ids in the files");
    int[][] candidates = new int[numUsers][];
    for (int u = 0; u < numUsers; u++) {
      assertTrue(negatives[u] != null, "user " + u + " without negatives");
      candidates[u] = new int[1 + negatives[u].length];
      candidates[u][0] = testItem[u];
      System.arraycopy(negatives[u], 0, candidates[u], 1, negatives[u].length);
    }
    // Validation item: the latest training row by (time, line).
    int[] latestLine = new int[numUsers];
    long[] latestTime = new long[numUsers];
    int[] validation = new int[numUsers];
    int[] rowsOfUser = new int[numUsers];
    for (ReferenceRatings.Row row : train.rows()) {
      int u = row.user();
      rowsOfUser[u]++;
      if (latestLine[u] == 0 || row.timestamp() >= latestTime[u]) {
        latestLine[u] = row.line();
        latestTime[u] = row.timestamp();
        validation[u] = row.item();
      }
    }
    List<int[]> trainItems = new ArrayList<>();
    List<int[]> positives = new ArrayList<>();
    for (int u = 0; u < numUsers; u++) {
      assertTrue(rowsOfUser[u] >= 2, "user " + u + " has fewer than 2 training rows");
      TreeSet<Integer> t = new TreeSet<>();
      TreeSet<Integer> p = new TreeSet<>();
      for (ReferenceRatings.Row row : train.rows()) {
        if (row.user() == u) {
          p.add(row.item());
          if (row.line() != latestLine[u]) {
            t.add(row.item());
          }
        }
      }
      p.add(testItem[u]);
      trainItems.add(t.stream().mapToInt(Integer::intValue).toArray());
      positives.add(p.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Expected(numUsers, maxItem + 1, candidates, validation, trainItems, positives);
  }

  private static ReferenceRatings.Parse parseValid(Path dir, String suffix) {
    ReferenceRatings.Parse p =
        ReferenceRatings.parse(FuzzFiles.read(dir.resolve(NAME + suffix)), RatingsFormat.NCF_RATING);
    assertTrue(p.valid(), () -> suffix + " is invalid: " + p);
    return p;
  }

  private static List<ReferenceRatings.Row> concat(ReferenceRatings.Parse a, ReferenceRatings.Parse b) {
    List<ReferenceRatings.Row> all = new ArrayList<>(a.rows());
    all.addAll(b.rows());
    return all;
  }

  private static int nonNegative(String s) {
    int v = Integer.parseInt(s.trim());
    assertTrue(v >= 0, "negative id " + v);
    return v;
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    RecommendationDataset d = (RecommendationDataset) parsed;
    Expected e;
    try {
      e = expected(dir);
    } catch (NumberFormatException | AssertionError invalid) {
      throw new AssertionError("reader accepted files the reference rejects: " + invalid.getMessage(), invalid);
    }
    assertEquals(e.numUsers(), d.numUsers(), "users");
    assertEquals(e.numItems(), d.numItems(), "items");
    for (int u = 0; u < e.numUsers(); u++) {
      assertArrayEquals(e.testCandidates()[u], d.testCandidates()[u], "test candidates of user " + u);
      assertEquals(e.validationItem()[u], d.validationItem(u), "validation item of user " + u);
      assertArrayEquals(e.trainItems().get(u), d.trainItemsOf(u), "training items of user " + u);
      assertArrayEquals(e.positives().get(u), d.positivesOf(u), "positives of user " + u);
      MovieLensTarget.checkCandidates(d, u, d.validationCandidates()[u], d.validationItem(u), OPTIONS.evalNegatives());
    }
  }

  @Override
  public void verifyError(Path dir, DataFormatException e) {
    // The reader reads the training file, then the test file, before any cross-file check.
    for (String suffix : new String[] {".train.rating", ".test.rating"}) {
      Path file = dir.resolve(NAME + suffix);
      ReferenceRatings.Parse p = ReferenceRatings.parse(FuzzFiles.read(file), RatingsFormat.NCF_RATING);
      if (!p.valid()) {
        assertEquals(file, e.file(), "the first invalid file");
        if (p.badLine() > 0) {
          assertEquals(p.badLine(), e.line().orElse(-1), "first bad line of " + suffix);
        }
        return;
      }
    }
  }
}
