package dev.lawn.tools.status;

import dev.lawn.train.RunStatus;
import dev.lawn.train.RunStatusTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lawn status PATH...}: where runs stand (a thin front of {@link RunStatus}). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show where runs stand: finished, running (a live process holds the folder), stopped (resume it"
          + " by running the same command again) or failed (the trainer ended it with an error, shown),"
          + " epoch, phase, loss, main metric, time left or taken.",
      "Read-only: it only reads files under the given paths, sends no signal and takes no lock."
    })
public final class StatusCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Run folders or folders of runs (searched recursively).")
  private List<Path> paths;

  @Option(names = "--json", description = "Print one JSON array (for scripts) instead of the table.")
  private boolean json;

  @Option(names = "--running", description = "Show only unfinished runs (running, stopped or failed).")
  private boolean running;

  @Override
  public Integer call() throws Exception {
    List<RunStatus> statuses = RunStatus.under(paths);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("no run folder (a folder with config.json) under "
          + paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
    }
    if (running) {
      statuses = statuses.stream().filter(RunStatus::unfinished).toList();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? RunStatusTable.json(statuses) + "\n" : RunStatusTable.table(statuses));
    out.flush();
    return 0;
  }
}
