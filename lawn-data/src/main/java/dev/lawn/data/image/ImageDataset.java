package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.Seeds;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import dev.lawn.data.pipeline.Shuffle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An image classification data set held in memory: float32 pixels in {@code [0, 1]}, NHWC, row-major,
 * and int labels in {@code [0, numClasses)}, for a training and a test split.
 *
 * <p>The pixel arrays are shared, not copied (CIFAR's training set is 600 MB as floats): do not
 * modify them.
 */
public final class ImageDataset {

  private final String name;
  private final int height;
  private final int width;
  private final int channels;
  private final int numClasses;
  private final float[] trainImages;
  private final int[] trainLabels;
  private final float[] testImages;
  private final int[] testLabels;
  private final List<String> classNames;

  /**
   * @param classNames one name per class, or an empty list when the format has none
   * @throws IllegalArgumentException when array lengths disagree with the image size or a label is
   *     out of range (readers check labels earlier, with file offsets)
   */
  public ImageDataset(String name, int height, int width, int channels, int numClasses, float[] trainImages,
      int[] trainLabels, float[] testImages, int[] testLabels, List<String> classNames) {
    this.name = Objects.requireNonNull(name, "name");
    if (height < 1 || width < 1 || channels < 1 || numClasses < 1) {
      throw new IllegalArgumentException(name + ": height, width, channels and numClasses must be >= 1, got "
          + height + ", " + width + ", " + channels + ", " + numClasses);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.numClasses = numClasses;
    this.trainImages = trainImages;
    this.trainLabels = trainLabels;
    this.testImages = testImages;
    this.testLabels = testLabels;
    this.classNames = List.copyOf(classNames);
    check("train", trainImages, trainLabels);
    check("test", testImages, testLabels);
    if (!this.classNames.isEmpty() && this.classNames.size() != numClasses) {
      throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + numClasses + " classes");
    }
  }

  private void check(String split, float[] images, int[] labels) {
    if ((long) labels.length * imageSize() != images.length) {
      throw new IllegalArgumentException(name + " " + split + ": " + images.length + " pixel values for "
          + labels.length + " labels of " + height + "x" + width + "x" + channels + " images");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(name + " " + split + ": label " + labels[i] + " of example " + i
            + " is outside 0.." + (numClasses - 1));
      }
    }
  }

  /** Name of the data set (and split, after {@link #withValidationSplit}). */
  public String name() {
    return name;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Floats per image: height * width * channels. */
  public int imageSize() {
    return height * width * channels;
  }

  public int trainSize() {
    return trainLabels.length;
  }

  public int testSize() {
    return testLabels.length;
  }

  /** Training pixels, NHWC in [0, 1]; shared, do not modify. */
  public float[] trainImages() {
    return trainImages;
  }

  /** Training labels; shared, do not modify. */
  public int[] trainLabels() {
    return trainLabels;
  }

  /** Test pixels, NHWC in [0, 1]; shared, do not modify. */
  public float[] testImages() {
    return testImages;
  }

  /** Test labels; shared, do not modify. */
  public int[] testLabels() {
    return testLabels;
  }

  /** Class names in label order, or empty when the format has none. */
  public List<String> classNames() {
    return classNames;
  }

  /** Training split as pipeline columns {@code image} [H,W,C] and {@code label}. */
  public ColumnSet trainColumns() {
    return columns(trainImages, trainLabels);
  }

  /** Test split as pipeline columns {@code image} [H,W,C] and {@code label}. */
  public ColumnSet testColumns() {
    return columns(testImages, testLabels);
  }

  private ColumnSet columns(float[] images, int[] labels) {
    return ColumnSet.of(new FloatColumn(Features.IMAGE, images, height, width, channels),
        new IntColumn(Features.LABEL, labels));
  }

  /** Per-channel mean of the training pixels (what {@link ChannelNormalization#fitTo} uses). */
  public float[] channelMeans() {
    double[] sum = new double[channels];
    for (int i = 0; i < trainImages.length; i++) {
      sum[i % channels] += trainImages[i];
    }
    float[] mean = new float[channels];
    long perChannel = Math.max(1, trainImages.length / channels);
    for (int c = 0; c < channels; c++) {
      mean[c] = (float) (sum[c] / perChannel);
    }
    return mean;
  }

  /** Per-channel standard deviation of the training pixels. */
  public float[] channelStds() {
    float[] mean = channelMeans();
    double[] sq = new double[channels];
    for (int i = 0; i < trainImages.length; i++) {
      double d = trainImages[i] - mean[i % channels];
      sq[i % channels] += d * d;
    }
    float[] std = new float[channels];
    long perChannel = Math.max(1, trainImages.length / channels);
    for (int c = 0; c < channels; c++) {
      std[c] = (float) Math.sqrt(sq[c] / perChannel);
    }
    return std;
  }

  /** The stored size of the images. */
  public ImageSize size() {
    return new ImageSize(height, width);
  }

  /**
   * This data set with every image resized bilinearly to {@code size} (itself when it already has
   * that size): how a data set stored at one size is trained at another.
   */
  public ImageDataset resized(ImageSize size) {
    if (size.equals(size())) {
      return this;
    }
    float[] train = ImageResizer.resize(trainImages, trainSize(), size(), channels, size);
    float[] test = ImageResizer.resize(testImages, testSize(), size(), channels, size);
    return new ImageDataset(name, size.height(), size.width(), channels, numClasses, train, trainLabels, test,
        testLabels, classNames);
  }

  /**
   * Carves a validation set off the training set, for hyperparameter tuning: a random subset of
   * {@code validationSize} training examples chosen by {@code seed} becomes the "test" split of the
   * returned data set and the rest its training split. The real test set is not used.
   */
  public ImageDataset withValidationSplit(int validationSize, long seed) {
    if (validationSize < 1 || validationSize >= trainSize()) {
      throw new IllegalArgumentException("validationSize must be in 1.." + (trainSize() - 1) + ", got " + validationSize);
    }
    int[] order = new int[trainSize()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Shuffle.shuffleInPlace(order, new SplittableRandom(Seeds.derive(seed, 0x56414C4944L)));
    int keep = trainSize() - validationSize;
    int size = imageSize();
    float[] trainX = new float[keep * size];
    int[] trainY = new int[keep];
    float[] valX = new float[validationSize * size];
    int[] valY = new int[validationSize];
    for (int i = 0; i < order.length; i++) {
      int src = order[i];
      if (i < keep) {
        System.arraycopy(trainImages, src * size, trainX, i * size, size);
        trainY[i] = trainLabels[src];
      } else {
        System.arraycopy(trainImages, src * size, valX, (i - keep) * size, size);
        valY[i - keep] = trainLabels[src];
      }
    }
    return new ImageDataset(name + "/validation-split", height, width, channels, numClasses, trainX, trainY, valX, valY,
        classNames);
  }

  /**
   * Keeps {@code size} of the training images, a random subset chosen by {@code seed} (in their original
   * order), and the whole test split: a quicker run that reaches the end of training, where the training
   * loss nears zero, in fewer steps. The same seed keeps the same images.
   *
   * @throws IllegalArgumentException when {@code size} is not in 1..{@link #trainSize()}
   */
  public ImageDataset withTrainingSubset(int size, long seed) {
    if (size < 1 || size > trainSize()) {
      throw new IllegalArgumentException("training subset size must be in 1.." + trainSize() + ", got " + size);
    }
    if (size == trainSize()) {
      return this;
    }
    int[] order = new int[trainSize()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Shuffle.shuffleInPlace(order, new SplittableRandom(Seeds.derive(seed, 0x535542L)));
    int[] kept = Arrays.copyOf(order, size);
    Arrays.sort(kept);
    int image = imageSize();
    float[] x = new float[size * image];
    int[] y = new int[size];
    for (int i = 0; i < size; i++) {
      System.arraycopy(trainImages, kept[i] * image, x, i * image, image);
      y[i] = trainLabels[kept[i]];
    }
    return new ImageDataset(name + "/train-" + size, height, width, channels, numClasses, x, y, testImages, testLabels,
        classNames);
  }

  @Override
  public String toString() {
    return name + ": " + trainSize() + " training and " + testSize() + " test images of " + height + "x" + width + "x"
        + channels + ", " + numClasses + " classes";
  }
}
