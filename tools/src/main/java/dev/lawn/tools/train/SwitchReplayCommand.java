package dev.lawn.tools.train;

import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.switching.EpochObservation;
import dev.lawn.ops.switching.SwitchGate;
import dev.lawn.ops.switching.SwitchRule;
import dev.lawn.ops.switching.SwitchRules;
import dev.lawn.train.MetricsRow;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lawn switch-replay}: where an automatic {@code --e-free} rule would have switched, replayed
 * on the per-epoch log of a run that trained freely (a plain optimizer without weight decay, or a
 * LAWN run before its switch). The rules read only the epoch's training loss and median training
 * margin, which {@code metrics.jsonl} holds when the run evaluated every epoch.
 */
@Command(name = "switch-replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replay automatic --e-free rules on the metrics.jsonl of runs that trained freely, "
        + "logged every epoch (--eval-every 1): at which epoch each rule would switch, and why."})
public final class SwitchReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--e-free", split = ",", defaultValue = "margin-level,loss-knee,auto",
      description = "the rules, comma-separated (default ${DEFAULT-VALUE})")
  List<String> rules;

  @Option(names = "--warmup-epochs", description = "the warm-up the rules wait for (default: each run's config.json)")
  Double warmupEpochs;

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run directories")
  List<Path> runs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<SwitchRule> parsed = new ArrayList<>();
    for (String r : rules) {
      SwitchPolicy policy;
      try {
        policy = SwitchPolicy.parse(r);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--e-free: " + e.getMessage());
      }
      parsed.add(SwitchRules.of(policy).orElseThrow(
          () -> new IllegalArgumentException("--e-free: '" + r + "' is not an automatic rule")));
    }
    List<String> lines = new ArrayList<>(); // printed once every run has been read: an error prints nothing else
    for (Path run : runs) {
      double warmup = warmupEpochs != null ? warmupEpochs
          : warmupOf(run);
      List<EpochObservation> history = freeHistory(run);
      for (SwitchRule rule : parsed) {
        SwitchGate gate = new SwitchGate(rule, warmup);
        Optional<String> why = Optional.empty();
        int epoch = -1;
        for (int n = 1; n <= history.size() && why.isEmpty(); n++) {
          why = gate.decide(history.subList(0, n), false);
          epoch = n;
        }
        lines.add(String.format("| %s | %s | %d | %s | %s | %s |", run, warmup, history.size(), rule.name(),
            why.isPresent() ? Integer.toString(epoch) : "none", why.orElse("did not fire while the run was free")));
      }
    }
    out.println("| run | warm-up | free epochs logged | rule | switch epoch | why |");
    out.println("| --- | --- | --- | --- | --- | --- |");
    lines.forEach(out::println);
    out.flush();
    return 0;
  }

  /** The run's rows up to its first constrained one, which must be epochs 1, 2, 3, ... */
  private static List<EpochObservation> freeHistory(Path run) throws IOException {
    Path metrics = run.resolve(RunDirectory.METRICS);
    List<MetricsRow> rows;
    try {
      rows = RunReader.metrics(run);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(metrics + ": no such file (is " + run + " a run directory?)");
    }
    List<EpochObservation> history = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      MetricsRow row = rows.get(i);
      if ("constrained".equals(row.phase())) {
        break;
      }
      int epoch = (int) row.value("epoch").orElse(0);
      if (epoch != history.size() + 1) {
        throw new IllegalArgumentException(metrics + " line " + (i + 1) + ": epoch " + epoch + " where "
            + (history.size() + 1) + " was expected; replaying needs a run evaluated every epoch (--eval-every 1)");
      }
      history.add(new EpochObservation(epoch, row.value("loss").orElse(0), row.value("margin_p50").orElse(0)));
    }
    return history;
  }

  /** The run's warm-up from its config.json. */
  private static double warmupOf(Path run) throws IOException {
    Path file = run.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file; give --warmup-epochs");
    }
    return RunReader.config(run).get("warmup_epochs") instanceof Number n ? n.doubleValue() : 0;
  }
}
