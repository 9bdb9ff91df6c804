package dev.lawn.tools.bench;

import dev.lawn.bench.BenchReport;
import dev.lawn.bench.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --out FILE} option of every bench command, and printing the report. */
final class ReportOutput {

  @Option(names = "--out", paramLabel = "FILE",
      description = "also write the Markdown report to FILE and the raw numbers as JSON next to it (FILE.md -> FILE.json)")
  Path out;

  /** The command line as typed, for the report's header. */
  static String commandLine(CommandSpec spec) {
    CommandSpec root = spec.root();
    String name = root.name().equals("<main class>") ? "lawn" : root.name();
    return (name + " " + String.join(" ", root.commandLine().getParseResult().originalArgs())).strip();
  }

  /** Prints the report on the command's stdout and writes the files if asked. */
  void emit(BenchReport report, CommandSpec spec) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(report.markdown());
    stdout.flush();
    if (out != null) {
      report.write(out);
      Progress.to(spec.commandLine().getErr()).say("wrote " + out + " and " + BenchReport.jsonFileFor(out));
    }
  }
}
