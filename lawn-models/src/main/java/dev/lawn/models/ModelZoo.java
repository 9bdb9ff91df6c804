package dev.lawn.models;

import dev.lawn.models.zoo.Mlp;
import dev.lawn.models.zoo.Ncf;
import dev.lawn.models.zoo.ResNet;
import dev.lawn.models.zoo.SmallCnn;
import dev.lawn.models.zoo.Vgg19;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.op.Ops;

/**
 * The paper's models by name. Each builder puts the model into the graph of {@code tf}, in its
 * scope (a sub-scope or device on {@code tf} applies to every op). Variable names are
 * {@code <scope>/<layer path>/<variable>} (checkpoint keys); building a second model in the same
 * scope gets TensorFlow's de-duplicated names ({@code dense_1}, ...), so give each model its own
 * sub-scope instead. Initial values depend only on the options' seed and the layer paths.
 */
public final class ModelZoo {

  /** Builds a recommender of the registry. */
  @FunctionalInterface
  private interface RecommenderBuilder {
    Model build(Ops tf, String name, int numUsers, int numItems, RecommenderOptions opts);
  }

  /** Builds an image classifier of the registry. */
  @FunctionalInterface
  private interface ClassifierBuilder {
    Model build(Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions opts);
  }

  // The registry: a model is added here, once; every name list (the command line's help and
  // messages included) is derived from these maps, in this order.
  private static final Map<String, RecommenderBuilder> RECOMMENDER_BUILDERS = new LinkedHashMap<>();
  private static final Map<String, ClassifierBuilder> CLASSIFIER_BUILDERS = new LinkedHashMap<>();

  static {
    RECOMMENDER_BUILDERS.put("ncf-mlp", Ncf::mlp);
    RECOMMENDER_BUILDERS.put("ncf-gmf", Ncf::gmf);
    RECOMMENDER_BUILDERS.put("ncf-neumf", Ncf::neuMf);
    CLASSIFIER_BUILDERS.put("mlp", Mlp::build);
    CLASSIFIER_BUILDERS.put("small-cnn", SmallCnn::build);
    CLASSIFIER_BUILDERS.put("small-cnn-bn", SmallCnn::buildWithBatchNorm);
    CLASSIFIER_BUILDERS.put("vgg11", Vgg19::buildVgg11);
    CLASSIFIER_BUILDERS.put("vgg19", Vgg19::build);
    CLASSIFIER_BUILDERS.put("resnet18", (tf, n, h, w, c, k, o) -> ResNet.build(tf, n, ResNet.Depth.RESNET18, h, w, c, k, o));
    CLASSIFIER_BUILDERS.put("resnet50", (tf, n, h, w, c, k, o) -> ResNet.build(tf, n, ResNet.Depth.RESNET50, h, w, c, k, o));
  }

  /** Recommenders: NCF-MLP (the paper's), GMF, NeuMF. */
  public static final List<String> RECOMMENDERS = List.copyOf(RECOMMENDER_BUILDERS.keySet());

  /** Image classifiers. */
  public static final List<String> CLASSIFIERS = List.copyOf(CLASSIFIER_BUILDERS.keySet());

  private ModelZoo() {}

  /** Every model's name: {@link #RECOMMENDERS}, then {@link #CLASSIFIERS}. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(RECOMMENDERS);
    all.addAll(CLASSIFIERS);
    return List.copyOf(all);
  }

  /**
   * Builds a recommender: inputs {@code user}, {@code item} (TInt32 [B]), logits [B].
   *
   * @param name one of {@link #RECOMMENDERS}
   * @param numUsers number of user ids (ids lie in [0, numUsers))
   * @param numItems number of item ids
   * @throws IllegalArgumentException for an unknown name or non-positive sizes
   */
  public static Model recommender(Ops tf, String name, int numUsers, int numItems, RecommenderOptions opts) {
    Objects.requireNonNull(tf, "tf");
    Objects.requireNonNull(opts, "opts");
    if (numUsers <= 0 || numItems <= 0) {
      throw new IllegalArgumentException(
          "recommender '" + name + "': numUsers and numItems must be > 0, got " + numUsers + ", " + numItems);
    }
    RecommenderBuilder builder = RECOMMENDER_BUILDERS.get(String.valueOf(name));
    if (builder == null) {
      throw new IllegalArgumentException(
          "unknown recommender '" + name + "'; known: " + String.join(", ", RECOMMENDERS));
    }
    return builder.build(tf, name, numUsers, numItems, opts);
  }

  /**
   * Builds an image classifier: input {@code image} (TFloat32 [B, height, width, channels], already
   * scaled/normalized by the data pipeline), logits [B, numClasses].
   *
   * @param name one of {@link #CLASSIFIERS}
   * @throws IllegalArgumentException for an unknown name, non-positive sizes, fewer than 2 classes
   *     or an input too small for the architecture
   */
  public static Model classifier(
      Ops tf, String name, int height, int width, int channels, int numClasses, ClassifierOptions opts) {
    Objects.requireNonNull(tf, "tf");
    Objects.requireNonNull(opts, "opts");
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "classifier '" + name + "': height, width, channels must be > 0, got "
              + height + "x" + width + "x" + channels);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("classifier '" + name + "': numClasses must be >= 2, got " + numClasses);
    }
    ClassifierBuilder builder = CLASSIFIER_BUILDERS.get(String.valueOf(name));
    if (builder == null) {
      throw new IllegalArgumentException(
          "unknown classifier '" + name + "'; known: " + String.join(", ", CLASSIFIERS));
    }
    return builder.build(tf, name, height, width, channels, numClasses, opts);
  }
}
