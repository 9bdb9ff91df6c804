package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.DataSetLoader;
import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.ImageLoader;
import dev.lawn.data.image.CenterCrop;
import dev.lawn.data.image.ChannelNormalization;
import dev.lawn.data.image.ImageAugmentation;
import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImagePipelines;
import dev.lawn.data.image.ImageStore;
import dev.lawn.data.image.RandomResizedCrop;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.models.ClassifierOptions;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.DataSettings;
import dev.lawn.train.metrics.Calibration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Image classification: training with random crops (zero padding {@link #padding}) and horizontal
 * flips (or less, as {@link Augmentation} says), evaluation on the untouched test images for accuracy and expected calibration error
 * ({@link Calibration}, {@value #ECE_BINS} equal-width confidence bins).
 */
public final class ClassificationTask implements Task {

  /** ECE bins, as in the paper's calibration table's usual setting. */
  public static final int ECE_BINS = 15;
  static final int EVAL_BATCH = 1000;

  private final TrainConfig config;
  /** The data set as loaded: training and real test split. */
  private final ImageDataset full;
  /** What is trained on: {@link #full}, or with a validation split carved off as its "test" split. */
  private final ImageDataset tuning;
  private final ChannelNormalization normalization;
  /** {@code --threads} for the decoding and transforming of images too (0: every core). */
  private final HostThreads hostThreads;
  /** The view evaluation (and serving) takes of a model trained on random resized crops, or null. */
  private final CenterCrop evaluationCrop;
  private Operand<TFloat32> probabilities;

  ClassificationTask(TrainConfig config, ImageLoader loader) {
    this.config = config;
    this.hostThreads = HostThreads.of(config.placement().threads());
    this.evaluationCrop = config.data().augmentation() == Augmentation.RESIZED_CROP
        ? new CenterCrop(CenterCrop.STANDARD, hostThreads) : null;
    this.full = loader.load(config.model().imageSize(), config.data().imageStore(), hostThreads);
    try {
      this.tuning = tuning(config, loader, full);
      this.normalization = ChannelNormalization.fitTo(tuning);
    } catch (RuntimeException e) {
      full.close(); // the decoders of a folder read from its files
      throw e;
    }
  }

  /** What is trained on: {@code full}, or with a validation split carved off, or a subset of the training images. */
  private static ImageDataset tuning(TrainConfig config, ImageLoader loader, ImageDataset full) {
    if (full.testSize() == 0 && !config.data().validation()) {
      throw new IllegalArgumentException("--data " + config.data().name() + ": " + loader.location() + " has no test split "
          + "(val/<class>/ or test/<class>/ next to train/<class>/): add one, or pass --validation --validation-size N "
          + "to evaluate on N training images held out");
    }
    DataSettings d = config.data();
    ImageDataset split = d.validation() ? full.withValidationSplit(d.validationSize(), d.splitSeed()) : full;
    if (d.trainSize() > split.trainSize()) {
      throw new IllegalArgumentException("--train-size " + d.trainSize() + ": " + split.name() + " has only "
          + split.trainSize() + " training images");
    }
    return d.trainSize() > 0 ? split.withTrainingSubset(d.trainSize(), d.splitSeed()) : split;
  }

  /** Closes the decoders of a folder read from its files (the data sets derived from it share them). */
  @Override
  public void close() {
    full.close();
  }

  @Override
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (config.model().imageSize() == null && config.data().name().startsWith("image-folder")) {
      // Otherwise the user chose the size, or the data set's files fix it.
      notes.add(config.data().name() + ": images at their own size " + full.size() + " (--image-size H[xW] resizes them)");
    }
    if (full.streamed() && config.data().imageStore() == ImageStore.AUTO) {
      long bytes = (long) (full.trainSize() + full.testSize()) * full.imageSize() * Float.BYTES;
      notes.add(String.format(Locale.ROOT, "%s: %d images read from their files every epoch (%.1f GB as floats, "
          + "more than a quarter of the %.1f GB heap; --image-store memory holds them)", config.data().name(),
          full.trainSize() + full.testSize(), bytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
    }
    if (full.streamed() && config.data().augmentation() == Augmentation.RESIZED_CROP) {
      notes.add(config.data().name() + ": random resized crops cut from the original JPEGs as they are decoded "
          + "(held images, --image-store memory, are cropped at their training size)");
    }
    return notes;
  }

  /** The threads this task's image decoding and augmentation keep to ({@code --threads}; 0: every core). */
  HostThreads hostThreads() {
    return hostThreads;
  }

  static boolean accepts(DataSetLoader loader) {
    return loader instanceof ImageLoader;
  }

  /** Pixels of zero padding before the random crop: 4 for 32x32 CIFAR, 2 for 28x28 (M)NIST, 0 above 64. */
  int padding() {
    int side = Math.min(full.height(), full.width());
    return side >= 64 ? 0 : Math.max(1, side / 8);
  }

  @Override
  public String dataName() {
    return full.name();
  }

  @Override
  public boolean binary() {
    return false;
  }

  @Override
  public String defaultLoss() {
    return "softmax-ce";
  }

  @Override
  public String selectionMetric() {
    return config.data().validation() ? "val_accuracy" : "accuracy";
  }

  @Override
  public Model buildModel(Ops tf) {
    String model = config.model().name();
    if (!ModelZoo.CLASSIFIERS.contains(model)) {
      throw new IllegalArgumentException("--model " + model + " does not fit image data "
          + config.data().name() + "; use one of " + ModelZoo.CLASSIFIERS);
    }
    ClassifierOptions options = ClassifierOptions.defaults().withSeed(config.seed())
        .withWidthMultiplier(config.model().widthMultiplier()).withCifarStem(full.height() <= 64);
    return ModelZoo.classifier(tf, model, full.height(), full.width(), full.channels(), full.numClasses(),
        options);
  }

  @Override
  public Operand<? extends TType> labelPlaceholder(Ops tf) {
    return tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  @Override
  public int rowsPerEpoch() {
    return tuning.trainSize();
  }

  @Override
  public BatchStream trainingStream(int microBatchSize) {
    Augmentation chosen = config.data().augmentation();
    BatchTransform augmentation = chosen == Augmentation.RESIZED_CROP
        ? RandomResizedCrop.inception(normalization).withThreads(hostThreads)
        : new ImageAugmentation(chosen.crops() ? padding() : 0, chosen.flips(), normalization, hostThreads);
    return ImagePipelines.training(tuning, augmentation, config.seed(), microBatchSize, false, 2);
  }

  @Override
  public void prepareEvaluation(Ops tf, Model model) {
    probabilities = tf.withName("probabilities").nn.softmax(model.logits());
  }

  @Override
  public Map<String, Double> evaluate(Session session, Model model) {
    // A folder without a test split is evaluated on its validation carve-out only.
    Map<String, Double> out = new LinkedHashMap<>(full.testSize() > 0 ? score(session, model, full) : Map.of());
    if (tuning != full) {
      out.putAll(Task.prefixed("val_", score(session, model, tuning)));
    }
    return out;
  }

  /** Accuracy and ECE on {@code data}'s test split (the validation carve-out for {@link #tuning}). */
  private Map<String, Double> score(Session session, Model model, ImageDataset data) {
    int k = data.numClasses();
    float[] probs = new float[data.testSize() * k];
    int offset = 0;
    try (BatchIterator it = ImagePipelines.evaluation(data, evaluationCrop, normalization, EVAL_BATCH, 1).epoch(0)) {
      while (it.hasNext()) {
        try (Batch batch = it.next();
            Result r = session.runner().feed(model.inputs().get(Features.IMAGE), batch.tensors().get(Features.IMAGE))
                .fetch(probabilities).run()) {
          offset += FloatReader.readInto((TFloat32) r.get(0), probs, offset);
        }
      }
    }
    int[] labels = data.testLabels();
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("accuracy", Calibration.accuracy(probs, labels, k));
    out.put("ece", Calibration.expectedCalibrationError(probs, labels, k, ECE_BINS));
    return out;
  }

  @Override
  public Map<String, Object> modelShape() {
    Map<String, Object> shape = new LinkedHashMap<>(Map.of(SavedModelLayout.KIND, SavedModelLayout.CLASSIFIER, "height", full.height(),
        "width", full.width(), "channels", full.channels(), "num_classes", full.numClasses(),
        "cifar_stem", full.height() <= 64));
    // What a client must do to pixels in [0, 1] before the serving signature, and what its outputs mean.
    shape.put("normalization", Map.of("mean", normalization.mean(), "std", normalization.std()));
    shape.put("class_names", full.classNames());
    if (evaluationCrop != null) {
      shape.put(SavedModelLayout.CENTER_CROP, evaluationCrop.fraction());
    }
    return shape;
  }
}
