package dev.lawn.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.rec.IdVocabulary;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-k through the serving signature of a SavedModel whose scores are known. */
class TopKRecommenderTest {

  /** Dense user u, dense item i: logit LOGITS[u][i]. Item 3 ties item 1 for user 0. */
  static final float[][] LOGITS = {
      {0.5f, 2f, -1f, 2f, 0f},
      {-3f, -2f, -1f, 0f, 1f},
      {1f, 1f, 1f, 1f, 1f}};
  /** The data set's ids of the dense users and items, and the items' titles. */
  static final IdVocabulary VOCABULARY = new IdVocabulary(new int[] {10, 20, 30}, new int[] {101, 102, 103, 104, 105},
      new String[] {"A", "B, the", "", "D", "E"});

  static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  @Test
  void topKRanksTheSignaturesScoresInTheDataSetsIds(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.recommender(dir.resolve("m"), LOGITS, VOCABULARY))) {
      assertEquals(SavedModelLayout.RECOMMENDER, model.kind());
      TopKRecommender recommender = new TopKRecommender(model);
      for (int u = 0; u < LOGITS.length; u++) {
        float[] scores = recommender.scores(u);
        for (int i = 0; i < LOGITS[u].length; i++) {
          assertEquals(sigmoid(LOGITS[u][i]), scores[i], 1e-6f, "user " + u + " item " + i);
        }
      }
      List<Recommendation> top = recommender.topK(10, 3, Set.of());
      // Ties go to the lower dense index: item 102 (dense 1) before 104 (dense 3).
      assertEquals(List.of(102, 104, 101), top.stream().map(Recommendation::itemId).toList());
      assertEquals(List.of(1, 2, 3), top.stream().map(Recommendation::rank).toList());
      assertEquals("B, the", top.get(0).title());
      assertEquals(10, top.get(0).userId());
      assertEquals(sigmoid(2f), top.get(0).score(), 1e-6f);
      assertEquals(List.of(105, 104, 103), recommender.topK(20, 3, Set.of()).stream().map(Recommendation::itemId).toList());
    }
  }

  @Test
  void excludedItemsMoveTheOthersUpAndUnknownIdsAreIgnored(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.recommender(dir.resolve("m"), LOGITS, VOCABULARY))) {
      TopKRecommender recommender = new TopKRecommender(model);
      List<Recommendation> left = recommender.topK(10, 10, Set.of(102, 999));
      assertEquals(List.of(104, 101, 105, 103), left.stream().map(Recommendation::itemId).toList(),
          "fewer than k when fewer items are left");
      assertEquals(List.of(), recommender.topK(30, 5, Set.of(101, 102, 103, 104, 105)));
    }
  }

  @Test
  void anUnknownUserIsRefusedNamingTheVocabulary(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.recommender(dir.resolve("m"), LOGITS, VOCABULARY))) {
      TopKRecommender recommender = new TopKRecommender(model);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recommender.topK(11, 3, Set.of()));
      assertEquals("user 11 is not in the model's vocabulary (3 users, ids 10 .. 30)", e.getMessage());
      IllegalArgumentException notImages = assertThrows(IllegalArgumentException.class, () -> new ImageClassifier(model));
      assertTrue(notImages.getMessage().startsWith("the model is a recommender, not a classifier"), notImages.getMessage());
    }
  }

  @Test
  void withoutAVocabularyIdsAreDense(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.recommender(dir.resolve("m"), LOGITS, null))) {
      TopKRecommender recommender = new TopKRecommender(model);
      assertEquals(3, recommender.vocabulary().numUsers());
      assertArrayEquals(new int[] {4, 3, 2}, recommender.topK(1, 3, Set.of()).stream()
          .mapToInt(Recommendation::itemId).toArray());
      assertEquals("", recommender.topK(1, 1, Set.of()).get(0).title());
    }
  }
}
