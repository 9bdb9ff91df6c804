package dev.lawn.data.image;

import dev.lawn.data.Features;
import dev.lawn.data.Seeds;
import dev.lawn.data.pipeline.Column;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.DecodedColumn;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import dev.lawn.data.pipeline.Shuffle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An image classification data set: float32 pixels in {@code [0, 1]}, NHWC, row-major, and int labels
 * in {@code [0, numClasses)}, for a training and a test split.
 *
 * <p>The pixels are either held in memory (the public constructor; the arrays are shared, not
 * copied: CIFAR's training set is 600 MB as floats, do not modify them) or, for an image folder too
 * large for that, kept as JPEG files and decoded batch by batch every epoch ({@link ImageStore#FILES},
 * {@link #streamed()}): the same pipelines, the same batches, memory for the file list only. Close a
 * data set read from files ({@link #close()}) to free its decoders; closing one held in memory does
 * nothing.
 */
public final class ImageDataset implements AutoCloseable {

  private final String name;
  private final int height;
  private final int width;
  private final int channels;
  private final int numClasses;
  private final ImageSplit train;
  private final ImageSplit test;
  /** Decodes the files of a data set read from them; null when the pixels are held. */
  private final JpegDecoderPool decoders;
  private final List<String> classNames;

  /**
   * @param classNames one name per class, or an empty list when the format has none
   * @throws IllegalArgumentException when array lengths disagree with the image size or a label is
   *     out of range (readers check labels earlier, with file offsets)
   */
  public ImageDataset(String name, int height, int width, int channels, int numClasses, float[] trainImages,
      int[] trainLabels, float[] testImages, int[] testLabels, List<String> classNames) {
    this(name, height, width, channels, numClasses, ImageSplit.held(trainImages, trainLabels),
        ImageSplit.held(testImages, testLabels), null, classNames);
  }

  /**
   * A data set of JPEG files decoded by {@code decoders}, at their size (the files' labels are checked
   * as the public constructor checks held ones).
   */
  ImageDataset(String name, int numClasses, List<Path> trainFiles, int[] trainLabels, List<Path> testFiles,
      int[] testLabels, JpegDecoderPool decoders, List<String> classNames) {
    this(name, decoders.size().height(), decoders.size().width(), decoders.channels(), numClasses,
        ImageSplit.files(trainFiles, trainLabels), ImageSplit.files(testFiles, testLabels), decoders, classNames);
  }

  private ImageDataset(String name, int height, int width, int channels, int numClasses, ImageSplit train,
      ImageSplit test, JpegDecoderPool decoders, List<String> classNames) {
    this.name = Objects.requireNonNull(name, "name");
    if (height < 1 || width < 1 || channels < 1 || numClasses < 1) {
      throw new IllegalArgumentException(name + ": height, width, channels and numClasses must be >= 1, got "
          + height + ", " + width + ", " + channels + ", " + numClasses);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.numClasses = numClasses;
    this.train = train;
    this.test = test;
    this.decoders = decoders;
    this.classNames = List.copyOf(classNames);
    check("train", train);
    check("test", test);
    if (!this.classNames.isEmpty() && this.classNames.size() != numClasses) {
      throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + numClasses + " classes");
    }
  }

  private void check(String split, ImageSplit data) {
    int[] labels = data.labels();
    if (data.pixels() != null && (long) labels.length * imageSize() != data.pixels().length) {
      throw new IllegalArgumentException(name + " " + split + ": " + data.pixels().length + " pixel values for "
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
    return train.size();
  }

  public int testSize() {
    return test.size();
  }

  /** Whether the pixels are decoded from files batch by batch ({@link ImageStore#FILES}) rather than held. */
  public boolean streamed() {
    return decoders != null;
  }

  /** The training split's files in row order, or null when held in memory. */
  List<Path> trainFiles() {
    return train.files();
  }

  /** The threads that decode a batch of a data set read from its files; 0 for one held in memory. */
  int decodingThreads() {
    return decoders == null ? 0 : decoders.threads();
  }

  /**
   * Training pixels, NHWC in [0, 1]; shared, do not modify.
   *
   * @throws IllegalStateException for a data set {@linkplain #streamed() read from files}: read its
   *     batches through {@link #trainColumns()}
   */
  public float[] trainImages() {
    return held(train, "training");
  }

  /** Training labels; shared, do not modify. */
  public int[] trainLabels() {
    return train.labels();
  }

  /**
   * Test pixels, NHWC in [0, 1]; shared, do not modify.
   *
   * @throws IllegalStateException for a data set {@linkplain #streamed() read from files}: read its
   *     batches through {@link #testColumns()}
   */
  public float[] testImages() {
    return held(test, "test");
  }

  /** Test labels; shared, do not modify. */
  public int[] testLabels() {
    return test.labels();
  }

  private float[] held(ImageSplit split, String which) {
    if (split.pixels() == null) {
      throw new IllegalStateException(name + " is read from its files batch by batch (ImageStore.FILES): its "
          + which + " pixels are not held in memory; read them through the pipeline columns");
    }
    return split.pixels();
  }

  /** Class names in label order, or empty when the format has none. */
  public List<String> classNames() {
    return classNames;
  }

  /** Training split as pipeline columns {@code image} [H,W,C] and {@code label}. */
  public ColumnSet trainColumns() {
    return columns(train);
  }

  /** Test split as pipeline columns {@code image} [H,W,C] and {@code label}. */
  public ColumnSet testColumns() {
    return columns(test);
  }

  /**
   * Training split as pipeline columns whose images are random boxes of the original files, drawn by
   * {@code crop} on each file's own size and decoded (only the box) at this data set's size: the
   * crops of ImageNet training, from every pixel of the file. Flips and normalization are left to
   * the pipeline's transforms ({@link ImagePipelines#training} does all of it for a
   * {@link RandomResizedCrop}). Each batch's boxes come from the pipeline's seed for it, so an epoch
   * stays a pure function of (seed, epoch).
   *
   * @throws IllegalStateException for a data set held in memory (its files are not at hand): use
   *     {@link #trainColumns()} with the crop as a transform
   */
  public ColumnSet trainColumnsCropped(RandomResizedCrop crop) {
    if (!streamed()) {
      throw new IllegalStateException(name + " is held in memory at its training size: crops from the original "
          + "files need a data set read from its files (ImageStore.FILES); crop the held images with the crop as a "
          + "transform instead");
    }
    Objects.requireNonNull(crop, "crop");
    Column image = new DecodedColumn(Features.IMAGE, train.size(),
        (rows, count, out, seed) -> decoders.decodeCropped(train.files(), rows, count, out, seed, crop),
        height, width, channels);
    return ColumnSet.of(image, new IntColumn(Features.LABEL, train.labels()));
  }

  private ColumnSet columns(ImageSplit split) {
    Column image = split.pixels() != null
        ? new FloatColumn(Features.IMAGE, split.pixels(), height, width, channels)
        : new DecodedColumn(Features.IMAGE, split.size(),
            (rows, count, out) -> decoders.decode(split.files(), rows, count, out), height, width, channels);
    return ColumnSet.of(image, new IntColumn(Features.LABEL, split.labels()));
  }

  /**
   * Per-channel mean of the training pixels (what {@link ChannelNormalization#fitTo} uses); of a data
   * set {@linkplain #streamed() read from files}, over {@link #STATISTICS_SAMPLE} of its training
   * images spread evenly over the split (all of them when there are no more).
   */
  public float[] channelMeans() {
    double[] sum = new double[channels];
    forEachStatisticsChunk(pixels -> {
      for (int i = 0; i < pixels.length; i++) {
        sum[i % channels] += pixels[i];
      }
    });
    float[] mean = new float[channels];
    long perChannel = Math.max(1, (long) statisticsRows() * height * width);
    for (int c = 0; c < channels; c++) {
      mean[c] = (float) (sum[c] / perChannel);
    }
    return mean;
  }

  /** Per-channel standard deviation of the training pixels (over the same images as {@link #channelMeans()}). */
  public float[] channelStds() {
    float[] mean = channelMeans();
    double[] sq = new double[channels];
    forEachStatisticsChunk(pixels -> {
      for (int i = 0; i < pixels.length; i++) {
        double d = pixels[i] - mean[i % channels];
        sq[i % channels] += d * d;
      }
    });
    float[] std = new float[channels];
    long perChannel = Math.max(1, (long) statisticsRows() * height * width);
    for (int c = 0; c < channels; c++) {
      std[c] = (float) Math.sqrt(sq[c] / perChannel);
    }
    return std;
  }

  /** Training images a data set read from files computes its channel statistics over, at most. */
  public static final int STATISTICS_SAMPLE = 2_000;

  /** Images decoded at once for the statistics of a data set read from files. */
  private static final int STATISTICS_CHUNK = 256;

  private int statisticsRows() {
    return train.pixels() != null ? trainSize() : Math.min(trainSize(), STATISTICS_SAMPLE);
  }

  /**
   * Hands the training pixels the statistics are over to {@code consumer}: the held array at once, or
   * the sample's images decoded a chunk at a time, in row order (so that, with the whole split in the
   * sample, the sums are the held array's, in the same order).
   */
  private void forEachStatisticsChunk(java.util.function.Consumer<float[]> consumer) {
    if (train.pixels() != null) {
      consumer.accept(train.pixels());
      return;
    }
    int rows = statisticsRows();
    int[] sample = new int[rows];
    for (int i = 0; i < rows; i++) {
      sample[i] = (int) ((long) i * trainSize() / rows);
    }
    for (int start = 0; start < rows; start += STATISTICS_CHUNK) {
      int count = Math.min(STATISTICS_CHUNK, rows - start);
      float[] pixels = new float[count * imageSize()];
      decoders.decode(train.files(), Arrays.copyOfRange(sample, start, start + count), count, pixels);
      consumer.accept(pixels);
    }
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
    if (streamed()) { // decoded from the files at the new size: one resize, not two
      return new ImageDataset(name, numClasses, train.files(), train.labels(), test.files(), test.labels(),
          new JpegDecoderPool(size, channels, decoders.threads()), classNames);
    }
    float[] trainX = ImageResizer.resize(train.pixels(), trainSize(), size(), channels, size);
    float[] testX = ImageResizer.resize(test.pixels(), testSize(), size(), channels, size);
    return new ImageDataset(name, size.height(), size.width(), channels, numClasses, trainX, train.labels(), testX,
        test.labels(), classNames);
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
    return derived(name + "/validation-split", train.select(Arrays.copyOf(order, keep), imageSize()),
        train.select(Arrays.copyOfRange(order, keep, order.length), imageSize()));
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
    return derived(name + "/train-" + size, train.select(kept, imageSize()), test);
  }

  /** A data set of other splits of these images, sharing this one's decoders (closing either closes them). */
  private ImageDataset derived(String name, ImageSplit train, ImageSplit test) {
    return new ImageDataset(name, height, width, channels, numClasses, train, test, decoders, classNames);
  }

  /**
   * Closes the decoders of a data set {@linkplain #streamed() read from files}, which every data set
   * derived from it by {@link #withValidationSplit} or {@link #withTrainingSubset} shares (not those of
   * a {@link #resized} one, which has its own); its pipelines fail afterwards. Does nothing for a data
   * set held in memory.
   */
  @Override
  public void close() {
    if (decoders != null) {
      decoders.close();
    }
  }

  @Override
  public String toString() {
    return name + ": " + trainSize() + " training and " + testSize() + " test images of " + height + "x" + width + "x"
        + channels + ", " + numClasses + " classes" + (streamed() ? ", read from their files" : "");
  }
}
