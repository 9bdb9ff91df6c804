package dev.lawn.tools.status;

import dev.lawn.train.RunStatus;
import dev.lawn.train.RunStatusTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(names = "--running", description = "Show only unfinished runs (running, paused, stopped or failed).")
  private boolean running;

  @Option(names = "--watch", paramLabel = "SECONDS",
      description = "Show the runs again every SECONDS seconds, each time under a line with the time, for as"
          + " long as any of them is running (a paused one does not count); stop when none is (Ctrl-C stops"
          + " sooner). With --json, one array per line.")
  private Integer watchSeconds;

  @Override
  public Integer call() throws Exception {
    if (watchSeconds != null && watchSeconds <= 0) {
      throw new ParameterException(spec.commandLine(), "--watch takes a positive number of seconds, not " + watchSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    while (true) {
      List<RunStatus> statuses = RunStatus.under(paths); // found again each time: a sweep adds folders
      if (statuses.isEmpty()) {
        throw new IllegalArgumentException("no run folder (a folder with config.json) under "
            + paths.stream().map(Path::toString).collect(Collectors.joining(", ")));
      }
      long live = statuses.stream().filter(st -> st.state() == RunStatus.State.RUNNING).count();
      List<RunStatus> shown = running ? statuses.stream().filter(RunStatus::unfinished).toList() : statuses;
      if (watchSeconds != null && !json) {
        out.println("-- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + ", " + live + " of "
            + statuses.size() + " running" + (live > 0 ? "; again in " + watchSeconds + " s" : "; done"));
      }
      out.print(json ? RunStatusTable.json(shown) + "\n" : RunStatusTable.table(shown));
      out.flush();
      if (watchSeconds == null || live == 0) {
        return 0;
      }
      Thread.sleep(watchSeconds * 1000L);
    }
  }
}
