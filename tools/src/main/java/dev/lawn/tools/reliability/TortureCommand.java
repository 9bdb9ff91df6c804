package dev.lawn.tools.reliability;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lawn torture}: reliability harnesses for {@code lawn train} (checkpoint kills, native
 * memory soak, disk full). Also runnable on its own: {@code java -cp ...
 * dev.lawn.tools.reliability.TortureCommand checkpoints --work DIR}; the harnesses themselves are
 * library classes in {@code dev.lawn.bench.reliability} (lawn-bench).
 */
@Command(name = "torture", mixinStandardHelpOptions = true,
    description = "Reliability harnesses for lawn train (see docs/RELIABILITY.md).",
    subcommands = {CheckpointTortureCommand.class, SoakCommand.class, DiskFullCommand.class})
public final class TortureCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs a harness without the {@code lawn} launcher. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new TortureCommand());
    cli.setOut(new PrintWriter(System.out, true));
    cli.setErr(new PrintWriter(System.err, true));
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
