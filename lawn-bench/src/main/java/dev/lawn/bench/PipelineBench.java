package dev.lawn.bench;

import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.bench.pipeline.PipelineBenchmark;
import dev.lawn.data.DataSets;
import dev.lawn.data.image.ImageSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input pipelines' rates, by {@link PipelineBenchmark} run in a child JVM (it is a
 * command-line main that prints its figures): recommendation rows/s and image images/s, produced
 * alone and fed into a graph, with the consumer's wait share.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("pipelines");
 * ScratchDir scratch = ScratchDir.create();
 * new PipelineBench(null, "movielens-100k", 1024, "none", 256, 3, 0)
 *     .run(report, new BenchChild(scratch.path(), 3600), Progress.silent());
 * System.out.print(report.markdown());
 * }</pre>
 *
 * @param dataDir folder searched first for the data sets, or null
 * @param rec recommendation data set ({@code none} to skip)
 * @param recBatch recommendation batch size
 * @param image image data set ({@code none} to skip)
 * @param imageBatch image batch size
 * @param epochs epochs per measurement, the first one warm-up (at least 2)
 * @param stepMs simulated training-step time of the consumer (0 = none)
 * @param imageSize the size images are measured at, resized when read ({@code H} or {@code HxW}), or null
 *     for the data set's own (for {@code synthetic-folder:SIDE}, JPEGs of SIDE x SIDE pixels)
 */
public record PipelineBench(Path dataDir, String rec, int recBatch, String image, int imageBatch, int epochs,
    double stepMs, String imageSize) {

  static final String MAIN_CLASS = "dev.lawn.bench.pipeline.PipelineBenchmark";

  /** Validates the settings, naming the option of {@code lawn bench pipeline} at fault. */
  public PipelineBench {
    if (recBatch < 1 || imageBatch < 1) {
      throw new IllegalArgumentException("--rec-batch and --image-batch must be >= 1");
    }
    if (epochs < 2) {
      throw new IllegalArgumentException("--epochs must be >= 2 (the first epoch is warm-up), got " + epochs);
    }
    if (!(stepMs >= 0)) {
      throw new IllegalArgumentException("--step-ms must be >= 0, got " + stepMs);
    }
    if (imageSize != null) {
      try {
        ImageSize.parse(imageSize);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--image-size must be H or HxW, got '" + imageSize + "'");
      }
    }
    if (image.startsWith(SYNTHETIC_FOLDER + ":")) {
      String side = image.substring(SYNTHETIC_FOLDER.length() + 1);
      if (!side.matches("[0-9]{1,4}") || Integer.parseInt(side) < 8) {
        throw new IllegalArgumentException("--image synthetic-folder:SIDE needs a side of 8 to 9999 pixels, got '"
            + side + "'");
      }
    }
  }

  /** The benchmark at the data sets' own image sizes. */
  public PipelineBench(Path dataDir, String rec, int recBatch, String image, int imageBatch, int epochs, double stepMs) {
    this(dataDir, rec, recBatch, image, imageBatch, epochs, stepMs, null);
  }

  /** Photo-like JPEGs written for the run ({@code synthetic-folder[:SIDE]}). */
  static final String SYNTHETIC_FOLDER = "synthetic-folder";

  /** The benchmark's arguments; a data set that cannot be found is skipped with a note. */
  List<String> arguments(List<String> notes) {
    List<String> args = new ArrayList<>();
    if (dataDir != null) {
      args.addAll(List.of("--data-dir", dataDir.toString()));
    }
    args.addAll(List.of("--rec", available(rec, notes), "--rec-batch", Integer.toString(recBatch),
        "--image", available(image, notes), "--image-batch", Integer.toString(imageBatch),
        "--epochs", Integer.toString(epochs), "--step-ms", Double.toString(stepMs)));
    if (imageSize != null) {
      args.addAll(List.of("--image-size", imageSize));
    }
    return args;
  }

  private String available(String name, List<String> notes) {
    if (name.equals("none") || name.startsWith("synthetic-")) { // synthetic-cifar10, synthetic-folder, synthetic-ml1m
      return name;
    }
    try {
      DataSets.resolve(name, dataDir);
      return name;
    } catch (DataSetNotFoundException e) {
      notes.add(name + " not measured: " + e.getMessage().lines().findFirst().orElse("not found"));
      return "none";
    }
  }

  /** Runs the benchmark in a child JVM and appends its table to {@code report}. */
  public List<PipelineLine> run(BenchReport report, BenchChild children, Progress progress)
      throws IOException, InterruptedException {
    List<String> notes = new ArrayList<>();
    List<String> args = arguments(notes);
    if (args.get(args.indexOf("--rec") + 1).equals("none") && args.get(args.indexOf("--image") + 1).equals("none")) {
      report.section("pipeline", "Input pipelines", List.of("Not measured: no data set."), null, notes);
      return List.of();
    }
    progress.say("pipeline: " + MAIN_CLASS + " " + String.join(" ", args));
    BenchChild.Outcome outcome = children.run("pipeline", MAIN_CLASS, args);
    if (outcome.exitCode() != 0) {
      throw new IOException("pipeline benchmark failed (exit " + outcome.exitCode() + "): "
          + outcome.stderrTail(5));
    }
    List<PipelineLine> rates = new ArrayList<>();
    MarkdownTable table = new MarkdownTable("pipeline", "batch", "consumer", "rate", "consumer waited");
    for (String line : outcome.stdout()) {
      Optional<PipelineLine> parsed = PipelineLine.parse(line);
      if (parsed.isPresent()) {
        PipelineLine r = parsed.get();
        rates.add(r);
        table.row(r.pipeline(), Integer.toString(r.batch()), r.mode(), Format.rate(r.perSecond()) + " " + r.unit() + "/s",
            Format.percent(r.waitFraction()));
      } else if (!line.isBlank()) {
        notes.add(line.strip());
      }
    }
    if (rates.isEmpty()) {
      throw new IOException("pipeline benchmark printed no rates; its output: " + outcome.stdout());
    }
    report.section("pipeline", "Input pipelines",
        List.of("lawn-bench's PipelineBenchmark (`" + String.join(" ", args) + "`) in a child JVM: the epochs after "
            + "the first; `produced` = the prefetching pipeline alone, `fed into a graph` = each batch's tensors "
            + "handed to a small graph" + (stepMs > 0 ? " with a simulated " + stepMs + " ms step" : "")
            + ". The consumer's wait share is the time it spent blocked on the next batch."),
        table, notes);
    report.raw("pipeline", rates);
    return rates;
  }
}
