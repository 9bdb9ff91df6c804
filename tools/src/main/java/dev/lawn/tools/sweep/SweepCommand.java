package dev.lawn.tools.sweep;

import dev.lawn.experiments.sweep.ChildJvmLauncher;
import dev.lawn.experiments.sweep.FinishedRunAdopter;
import dev.lawn.experiments.sweep.PlannedRun;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.RunLauncher;
import dev.lawn.experiments.sweep.Sweep;
import dev.lawn.experiments.sweep.SweepConfig;
import dev.lawn.experiments.sweep.SweepPlanner;
import dev.lawn.experiments.sweep.SweepResult;
import dev.lawn.experiments.sweep.SweepSummaryWriter;
import dev.lawn.experiments.sweep.TrainArguments;
import dev.lawn.tools.LawnProgram;
import dev.lawn.tools.worker.TrustedNetworkOption;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.distributed.NetworkExposure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lawn sweep CONFIG}: runs a grid of {@code lawn train} configurations over seeds as child
 * processes, resumably, selects the best grid point and reports its test metric. The children are
 * {@code lawn train} (their logs show the command line's output); a planned run's configuration is
 * resolved by lawn-train's {@code TrainOptions}, as the child resolves it ({@link RunConfigResolver#trainOptions()}).
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the grid x seeds of a sweep file (YAML or JSON) as `lawn train` child processes,"
          + " PARALLEL at a time, each logging to RUN_DIR/train.log.",
      "Resumable: runs with summary.json are skipped, others relaunched (the trainer resumes from"
          + " its checkpoints). A run that finished under another name in the output directory with"
          + " the same configuration (the grid grew) is renamed and reused, not trained again."
          + " Writes sweep-summary.md/.json into the output directory.",
      "",
      "Sweep file keys: base (train options), grid (key: [values]), seeds, out, parallel,"
          + " select {metric, mode: max|min, report}, final_seeds."
    })
public final class SweepCommand implements Callable<Integer> {

  /** Where the sweep's cluster check prints a loopback cluster's note: nowhere, each run's log has it. */
  private static final PrintStream NO_NOTE = new PrintStream(OutputStream.nullOutputStream());

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "The sweep file (.yaml, .yml or .json).")
  private Path configFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (overrides out:).")
  private Path out;

  @Option(names = "--parallel", paramLabel = "N", description = "Runs at a time (overrides parallel:).")
  private Integer parallel;

  @Option(names = "--dry-run", description = "Print the planned runs and their commands; run nothing.")
  private boolean dryRun;

  @Mixin private TrustedNetworkOption network; // passed on to every run, which checks its own --cluster

  /** Replaces the child-process launcher (tests). */
  private RunLauncher launcher;

  /** Uses {@code launcher} instead of child JVMs (tests). */
  public SweepCommand withLauncher(RunLauncher launcher) {
    this.launcher = launcher;
    return this;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    Sweep sweep = Sweep.load(configFile);
    if (out != null) {
      sweep = sweep.withOut(out);
    }
    if (parallel != null) {
      sweep = sweep.withParallel(parallel);
    }
    SweepConfig config = sweep.config();
    if (dryRun) {
      printPlan(config, stdout);
      return LawnProgram.EXIT_OK;
    }
    if (launcher == null && !spec.root().subcommands().containsKey("train")) {
      // Fail before launching a grid of children that would each fail the same way.
      throw new IllegalArgumentException("this build of lawn has no 'train' command to run the sweep with");
    }
    RunLauncher chosen = launcher != null ? launcher : ChildJvmLauncher.forCurrentJvm(LawnProgram.MAIN_CLASS);
    checkClusters(config);
    if (network.acknowledged()) {
      RunLauncher plain = chosen;
      chosen = (arguments, log) -> {
        List<String> acknowledged = new ArrayList<>(arguments);
        acknowledged.add(0, NetworkExposure.FLAG);
        return plain.run(acknowledged, log);
      };
    }
    SweepResult result = sweep.run(chosen, RunConfigResolver.trainOptions(), stdout);
    String markdown = SweepSummaryWriter.markdown(result);
    stdout.println();
    stdout.print(markdown);
    stdout.println();
    stdout.println("lawn sweep: wrote " + config.out().resolve(SweepSummaryWriter.MARKDOWN_FILE)
        + " and " + SweepSummaryWriter.JSON_FILE);
    if (!result.succeeded()) {
      spec.commandLine().getErr().println(
          "lawn sweep: " + result.failures().size() + " failed run(s)"
              + (config.selection().isPresent() && result.best().isEmpty() ? ", no selection" : "")
              + "; see " + config.out().resolve(SweepSummaryWriter.MARKDOWN_FILE));
      return LawnProgram.EXIT_ERROR;
    }
    return LawnProgram.EXIT_OK;
  }

  /**
   * Refuses, before any run starts, a sweep whose runs train on a cluster beyond loopback without
   * {@code --trusted-network}: otherwise every child would fail the same way.
   */
  private void checkClusters(SweepConfig config) {
    RunConfigResolver resolver = RunConfigResolver.trainOptions();
    for (PlannedRun run : new SweepPlanner(config).plan()) {
      resolver.configJson(run).map(json -> json.path("cluster").isTextual() ? json.path("cluster").asText() : "")
          .ifPresent(cluster -> network.checkClient(cluster, NO_NOTE));
    }
  }

  private void printPlan(SweepConfig config, PrintWriter stdout) {
    SweepPlanner planner = new SweepPlanner(config);
    List<PlannedRun> plan = planner.plan();
    ChildJvmLauncher preview =
        launcher == null ? ChildJvmLauncher.forCurrentJvm(LawnProgram.MAIN_CLASS) : null;
    stdout.println(plan.size() + " runs (" + planner.gridPoints().size() + " grid points x "
        + config.seeds().size() + " seeds), " + config.parallel() + " at a time, into " + config.out()
        + (config.finalSeeds().isEmpty() ? "" : "; then the selected point with final seeds " + config.finalSeeds())
        + planner.threadsShare().stream().mapToObj(n -> "; each with --threads " + n + " (cores / parallel)")
            .findFirst().orElse(""));
    FinishedRunAdopter adopter = new FinishedRunAdopter(RunConfigResolver.trainOptions(), line -> { });
    adopter.plan(plan);
    for (PlannedRun run : plan) {
      List<String> args = TrainArguments.of(run);
      String state = Files.exists(run.directory().resolve(RunDirectory.SUMMARY)) ? " (finished: skipped)"
          : adopter.wouldAdopt(run).map(former -> " (finished as " + former + ": reused)").orElse("");
      stdout.println(run.name() + state + ": lawn train " + TrainArguments.shellText(args));
    }
    if (preview != null) {
      stdout.println("child command prefix: " + preview.describePrefix());
    }
  }
}
