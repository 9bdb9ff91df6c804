package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaveOneOutSplitterTest {

  @TempDir Path dir;

  /** Users 10, 20, 30 (raw) over items 100..139 (raw); 40 items so that 5 negatives fit. */
  private Interactions small() throws IOException {
    StringBuilder s = new StringBuilder();
    // user 20: item 105 at t=5, 101 at t=9 and 102 at t=9 (tie: 102 comes later in the file -> test).
    s.append("20\t105\t3\t5\n20\t101\t4\t9\n20\t102\t4\t9\n");
    // user 10: chronological 103 (t=1), 104 (t=2), 103 again (t=3, a duplicate), 106 (t=4).
    s.append("10\t103\t4\t1\n10\t106\t4\t4\n10\t104\t4\t2\n10\t103\t5\t3\n");
    // user 30: two interactions.
    s.append("30\t139\t1\t7\n30\t100\t1\t8\n");
    for (int i = 107; i < 139; i++) {
      s.append("20\t").append(i).append("\t1\t0\n");
    }
    Path p = dir.resolve("u.data");
    Files.writeString(p, s.toString());
    return RatingsReader.read(p, RatingsFormat.MOVIELENS_100K);
  }

  @Test
  void latestInteractionIsTestItemWithTiesBrokenByFileOrder() throws IOException {
    RecommendationDataset d = LeaveOneOutSplitter.split(small(), SplitOptions.ncf().withEvalNegatives(5), "small");
    assertEquals(3, d.numUsers());
    assertEquals(40, d.numItems());
    // Dense ids follow ascending raw ids.
    assertEquals(10, d.rawUserId(0));
    assertEquals(30, d.rawUserId(2));
    assertEquals(100, d.rawItemId(0));
    assertEquals(106, d.rawItemId(d.testItem(0)));
    assertEquals(102, d.rawItemId(d.testItem(1)), "tie at t=9: the later line wins");
    assertEquals(100, d.rawItemId(d.testItem(2)));
    // User 10's duplicate of 103 counts once; 106 is held out.
    assertArrayEquals(new int[] {3, 4}, d.trainItemsOf(0));
    assertArrayEquals(new int[] {39}, d.trainItemsOf(2));
    assertEquals(3 + 35 + 2, d.numInteractions());
    assertEquals(d.numInteractions() - 3, d.numTrainPositives());
  }

  @Test
  void negativesAreDistinctNonPositivesAndFixedBySeed() throws IOException {
    Interactions data = small();
    RecommendationDataset a = LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(5), "a");
    RecommendationDataset b = LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(5), "b");
    RecommendationDataset c = LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(5).withSeed(7), "c");
    int[][] ca = a.testCandidates();
    assertTrue(Arrays.deepEquals(ca, b.testCandidates()));
    assertFalse(Arrays.deepEquals(ca, c.testCandidates()));
    for (int u = 0; u < a.numUsers(); u++) {
      assertEquals(6, ca[u].length);
      assertEquals(a.testItem(u), ca[u][0]);
      Set<Integer> seen = new HashSet<>();
      for (int k = 1; k < ca[u].length; k++) {
        assertFalse(a.isPositive(u, ca[u][k]), "negative is a positive");
        assertTrue(seen.add(ca[u][k]), "negatives repeat");
      }
    }
    // User 20 interacted with 35 of 40 items: only 5 candidates exist for 6 negatives.
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(6), "x"));
    assertTrue(e.getMessage().contains("user 20") && e.getMessage().contains("only 5"), e.getMessage());
  }

  @Test
  void validationIsTheNextLatestInteraction() throws IOException {
    Interactions data = small();
    SplitOptions options = SplitOptions.ncf().withEvalNegatives(2).withValidation(true);
    DataFormatException e = assertThrows(DataFormatException.class, () -> LeaveOneOutSplitter.split(data, options, "v"));
    assertTrue(e.getMessage().contains("user 30 has 2 distinct interaction(s)"), e.getMessage());
    assertEquals(9, e.line().getAsLong(), "names the user's last line");

    RecommendationDataset d = LeaveOneOutSplitter.split(data, options.withDropSparseUsers(true), "v");
    assertEquals(2, d.numUsers(), "user 30 dropped");
    assertTrue(d.hasValidation());
    // User 10 chronologically: 104 (t=2), 103 (its latest occurrence, t=3), 106 (t=4).
    assertEquals(103, d.rawItemId(d.validationItem(0)));
    assertEquals(101, d.rawItemId(d.validationItem(1)));
    assertArrayEquals(new int[] {4}, d.trainItemsOf(0));
    for (int u = 0; u < d.numUsers(); u++) {
      int[] v = d.validationCandidates()[u];
      for (int k = 1; k < v.length; k++) {
        assertFalse(d.isPositive(u, v[k]));
      }
      assertNotEquals(d.testItem(u), d.validationItem(u));
    }
    assertThrows(IllegalStateException.class,
        () -> LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(2), "n").validationCandidates());
  }

  @Test
  void userWithASingleInteractionCannotBeSplit() throws IOException {
    Path p = dir.resolve("ratings.dat");
    Files.writeString(p, "1::5::3::10\n1::6::3::11\n2::5::3::12\n1::7::3::13\n");
    Interactions data = RatingsReader.read(p, RatingsFormat.MOVIELENS_1M);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(0), "one"));
    assertEquals(p, e.file());
    assertEquals(3, e.line().getAsLong());
    assertTrue(e.getMessage().contains("user 2 has 1 distinct interaction(s)"), e.getMessage());
  }

  @Test
  void trainingSamplerDrawsOnlyNonPositivesAndDependsOnSeedAndEpoch() throws IOException {
    RecommendationDataset d = LeaveOneOutSplitter.split(small(), SplitOptions.ncf().withEvalNegatives(3), "s");
    TrainingNegativeSampler sampler = d.trainingSampler(4);
    RecommendationEpoch e0 = sampler.sample(1, 0);
    assertEquals(d.numTrainPositives() * 5, e0.size());
    assertEquals(sampler.rowsPerEpoch(), e0.size());
    int[] users = d.trainUsers();
    int[] items = d.trainItems();
    for (int p = 0; p < users.length; p++) {
      assertEquals(1f, e0.labels()[5 * p]);
      assertEquals(users[p], e0.users()[5 * p]);
      assertEquals(items[p], e0.items()[5 * p]);
      for (int k = 1; k < 5; k++) {
        int row = 5 * p + k;
        assertEquals(0f, e0.labels()[row]);
        assertEquals(users[p], e0.users()[row]);
        assertFalse(d.isPositive(users[p], e0.items()[row]), "sampled a positive");
      }
    }
    assertArrayEquals(e0.items(), sampler.sample(1, 0).items());
    assertFalse(Arrays.equals(e0.items(), sampler.sample(1, 1).items()));
    assertFalse(Arrays.equals(e0.items(), sampler.sample(2, 0).items()));
    assertThrows(IllegalArgumentException.class, () -> d.trainingSampler(-1));
  }
}
