package dev.lawn.bench;

import dev.lawn.ops.kernels.KernelChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Training throughput of the real trainer per optimizer, against the bare-graph reference, each
 * variant in its own child JVM, repetitions interleaved (the order reversed every other repetition
 * so that a drift in machine load hits all variants alike); medians over repetitions, ratios paired
 * within a repetition.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("training throughput");
 * ScratchDir scratch = ScratchDir.create();
 * new TrainBench("ncf-mlp", "movielens-100k", null, 1024, 4, 2, List.of("adam", "adam-lawn"), List.of("adam"),
 *     false, 1, 0, 1, KernelChoice.AUTO).run(report, new BenchChild(scratch.path(), 3600), Progress.silent());
 * System.out.print(report.markdown());
 * }</pre>
 *
 * <p>Each child runs {@link TrainVariantMain}.
 *
 * @param model zoo model
 * @param data data set
 * @param dataDir folder searched first, or null
 * @param batchSize examples per step
 * @param epochs epochs per run (the first is warm-up)
 * @param eFree LAWN's free epochs
 * @param optimizers trainer variants
 * @param bare optimizers of the bare NCF-MLP reference (empty for none)
 * @param decompose for each bare reference also run {@link TrainVariant#BARE_ZOO} and
 *     {@link TrainVariant#ZOO_PIPELINE}, which split the trainer/bare gap into model, pipeline and bookkeeping
 * @param repeats repetitions of every variant
 * @param threads TensorFlow threads (0 = TensorFlow's choice)
 * @param seed seed of every run
 * @param kernels LAWN's constrained-step kernels in the trainer variants (null: {@link KernelChoice#AUTO})
 */
public record TrainBench(String model, String data, String dataDir, int batchSize, int epochs, int eFree,
    List<String> optimizers, List<String> bare, boolean decompose, int repeats, int threads, long seed,
    KernelChoice kernels) {

  /** Validates every variant's settings now, not after the first child ran. */
  public TrainBench {
    kernels = kernels == null ? KernelChoice.AUTO : kernels;
    optimizers = List.copyOf(optimizers);
    bare = List.copyOf(bare);
    if (optimizers.isEmpty() && bare.isEmpty()) {
      throw new IllegalArgumentException("--optimizers and --bare are both empty: nothing to measure");
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
    }
    variants(model, data, dataDir, batchSize, epochs, eFree, optimizers, bare, decompose, threads, seed);
  }

  /** Trainer variants, then bare references. */
  public List<TrainVariant> variants() {
    return variants(model, data, dataDir, batchSize, epochs, eFree, optimizers, bare, decompose, threads, seed);
  }

  private static List<TrainVariant> variants(String model, String data, String dataDir, int batchSize, int epochs,
      int eFree, List<String> optimizers, List<String> bare, boolean decompose, int threads, long seed) {
    List<TrainVariant> out = new ArrayList<>();
    for (String o : optimizers) {
      out.add(new TrainVariant(TrainVariant.TRAINER, o, model, data, dataDir, batchSize, epochs, eFree, threads, seed));
    }
    for (String o : bare) {
      out.add(new TrainVariant(TrainVariant.BARE, o, model, data, dataDir, batchSize, epochs, eFree, threads, seed));
    }
    for (String kind : decompose ? List.of(TrainVariant.BARE_ZOO, TrainVariant.ZOO_PIPELINE) : List.<String>of()) {
      for (String o : bare) {
        out.add(new TrainVariant(kind, o, model, data, dataDir, batchSize, epochs, eFree, threads, seed));
      }
    }
    return out;
  }

  /**
   * Runs every variant {@link #repeats} times, each in a child JVM of {@code children}, and appends the
   * tables to {@code report}.
   *
   * @return each variant's results by its label ({@code trainer adam-lawn}), one per repetition
   */
  public Map<String, List<VariantResult>> run(BenchReport report, BenchChild children, Progress progress)
      throws IOException, InterruptedException {
    List<TrainVariant> variants = variants();
    Map<String, List<VariantResult>> results = new LinkedHashMap<>();
    variants.forEach(v -> results.put(v.label(), new ArrayList<>()));
    for (int r = 0; r < repeats; r++) {
      List<TrainVariant> order = new ArrayList<>(variants);
      if (r % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (TrainVariant v : order) {
        progress.say("train: repetition " + (r + 1) + "/" + repeats + ": " + v.label() + " (" + model + ", " + data
            + ", batch " + batchSize + ", " + epochs + " epochs)");
        results.get(v.label()).add(runChild(children, v, r));
      }
    }
    report.section("train_" + model + "_" + batchSize, "Training throughput: " + model + " on " + data + ", batch "
            + batchSize, List.of(describe()), perVariantTable(variants, results), List.of());
    MarkdownTable ratios = ratioTable(variants, results);
    if (ratios.size() > 0) {
      report.section("train_ratios_" + model + "_" + batchSize, "Ratios (" + model + ", batch " + batchSize + ")",
          List.of("Paired within each repetition (adjacent runs), median over repetitions. A time ratio above 1 means "
              + "the first variant takes longer per example."), ratios, List.of());
    }
    report.raw("train_" + model + "_" + batchSize, results);
    return results;
  }

  private String describe() {
    return "Each variant ran " + repeats + " time(s), each in its own JVM, " + epochs + " epochs (LAWN: " + eFree
        + " free, then constrained); samples/s over each phase's epochs after its first (warm-up: epoch 1, and the epoch of LAWN's switch, start a new step graph), each without its first "
        + "step (one-time costs: LAWN's switch, TensorFlow preparing a step's subgraph on its first run; see the "
        + "first-step column), of the training loop: input pipeline and negative sampling included, evaluation "
        + "excluded. `trainer` = "
        + "`lawn train` (`Trainer`); `bare` = plain TF-Java NCF-MLP graph, same optimizer ops, fed from pre-built "
        + "arrays (its \"input\" column is the share spent turning arrays into tensors); `bare-zoo` = the same loop "
        + "over the zoo's NCF-MLP and the trainer's loss; `zoo-pipeline` = the zoo graph fed by the trainer's input "
        + "pipeline (its input column: time blocked on the pipeline). Input wait: the trainer's "
        + "`input_wait_fraction` over all epochs, start-up included; epochs ≥ 2: whole epochs after the first, and "
        + "in brackets the same without each epoch's first step (references only: the trainer's per-epoch wait, "
        + "from `input_wait_seconds` in its metrics rows, includes the first step). First step: seconds from an epoch's start "
        + "to the end of its first step (epoch 2; with LAWN also the epoch that switches). CPU µs/sample: the child process's CPU time (all threads) per "
        + "example over the same epochs, less sensitive to other jobs than samples/s. Epoch end: time from an epoch's last step to its metrics row "
        + "(evaluation, norms, log and TensorBoard writes). Peak RSS: the child JVM's VmHWM.";
  }

  private VariantResult runChild(BenchChild children, TrainVariant v, int repeat) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(v.arguments());
    args.addAll(List.of("--kernels", kernels == KernelChoice.GRAPH_OPS ? "graph" : kernels.name().toLowerCase(Locale.ROOT)));
    String name = "train-" + model + "-" + batchSize + "-" + v.kind() + "-" + v.optimizer() + "-r" + (repeat + 1);
    BenchChild.Outcome outcome = children.run(name, TrainVariantMain.class.getName(), args);
    if (outcome.exitCode() != 0) {
      throw new IOException("bench variant '" + v.label() + "' failed (exit " + outcome.exitCode() + "): "
          + outcome.stderrTail(8));
    }
    return TrainVariantMain.parse(outcome.stdout()).orElseThrow(() -> new IOException(
        "bench variant '" + v.label() + "' printed no result line; stderr: " + outcome.stderrTail(8)));
  }

  private static MarkdownTable perVariantTable(List<TrainVariant> variants, Map<String, List<VariantResult>> results) {
    MarkdownTable table = new MarkdownTable("variant", "samples/s free", "samples/s constrained",
        "CPU µs/sample free", "CPU µs/sample constrained", "input wait, all epochs", "input wait, epochs ≥ 2 (after 1st steps)", "first step", "epoch end", "peak RSS");
    for (TrainVariant v : variants) {
      List<VariantResult> runs = results.get(v.label());
      table.row(v.label(), Format.rate(median(runs, r -> r.rate("free"))),
          v.lawn() ? Format.rate(median(runs, r -> r.rate("constrained"))) : "-",
          Format.micros(median(runs, r -> r.cpuMicrosPerSample("free"))),
          v.lawn() ? Format.micros(median(runs, r -> r.cpuMicrosPerSample("constrained"))) : "-",
          Format.percent(median(runs, VariantResult::inputWaitFraction)),
          afterWarmUp(runs),
          firstSteps(v, runs),
          Format.seconds(median(runs, VariantResult::epochEndSeconds)),
          Format.mib(median(runs, r -> r.peakRssBytes() > 0 ? r.peakRssBytes() : Double.NaN)));
    }
    return table;
  }

  /**
   * Time-per-example ratios: each trainer variant against the bare reference with the same optimizer,
   * and each LAWN variant's phases against its base optimizer in the trainer.
   */
  private static MarkdownTable ratioTable(List<TrainVariant> variants, Map<String, List<VariantResult>> results) {
    MarkdownTable table = new MarkdownTable("comparison", "phase", "time per example ratio", "CPU per example ratio");
    for (TrainVariant v : variants) {
      List<String> phases = v.lawn() ? List.of("free", "constrained") : List.of("free");
      List<VariantResult> runs = results.get(v.label());
      // The target comparison (trainer / bare), then each step of the decomposition chain.
      List<String> references = switch (v.kind()) {
        case TrainVariant.TRAINER -> List.of(TrainVariant.BARE, TrainVariant.ZOO_PIPELINE);
        case TrainVariant.ZOO_PIPELINE -> List.of(TrainVariant.BARE_ZOO);
        case TrainVariant.BARE_ZOO -> List.of(TrainVariant.BARE);
        default -> List.of();
      };
      for (String reference : references) {
        List<VariantResult> referenceRuns = results.get(reference + " " + v.optimizer());
        if (referenceRuns != null) {
          for (String phase : phases) {
            table.row(v.label() + " / " + reference + " " + v.optimizer(), phase,
                Format.ratio(pairedRatio(referenceRuns, phase, runs, phase)),
                Format.ratio(pairedCpuRatio(referenceRuns, phase, runs, phase)));
          }
        }
      }
      List<VariantResult> baseRuns = v.lawn()
          ? results.get(v.kind() + " " + v.optimizer().substring(0, v.optimizer().length() - 5)) : null;
      if (baseRuns != null) {
        for (String phase : phases) {
          table.row(v.label() + " / " + baseRuns.get(0).variant(), phase + " / free",
              Format.ratio(pairedRatio(baseRuns, "free", runs, phase)),
              Format.ratio(pairedCpuRatio(baseRuns, "free", runs, phase)));
        }
      }
    }
    return table;
  }

  /** Median over repetitions of {@code rate(reference) / rate(subject)}: time per example of subject over reference. */
  static double pairedRatio(List<VariantResult> reference, String referencePhase, List<VariantResult> subject,
      String subjectPhase) {
    int n = Math.min(reference.size(), subject.size());
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = reference.get(i).rate(referencePhase) / subject.get(i).rate(subjectPhase);
    }
    return n == 0 ? Double.NaN : Median.of(ratios);
  }

  private static String afterWarmUp(List<VariantResult> runs) {
    double steady = median(runs, VariantResult::steadyInputFraction);
    String whole = Format.percent(median(runs, VariantResult::inputFractionAfterWarmUp));
    return Double.isFinite(steady) ? whole + " (" + Format.percent(steady) + ")" : whole;
  }

  /**
   * Median first-step seconds of epoch 2 and, with LAWN, of the first constrained epoch (its first
   * step runs the switch and the constrained step for the first time).
   */
  private static String firstSteps(TrainVariant v, List<VariantResult> runs) {
    String text = Format.seconds(median(runs, r -> r.firstStepSeconds(2)));
    int firstConstrained = v.eFree() + 1;
    if (v.lawn() && firstConstrained > 2 && firstConstrained <= v.epochs()) {
      text += "; at switch " + Format.seconds(median(runs, r -> r.firstStepSeconds(firstConstrained)));
    }
    return text;
  }

  /** Median over repetitions of the subject's CPU time per example over the reference's. */
  static double pairedCpuRatio(List<VariantResult> reference, String referencePhase, List<VariantResult> subject,
      String subjectPhase) {
    int n = Math.min(reference.size(), subject.size());
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = subject.get(i).cpuMicrosPerSample(subjectPhase) / reference.get(i).cpuMicrosPerSample(referencePhase);
    }
    return n == 0 ? Double.NaN : Median.of(ratios);
  }

  private static double median(List<VariantResult> runs, ToDoubleFunction<VariantResult> f) {
    double[] values = runs.stream().mapToDouble(f).filter(Double::isFinite).toArray();
    return values.length == 0 ? Double.NaN : Median.of(values);
  }
}
