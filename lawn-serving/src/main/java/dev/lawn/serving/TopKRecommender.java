package dev.lawn.serving;

import dev.lawn.data.rec.IdVocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Top-k items for a user from an exported recommender: every item is scored for the user through
 * the serving signature ({@value SavedModelLayout#USER}, {@value SavedModelLayout#ITEM} to
 * {@value SavedModelLayout#SCORE}) and the k best are returned, ties broken by the lower dense
 * index. Users and items are the data set's own ids, mapped by the model's {@link IdVocabulary} (or
 * dense ids when the export has none).
 *
 * <p>The model knows nothing of a user's history: a caller who wants to leave out the items a user
 * already has passes them to {@link #topK} (lawn-train's {@code SeenItems} reads them from a run's
 * data set).
 */
public final class TopKRecommender {

  private final ServingModel model;
  private final IdVocabulary vocabulary;

  /**
   * A recommender over {@code model}, which the caller keeps open (and closes) while this is used.
   *
   * @throws IllegalArgumentException when the model is not a recommender, or has no {@code model.json}
   */
  public TopKRecommender(ServingModel model) {
    if (!model.kind().equals(SavedModelLayout.RECOMMENDER)) {
      throw new IllegalArgumentException("the model is a " + model.kind() + ", not a recommender: "
          + "classify images with an ImageClassifier instead");
    }
    this.model = model;
    this.vocabulary = model.vocabulary() != null ? model.vocabulary()
        : identity(model.modelJson().get("num_users").asInt(), model.modelJson().get("num_items").asInt());
  }

  private static IdVocabulary identity(int users, int items) {
    int[] u = new int[users];
    int[] i = new int[items];
    Arrays.setAll(u, x -> x);
    Arrays.setAll(i, x -> x);
    return new IdVocabulary(u, i, null);
  }

  /** The vocabulary ids are mapped with: the export's, or the identity on dense ids. */
  public IdVocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * The {@code k} best items for the data set's user {@code userId}, best first, leaving out the
   * data set's items {@code excludedItemIds} (e.g. those the user already has; ids the model does
   * not know are ignored). Fewer than {@code k} when fewer items are left.
   *
   * @throws IllegalArgumentException for a user the model does not know
   */
  public List<Recommendation> topK(int userId, int k, Collection<Integer> excludedItemIds) {
    OptionalInt user = vocabulary.userIndex(userId);
    if (user.isEmpty()) {
      throw new IllegalArgumentException("user " + userId + " is not in the model's vocabulary ("
          + vocabulary.numUsers() + " users, ids " + vocabulary.userId(0) + " .. "
          + vocabulary.userId(vocabulary.numUsers() - 1) + ")");
    }
    float[] scores = scores(user.getAsInt());
    for (int itemId : excludedItemIds) {
      vocabulary.itemIndex(itemId).ifPresent(i -> scores[i] = Float.NEGATIVE_INFINITY);
    }
    List<Recommendation> out = new ArrayList<>();
    int rank = 1;
    for (int i : topIndices(scores, k)) {
      if (scores[i] == Float.NEGATIVE_INFINITY) {
        break;
      }
      out.add(new Recommendation(userId, rank++, vocabulary.itemId(i), vocabulary.itemTitle(i), scores[i]));
    }
    return out;
  }

  /**
   * The score of every dense item (index = dense item id) for dense user {@code user}, through the
   * serving signature.
   */
  public float[] scores(int user) {
    int n = vocabulary.numItems();
    int[] users = new int[n];
    Arrays.fill(users, user);
    int[] items = new int[n];
    Arrays.setAll(items, i -> i);
    try (TInt32 u = TInt32.tensorOf(Shape.of(n), DataBuffers.of(users, true, false));
        TInt32 i = TInt32.tensorOf(Shape.of(n), DataBuffers.of(items, true, false));
        Result r = model.call(Map.<String, Tensor>of(SavedModelLayout.USER, u, SavedModelLayout.ITEM, i))) {
      TFloat32 score = (TFloat32) r.get(SavedModelLayout.SCORE)
          .orElseThrow(() -> new IllegalStateException("the signature has no '" + SavedModelLayout.SCORE + "' output"));
      float[] out = new float[n];
      score.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /** Indices of the {@code k} largest values, largest first, ties by lower index. */
  static int[] topIndices(float[] scores, int k) {
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> {
      int c = Float.compare(scores[b], scores[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    return Arrays.stream(order).limit(Math.max(0, k)).mapToInt(Integer::intValue).toArray();
  }
}
