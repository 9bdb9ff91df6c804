package dev.lawn.bench.pipeline;

import dev.lawn.bench.ScratchDir;
import dev.lawn.data.Batch;
import dev.lawn.data.DataSets;
import dev.lawn.data.ImageLoader;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.image.ChannelNormalization;
import dev.lawn.data.image.ImageAugmentation;
import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImagePipelines;
import dev.lawn.data.image.ImageSize;
import dev.lawn.data.image.ImageStore;
import dev.lawn.data.image.RandomResizedCrop;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.Column;
import dev.lawn.data.pipeline.ColumnSet;
import dev.lawn.data.pipeline.FloatColumn;
import dev.lawn.data.pipeline.IntColumn;
import dev.lawn.data.pipeline.Pipeline;
import dev.lawn.data.rec.LeaveOneOutSplitter;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.RecommendationEpoch;
import dev.lawn.data.rec.RecommendationPipelines;
import dev.lawn.data.rec.SplitOptions;
import dev.lawn.data.rec.TrainingNegativeSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Measures the input pipelines and prints their rates: NCF epoch sampling time, recommendation rows/s
 * and image images/s, each as produced by the prefetching pipeline alone and as fed into a small
 * graph; with {@code --compare-tf-data}, the same work done by TensorFlow's dataset ops. An image
 * folder ({@code image-folder} with {@code --data-dir}, or {@code synthetic-folder[:SIDE]}: 3,000 photo-like
 * SIDE x SIDE JPEGs, 128 by default, written to a temporary folder) is measured twice, held in memory and read from its
 * files batch by batch ({@link ImageStore#FILES}), so that the two rates of one run compare.
 *
 * <pre>
 * java -cp ... dev.lawn.bench.pipeline.PipelineBenchmark [--data-dir DIR] [--rec NAME|synthetic-ml1m]
 *     [--rec-batch N] [--image NAME|synthetic-cifar10|synthetic-folder[:SIDE]] [--image-batch N]
 *     [--image-size H[xW]] [--epochs N] [--step-ms MS]
 *     [--compare-tf-data [--tf-rows N]] [--seed N]
 * </pre>
 */
public final class PipelineBenchmark {

  private Path dataDir;
  private String rec = "synthetic-ml1m";
  private int recBatch = 65_536;
  private String image = "fashion-mnist";
  private int imageBatch = 256;
  private int epochs = 3;
  private double stepMs = 0;
  private boolean compareTfData;
  private int tfRows = 200_000;
  private long seed = 42;
  /** The size images are measured at (resized when read); null: the data set's own. */
  private ImageSize imageSize;

  private PipelineBenchmark() {}

  /** Entry point; see the class comment for the options. */
  public static void main(String[] args) {
    PipelineBenchmark b = new PipelineBenchmark();
    b.parse(args);
    b.runRecommendation();
    b.runImages();
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
        case "--rec" -> rec = value(args, ++i, a);
        case "--rec-batch" -> recBatch = Integer.parseInt(value(args, ++i, a));
        case "--image" -> image = value(args, ++i, a);
        case "--image-batch" -> imageBatch = Integer.parseInt(value(args, ++i, a));
        case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, a));
        case "--step-ms" -> stepMs = Double.parseDouble(value(args, ++i, a));
        case "--compare-tf-data" -> compareTfData = true;
        case "--tf-rows" -> tfRows = Integer.parseInt(value(args, ++i, a));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--image-size" -> {
          String size = value(args, ++i, a);
          imageSize = size.equals("0") ? null : ImageSize.parse(size);
        }
        case "-h", "--help" -> {
          System.out.println("options: --data-dir DIR --rec NAME|synthetic-ml1m|none --rec-batch N "
              + "--image NAME|synthetic-cifar10|synthetic-folder[:SIDE]|none --image-batch N --image-size H[xW]|0 --epochs N "
              + "--step-ms MS --compare-tf-data --tf-rows N --seed N");
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
      }
    }
    if (epochs < 2) {
      throw new IllegalArgumentException("--epochs must be >= 2 (the first epoch is warm-up)");
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private void runRecommendation() {
    if (rec.equals("none")) {
      return;
    }
    long t0 = System.nanoTime();
    RecommendationDataset data = rec.equals("synthetic-ml1m")
        ? LeaveOneOutSplitter.split(SyntheticInteractions.generate(SyntheticInteractions.ML1M_USERS,
            SyntheticInteractions.ML1M_ITEMS, SyntheticInteractions.ML1M_RATINGS, seed), SplitOptions.ncf(), rec)
        : ((RecommendationLoader) DataSets.resolve(rec, dataDir)).load(SplitOptions.ncf());
    System.out.printf(Locale.ROOT, "rec data: %s (read and split in %.0f ms)%n", data, ms(System.nanoTime() - t0));

    TrainingNegativeSampler sampler = data.trainingSampler(TrainingNegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE);
    sampler.sample(seed, 0);
    long sampling = 0;
    for (int e = 1; e < epochs; e++) {
      long s = System.nanoTime();
      sampler.sample(seed, e);
      sampling += System.nanoTime() - s;
    }
    System.out.printf(Locale.ROOT, "rec sampling: %,d rows/epoch (4 negatives per positive) in %.0f ms/epoch%n",
        sampler.rowsPerEpoch(), ms(sampling) / (epochs - 1));

    Pipeline pipeline = RecommendationPipelines.training(sampler, seed, recBatch, false, Pipeline.DEFAULT_PREFETCH_DEPTH);
    ColumnSet layout = sampler.sample(seed, 0).columns();
    report("rec pipeline", "rows", pipeline, layout);
    if (compareTfData) {
      compare("rec tf.data", "rows", layout, recBatch, e -> sampler.sample(seed, e).columns());
    }
  }

  private void runImages() {
    if (image.equals("none")) {
      return;
    }
    ScratchDir synthetic = null;
    try {
      ImageLoader loader = null;
      if (image.equals("synthetic-folder") || image.startsWith("synthetic-folder:")) {
        int side = image.equals("synthetic-folder") ? SyntheticJpegFolder.SIDE
            : Integer.parseInt(image.substring("synthetic-folder:".length()));
        synthetic = ScratchDir.create();
        loader = (ImageLoader) DataSets.resolve("image-folder", SyntheticJpegFolder.write(synthetic.path(), seed, side));
      } else if (!image.equals("synthetic-cifar10")) {
        loader = (ImageLoader) DataSets.resolve(image, dataDir);
      }
      long t0 = System.nanoTime();
      ImageDataset data = loader == null ? syntheticCifar() : loader.load(imageSize, ImageStore.MEMORY);
      System.out.printf(Locale.ROOT, "image data: %s (read in %.0f ms)%n", data, ms(System.nanoTime() - t0));
      measureImages("image pipeline", data, true);
      if (loader != null && loader.readsFromFiles()) {
        // The same folder decoded batch by batch every epoch (ImageStore.FILES), on every core.
        try (ImageDataset files = loader.load(data.size(), ImageStore.FILES)) {
          measureImages("image pipeline from files", files, false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic JPEG folder: " + e.getMessage(), e);
    } finally {
      if (synthetic != null) {
        deleteQuietly(synthetic);
      }
    }
  }

  /** The augmented and the shuffle-only pipeline of {@code data}; TensorFlow's dataset ops beside them if asked. */
  private void measureImages(String label, ImageDataset data, boolean compareWithTfData) {
    ChannelNormalization norm = ChannelNormalization.fitTo(data);
    ImageAugmentation augmentation = new ImageAugmentation(ImageAugmentation.CIFAR_PADDING, true, norm);
    Pipeline pipeline = ImagePipelines.training(data, augmentation, seed, imageBatch, false, Pipeline.DEFAULT_PREFETCH_DEPTH);
    report(label + " (pad-crop, flip, normalize)", "images", pipeline, data.trainColumns());
    Pipeline resized = ImagePipelines.training(data, RandomResizedCrop.inception(norm), seed, imageBatch, false,
        Pipeline.DEFAULT_PREFETCH_DEPTH);
    report(label + " (resized crop, flip, normalize)", "images", resized, data.trainColumns());
    report(label + " (shuffle only)", "images",
        Pipeline.from(data.trainColumns()).shuffle(seed).batch(imageBatch, false).prefetch(2), data.trainColumns());
    if (compareTfData && compareWithTfData) {
      compare("image tf.data", "images", data.trainColumns(), imageBatch, e -> data.trainColumns());
    }
  }

  private static void deleteQuietly(ScratchDir dir) {
    try {
      dir.delete();
    } catch (IOException e) {
      System.out.println("note: could not delete " + dir.path() + ": " + e.getMessage());
    }
  }

  private ImageDataset syntheticCifar() {
    int n = 50_000;
    float[] x = new float[n * 3072];
    int[] y = new int[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(256) / 255f;
    }
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(10);
    }
    return new ImageDataset("synthetic-cifar10", 32, 32, 3, 10, x, y, new float[0], new int[0], List.of());
  }

  /** Epochs 1..epochs-1 (epoch 0 warms up): produce-only, then fed into a graph. */
  private void report(String label, String unit, Pipeline pipeline, ColumnSet layout) {
    long rows = 0;
    long wait = 0;
    long start = 0;
    try (BatchIterator it = pipeline.epochs(0, epochs)) {
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          if (b.epoch() == 1 && b.index() == 0) {
            start = System.nanoTime();
            wait = -it.waitNanos();
          }
          if (b.epoch() >= 1) {
            rows += b.size();
          }
        }
      }
      wait += it.waitNanos();
    }
    long elapsed = System.nanoTime() - start;
    System.out.printf(Locale.ROOT, "%s, batch %d: %,.0f %s/s produced (consumer does nothing)%n", label,
        pipeline.batchSize(), rows / (elapsed / 1e9), unit);

    try (GraphConsumer consumer = new GraphConsumer(layout); BatchIterator it = pipeline.epochs(0, epochs)) {
      rows = 0;
      long stepNanos = (long) (stepMs * 1e6);
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          if (b.epoch() == 1 && b.index() == 0) {
            start = System.nanoTime();
            wait = -it.waitNanos();
          }
          consumer.consume(b);
          spin(stepNanos);
          if (b.epoch() >= 1) {
            rows += b.size();
          }
        }
      }
      wait += it.waitNanos();
      elapsed = System.nanoTime() - start;
    }
    System.out.printf(Locale.ROOT, "%s, batch %d: %,.0f %s/s fed into a graph%s; consumer waited %.1f%% of the time%n",
        label, pipeline.batchSize(), rows / (elapsed / 1e9), unit,
        stepMs > 0 ? " with a simulated " + stepMs + " ms step" : "", 100.0 * wait / elapsed);
  }

  /**
   * TensorFlow's dataset ops on the first {@code tfRows} rows of each epoch (they are too slow to
   * run whole epochs here), with a full-epoch shuffle buffer and without shuffling.
   */
  private void compare(String label, String unit, ColumnSet layout, int batch,
      IntFunction<ColumnSet> epochColumns) {
    for (boolean shuffle : new boolean[] {true, false}) {
      ColumnSet first = head(epochColumns.apply(0), tfRows);
      try (TfDataPath tf = new TfDataPath(first, shuffle, batch, false, Pipeline.DEFAULT_PREFETCH_DEPTH)) {
        tf.runEpoch(first, seed);
        long start = System.nanoTime();
        long rows = 0;
        for (int e = 1; e < epochs; e++) {
          ColumnSet cols = head(epochColumns.apply(e), tfRows);
          tf.runEpoch(cols, seed + e);
          rows += cols.rows();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s (%s), batch %d, %,d rows/epoch: %,.0f %s/s fed into the same graph%n",
            label, shuffle ? "full shuffle" : "no shuffle", batch, first.rows(), rows / s, unit);
      }
    }
  }

  /** The first {@code n} rows of every column. */
  private static ColumnSet head(ColumnSet columns, int n) {
    if (columns.rows() <= n) {
      return columns;
    }
    List<Column> out = new ArrayList<>();
    for (Column c : columns.columns()) {
      int len = n * c.elementSize();
      out.add(c instanceof IntColumn ic
          ? new IntColumn(c.name(), Arrays.copyOf(ic.data(), len), c.elementShape())
          : new FloatColumn(c.name(), Arrays.copyOf(((FloatColumn) c).data(), len), c.elementShape()));
    }
    return new ColumnSet(out);
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
