package dev.lawn.bench;

import dev.lawn.bench.pipeline.SyntheticInteractions;
import dev.lawn.data.rec.Interactions;
import dev.lawn.experiments.process.ProcessMemory;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.TrainConfig;
import dev.lawn.train.config.EFree;
import dev.lawn.train.Trainer;
import dev.lawn.train.TrainingListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory of a long large-batch run: the real {@link Trainer} on NCF-MLP at MovieLens-1M's size with
 * a batch of a million interactions (gradient accumulation over micro-batches), the process's
 * resident set size sampled after every epoch. Answers two questions: does the batch fit (peak RSS
 * against the machine's memory), and does memory stay flat over many epochs (RSS after the last
 * epoch against RSS after epoch {@value #FLAT_FROM}; a leak of native tensors shows as growth).
 * The training runs in this process, so run it in a JVM of its own.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("memory");
 * ScratchDir scratch = ScratchDir.create();
 * new MemoryBench(SyntheticInteractions.ML1M_USERS, SyntheticInteractions.ML1M_ITEMS,
 *     SyntheticInteractions.ML1M_RATINGS, 1_000_000, 0, 100, "adam-lawn", 5, 0, 1, null, KernelChoice.AUTO)
 *     .run(report, scratch.path(), Progress.silent());
 * System.out.print(report.markdown());
 * }</pre>
 */
public final class MemoryBench {

  /** The epoch from which RSS must stay flat. */
  public static final int FLAT_FROM = 5;

  /** RSS after an epoch, and how much of it the JVM's heap has committed (the rest is native). */
  public record Sample(int epoch, long residentBytes, long heapCommittedBytes, double seconds) {}

  private final int users;
  private final int items;
  private final int ratings;
  private final int batchSize;
  private final int microBatchSize;
  private final int epochs;
  private final String optimizer;
  private final int eFree;
  private final int threads;
  private final long seed;
  private final String dataDir;
  private final KernelChoice kernels;

  /**
   * @param users synthetic users
   * @param items synthetic items
   * @param ratings synthetic ratings
   * @param batchSize interactions per optimizer step
   * @param microBatchSize interactions per forward/backward pass, 0 = the trainer's choice
   * @param epochs epochs (more than {@value #FLAT_FROM})
   * @param optimizer as {@code lawn train --optimizer}
   * @param eFree LAWN's free epochs
   * @param threads TensorFlow threads, 0 = its choice
   * @param seed seed of the data and the run
   * @param dataDir a folder holding {@code ml-1m/ratings.dat} to use instead of synthetic ratings, or null
   * @param kernels LAWN's constrained-step kernels
   */
  public MemoryBench(int users, int items, int ratings, int batchSize, int microBatchSize, int epochs, String optimizer,
      int eFree, int threads, long seed, String dataDir, KernelChoice kernels) {
    if (epochs <= FLAT_FROM) {
      throw new IllegalArgumentException("--epochs must exceed " + FLAT_FROM + " (RSS is compared from epoch "
          + FLAT_FROM + " on), got " + epochs);
    }
    this.users = users;
    this.items = items;
    this.ratings = ratings;
    this.batchSize = batchSize;
    this.microBatchSize = microBatchSize;
    this.epochs = epochs;
    this.optimizer = optimizer;
    this.eFree = eFree;
    this.threads = threads;
    this.seed = seed;
    this.dataDir = dataDir;
    this.kernels = kernels;
  }

  /**
   * Trains in this process (synthetic data written to {@code scratch} first) and appends the RSS
   * table to {@code report}.
   */
  public void run(BenchReport report, Path scratch, Progress progress) throws IOException {
    String data = dataDir;
    if (data == null) {
      progress.say(String.format(Locale.ROOT, "writing %,d synthetic ratings (%,d users, %,d items)", ratings, users, items));
      writeMovieLens1m(SyntheticInteractions.generate(users, items, ratings, seed), scratch.resolve("ml-1m"));
      data = scratch.toString();
    }
    List<Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch) {
        if (epoch > 0) {
          record(epoch);
        }
      }

      @Override
      public void onFinish(Map<String, Object> summary) {
        record(epochs);
      }

      private void record(int completed) {
        long rss = ProcessMemory.residentBytes().orElse(-1);
        long heap = Runtime.getRuntime().totalMemory();
        double seconds = (System.nanoTime() - start) / 1e9;
        samples.add(new Sample(completed, rss, heap, seconds));
        progress.say(String.format(Locale.ROOT, "epoch %d/%d: RSS %s (JVM heap committed %s), %.0f s", completed,
            epochs, Format.mib(rss), Format.mib(heap), seconds));
      }
    };
    Map<String, Object> summary = new Trainer(config(data), scratch.resolve("run"), listener).kernels(kernels).run();
    long peak = ProcessMemory.peakBytes().orElse(-1);
    report(report, samples, peak, summary);
  }

  private TrainConfig config(String data) {
    return BenchConfig.over(epochs).model("ncf-mlp").data("movielens-1m").dataDir(data).optimizer(optimizer)
        .batchSize(batchSize).microBatchSize(microBatchSize).eFree(EFree.epochs(eFree)).threads(threads).seed(seed)
        .evalEvery(epochs).build();
  }

  /** {@code ratings.dat} in MovieLens-1M's format: {@code user::item::rating::timestamp}. */
  static void writeMovieLens1m(Interactions interactions, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("ratings.dat"))) {
      for (int i = 0; i < interactions.size(); i++) {
        out.write(interactions.user(i) + "::" + interactions.item(i) + "::4::" + interactions.timestamp(i) + "\n");
      }
    }
  }

  private void report(BenchReport report, List<Sample> samples, long peak, Map<String, Object> summary) {
    MarkdownTable table = new MarkdownTable("after epoch", "RSS", "vs epoch " + FLAT_FROM, "JVM heap committed",
        "elapsed s");
    Sample reference = samples.stream().filter(s -> s.epoch() == FLAT_FROM).findFirst().orElse(null);
    for (Sample s : samples) {
      if (shown(s.epoch())) {
        table.row(Integer.toString(s.epoch()), Format.mib(s.residentBytes()),
            reference == null ? "" : String.format(Locale.ROOT, "%+.1f %%", 100.0 * change(reference, s)),
            Format.mib(s.heapCommittedBytes()), String.format(Locale.ROOT, "%.0f", s.seconds()));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("peak RSS (VmHWM): " + Format.mib(peak) + " ("
        + String.format(Locale.ROOT, "%.1f", peak / (double) (1L << 30)) + " GiB)");
    if (reference != null && samples.size() > 1) {
      Sample last = samples.get(samples.size() - 1);
      notes.add(String.format(Locale.ROOT, "RSS from epoch %d to epoch %d: %+.2f %% (flat means within +-5 %%)",
          FLAT_FROM, last.epoch(), 100.0 * change(reference, last)));
    }
    notes.add("training samples/s: " + Format.rate(((Number) summary.get("train_samples_per_second")).doubleValue()));
    notes.add("test " + "hr@10" + " after the last epoch: " + summary.get("hr@10") + " (synthetic data: meaningless as accuracy)");
    report.section("memory", "Memory of a " + String.format(Locale.ROOT, "%,d", batchSize) + "-interaction batch over "
        + epochs + " epochs", List.of(String.format(Locale.ROOT,
            "NCF-MLP, %s, %,d users, %,d items, %,d ratings%s, batch %,d, micro-batch %s, "
                + "E_free %d. RSS (VmRSS) sampled after every epoch in the training process.",
            optimizer, users, items, ratings, dataDir == null ? " (synthetic, in MovieLens-1M's format)" : " from " + dataDir, batchSize,
            microBatchSize == 0 ? "auto" : Integer.toString(microBatchSize), eFree),
        "A JVM heap that the collector has not touched yet is committed but not resident, so RSS also grows "
            + "while the heap fills once; start the JVM with -Xms equal to -Xmx and -XX:+AlwaysPreTouch "
            + "(LAWN_JAVA_OPTS) to make the heap resident from the start, so that growth is native memory."),
        table, notes);
    report.raw("memory", Map.of("samples", samples, "peak_bytes", peak, "summary", summary));
  }

  private static double change(Sample from, Sample to) {
    return (to.residentBytes() - from.residentBytes()) / (double) from.residentBytes();
  }

  private boolean shown(int epoch) {
    return epoch <= 2 || epoch == FLAT_FROM || epoch % 10 == 0 || epoch == epochs;
  }
}
