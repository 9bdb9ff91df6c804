package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.rec.Interactions;
import dev.lawn.data.rec.LeaveOneOutSplitter;
import dev.lawn.data.rec.RatingsFormat;
import dev.lawn.data.rec.RatingsReader;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.SplitOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A MovieLens ratings file (100k, 1M or latest layout) read by {@link RatingsReader} and split by
 * {@link LeaveOneOutSplitter}, as {@code DataSets} does. The oracle is {@link ReferenceRatings} plus
 * the NCF protocol recomputed from its rows.
 */
final class MovieLensTarget extends SeededTarget {

  /**
   * A validation item and six negatives: the seed's 12 items leave its largest user exactly six to
   * draw from, so corruptions reach every branch of the splitter, "cannot sample" included.
   */
  static final SplitOptions OPTIONS = new SplitOptions(7L, 6, true, false);

  private final RatingsFormat format;
  private final SeedFile seed;

  MovieLensTarget(String name, String fileName, RatingsFormat format, FuzzSettings settings) {
    super(name, List.of(SeedFile.text(fileName, seedContent(format), format.separator())),
        Corruptor.forText(settings.maxLineBytes()), List.of("file is empty", "file has no interactions"));
    this.format = format;
    this.seed = seeds().get(0);
  }

  /** Six users with 4-6 ratings each over a pool of 12 items, repeats and equal timestamps included. */
  static String seedContent(RatingsFormat format) {
    SplittableRandom r = new SplittableRandom(11);
    int[] users = {1, 2, 5, 17, 300, 943};
    int[] pool = new int[12];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = 1 + r.nextInt(1682);
    }
    List<String> lines = new ArrayList<>();
    String s = format.separator();
    for (int u : users) {
      int n = 4 + r.nextInt(3);
      long ts = 874965758L + r.nextInt(1_000_000);
      for (int k = 0; k < n; k++) {
        int item = pool[r.nextInt(pool.length)];
        String rating =
            format == RatingsFormat.MOVIELENS_LATEST ? (1 + r.nextInt(9)) / 2.0 + "" : "" + (1 + r.nextInt(5));
        ts += r.nextInt(3) == 0 ? 0 : r.nextInt(5000); // equal timestamps: ties go to the later line
        lines.add(u + s + item + s + rating + s + ts);
      }
    }
    // MovieLens files are not grouped by user.
    for (int i = lines.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = lines.get(i);
      lines.set(i, lines.get(j));
      lines.set(j, t);
    }
    return (format.header() == null ? "" : format.header() + "\n") + String.join("\n", lines) + "\n";
  }

  private record Parsed(Interactions raw, RecommendationDataset split) {}

  @Override
  public Object read(Path dir) {
    Interactions raw = RatingsReader.read(dir.resolve(seed.name()), format);
    return new Parsed(raw, LeaveOneOutSplitter.split(raw, OPTIONS, name()));
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    Parsed p = (Parsed) parsed;
    ReferenceRatings.Parse ref = ReferenceRatings.parse(FuzzFiles.read(dir.resolve(seed.name())), format);
    assertTrue(ref.valid(), () -> "reader accepted a file the reference rejects: " + ref);
    assertEquals(ref.rows().size(), p.raw().size(), "interactions");
    for (int i = 0; i < ref.rows().size(); i++) {
      ReferenceRatings.Row row = ref.rows().get(i);
      assertEquals(row.user(), p.raw().user(i));
      assertEquals(row.item(), p.raw().item(i));
      assertEquals(row.timestamp(), p.raw().timestamp(i));
      assertEquals(row.line(), p.raw().line(i));
    }
    verifySplit(ref.rows(), p.split());
  }

  /** The NCF protocol recomputed from the reference rows. */
  static void verifySplit(List<ReferenceRatings.Row> rows, RecommendationDataset d) {
    Map<Integer, List<Integer>> byUser = heldOutOrder(rows);
    List<Integer> rawItems = new ArrayList<>(new TreeSet<>(rows.stream().map(ReferenceRatings.Row::item).toList()));
    assertEquals(rawItems.size(), d.numItems(), "items");
    for (int i = 0; i < rawItems.size(); i++) {
      assertEquals(rawItems.get(i), d.rawItemId(i));
    }
    assertEquals(byUser.size(), d.numUsers(), "users");
    int u = 0;
    for (Map.Entry<Integer, List<Integer>> e : byUser.entrySet()) {
      List<Integer> items = e.getValue();
      int user = u;
      assertEquals((int) e.getKey(), d.rawUserId(user));
      assertEquals((int) items.get(items.size() - 1), d.rawItemId(d.testItem(user)), "test item of user " + e.getKey());
      assertEquals((int) items.get(items.size() - 2), d.rawItemId(d.validationItem(user)), "validation item");
      assertArrayEquals(rawSorted(items.subList(0, items.size() - 2)), raw(d, d.trainItemsOf(user)), "training items");
      assertArrayEquals(rawSorted(items), raw(d, d.positivesOf(user)), "positives");
      checkCandidates(d, user, d.testCandidates()[user], d.testItem(user), OPTIONS.evalNegatives());
      checkCandidates(d, user, d.validationCandidates()[user], d.validationItem(user), OPTIONS.evalNegatives());
      u++;
    }
  }

  /**
   * Each user's distinct items ordered by time, ties by line, where a repeated item counts at its
   * latest occurrence: the last is the test item, the one before the validation item.
   */
  static Map<Integer, List<Integer>> heldOutOrder(List<ReferenceRatings.Row> rows) {
    Map<Integer, List<ReferenceRatings.Row>> byUser = new TreeMap<>();
    for (ReferenceRatings.Row row : rows) {
      byUser.computeIfAbsent(row.user(), k -> new ArrayList<>()).add(row);
    }
    Map<Integer, List<Integer>> out = new LinkedHashMap<>();
    byUser.forEach((user, list) -> {
      list.sort(Comparator.comparingLong(ReferenceRatings.Row::timestamp).thenComparingInt(ReferenceRatings.Row::line));
      LinkedHashMap<Integer, Boolean> latest = new LinkedHashMap<>();
      for (ReferenceRatings.Row row : list) {
        latest.remove(row.item());
        latest.put(row.item(), true);
      }
      out.put(user, new ArrayList<>(latest.keySet()));
    });
    return out;
  }

  static void checkCandidates(RecommendationDataset d, int user, int[] c, int heldOut, int negatives) {
    assertEquals(1 + negatives, c.length, "candidates");
    assertEquals(heldOut, c[0]);
    assertTrue(d.isPositive(user, heldOut));
    TreeSet<Integer> seen = new TreeSet<>();
    for (int k = 1; k < c.length; k++) {
      assertTrue(c[k] >= 0 && c[k] < d.numItems(), "candidate in range");
      assertFalse(d.isPositive(user, c[k]), "a negative is a positive");
      assertTrue(seen.add(c[k]), "negatives are distinct");
    }
  }

  private static int[] raw(RecommendationDataset d, int[] dense) {
    int[] out = new int[dense.length];
    for (int i = 0; i < dense.length; i++) {
      out[i] = d.rawItemId(dense[i]);
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static int[] rawSorted(List<Integer> items) {
    return items.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  @Override
  public void verifyError(Path dir, DataFormatException e) {
    ReferenceRatings.Parse ref = ReferenceRatings.parse(FuzzFiles.read(dir.resolve(seed.name())), format);
    assertEquals(dir.resolve(seed.name()), e.file());
    if (ref.badLine() > 0) {
      assertEquals(ref.badLine(), e.line().orElse(-1), "the reference finds line " + ref.badLine() + " bad first");
    } else if (ref.wholeFileProblem() != null) {
      assertTrue(e.getMessage().contains(ref.wholeFileProblem()), "expected '" + ref.wholeFileProblem() + "'");
    } else {
      // A readable file: only the split may fail, for a user with too few distinct items or too few
      // items to draw negatives from.
      Map<Integer, List<Integer>> byUser = heldOutOrder(ref.rows());
      boolean sparse = byUser.values().stream().anyMatch(items -> items.size() < OPTIONS.minInteractionsPerUser());
      int catalogue = new TreeSet<>(ref.rows().stream().map(ReferenceRatings.Row::item).toList()).size();
      boolean scarce = byUser.values().stream().anyMatch(items -> catalogue - items.size() < OPTIONS.evalNegatives());
      assertTrue((sparse && e.getMessage().contains("leave-one-out needs"))
          || (!sparse && scarce && e.getMessage().contains("cannot sample")), "the split rejected a valid file");
    }
  }
}
