package dev.lawn.models;

import dev.lawn.models.zoo.Mlp;
import dev.lawn.models.zoo.Ncf;
import dev.lawn.models.zoo.ResNet;
import dev.lawn.models.zoo.SmallCnn;
import dev.lawn.models.zoo.Vgg19;
import java.util.List;
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

  /** Recommenders: NCF-MLP (the paper's), GMF, NeuMF. */
  public static final List<String> RECOMMENDERS = List.of("ncf-mlp", "ncf-gmf", "ncf-neumf");

  /** Image classifiers. */
  public static final List<String> CLASSIFIERS = List.of(
      "mlp", "small-cnn", "small-cnn-bn", "vgg11", "vgg19", "resnet18", "resnet50");

  private ModelZoo() {}

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
    return switch (String.valueOf(name)) {
      case "ncf-mlp" -> Ncf.mlp(tf, name, numUsers, numItems, opts);
      case "ncf-gmf" -> Ncf.gmf(tf, name, numUsers, numItems, opts);
      case "ncf-neumf" -> Ncf.neuMf(tf, name, numUsers, numItems, opts);
      default -> throw new IllegalArgumentException(
          "unknown recommender '" + name + "'; known: " + String.join(", ", RECOMMENDERS));
    };
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
    return switch (String.valueOf(name)) {
      case "mlp" -> Mlp.build(tf, name, height, width, channels, numClasses, opts);
      case "small-cnn" -> SmallCnn.build(tf, name, height, width, channels, numClasses, opts);
      case "small-cnn-bn" -> SmallCnn.buildWithBatchNorm(tf, name, height, width, channels, numClasses, opts);
      case "vgg11" -> Vgg19.buildVgg11(tf, name, height, width, channels, numClasses, opts);
      case "vgg19" -> Vgg19.build(tf, name, height, width, channels, numClasses, opts);
      case "resnet18" -> ResNet.build(tf, name, ResNet.Depth.RESNET18, height, width, channels, numClasses, opts);
      case "resnet50" -> ResNet.build(tf, name, ResNet.Depth.RESNET50, height, width, channels, numClasses, opts);
      default -> throw new IllegalArgumentException(
          "unknown classifier '" + name + "'; known: " + String.join(", ", CLASSIFIERS));
    };
  }
}
