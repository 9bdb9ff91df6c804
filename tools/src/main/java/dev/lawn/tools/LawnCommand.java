package dev.lawn.tools;

import dev.lawn.tools.bench.BenchCommand;
import dev.lawn.tools.export.ExportCommand;
import dev.lawn.tools.predict.PredictCommand;
import dev.lawn.tools.quickstart.QuickstartCommand;
import dev.lawn.tools.reliability.TortureCommand;
import dev.lawn.tools.report.ReportCommand;
import dev.lawn.tools.status.StatusCommand;
import dev.lawn.tools.sweep.SweepCommand;
import dev.lawn.tools.train.SwitchReplayCommand;
import dev.lawn.tools.train.TrainCommand;
import dev.lawn.tools.worker.WorkerCommand;
import dev.lawn.train.UserErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code lawn} command line: a picocli top command whose subcommands do the work.
 *
 * <p>Exit codes: {@value LawnProgram#EXIT_OK} on success, {@value LawnProgram#EXIT_USAGE} for a command line picocli
 * rejects (unknown option, bad value), {@value LawnProgram#EXIT_ERROR} when a command fails. User errors (bad
 * options, bad files, invalid configuration) print one line on stderr, never a stack trace; any
 * other exception is a bug and prints its stack trace. {@code LAWN_DEBUG=1} prints stack traces for
 * user errors too.
 *
 * <p>A user error is a {@link ParameterException} or what {@link UserErrors#isUserError} says is one (an
 * {@link IllegalArgumentException}, the project's convention for validation in constructors, whose
 * message names the option, file or line; a missing or malformed data set; an I/O failure).
 */
@Command(
    name = "lawn",
    mixinStandardHelpOptions = true,
    versionProvider = LawnCommand.Version.class,
    description = "LAWN (Logit Attenuating Weight Normalization) training toolkit.",
    subcommands = {
      ReportCommand.class,
      SweepCommand.class,
      StatusCommand.class,
      TrainCommand.class,
      SwitchReplayCommand.class,
      ExportCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      QuickstartCommand.class,
      TortureCommand.class,
      WorkerCommand.class
    })
public final class LawnCommand implements Runnable {

  @Spec private CommandSpec spec;

  /** Entry point of the {@code ./lawn} launcher. */
  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given streams (tests pass their own).
   *
   * @return the process exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    // Plots are rendered off-screen; must be set before any AWT class loads.
    System.setProperty("java.awt.headless", "true");
    CommandLine commandLine = newCommandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured command tree, with the one-line error handlers. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new LawnCommand());
    commandLine.setExitCodeExceptionMapper(LawnCommand::exitCodeOf);
    commandLine.setParameterExceptionHandler(LawnCommand::handleParameterException);
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> handleExecutionException(ex, cmd));
    return commandLine;
  }

  @Override
  public void run() {
    // `lawn` alone: show what it can do.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int exitCodeOf(Throwable t) {
    return t instanceof ParameterException ? LawnProgram.EXIT_USAGE : LawnProgram.EXIT_ERROR;
  }

  private static int handleParameterException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = OneLine.of(ex.getMessage());
    if (ex instanceof UnmatchedArgumentException unmatched
        && cmd.getCommandSpec().subcommands().size() > 0
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      // picocli lists every remaining argument; the first one is the unknown command.
      message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
    if (debug()) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return LawnProgram.EXIT_USAGE;
  }

  private static int handleExecutionException(Exception ex, CommandLine cmd) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof ParameterException pe) {
      return handleParameterException(pe, new String[0]);
    }
    if (isUserError(ex)) {
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + userMessage(ex));
      if (debug()) {
        ex.printStackTrace(err);
      }
    } else {
      err.println(cmd.getCommandSpec().qualifiedName() + ": internal error (a bug, please report):");
      ex.printStackTrace(err);
    }
    err.flush();
    return LawnProgram.EXIT_ERROR;
  }

  static boolean isUserError(Throwable t) {
    return UserErrors.isUserError(t);
  }

  /** One line naming what went wrong; NoSuchFileException's message alone is just a path. */
  static String userMessage(Throwable t) {
    return UserErrors.message(t);
  }

  private static boolean debug() {
    String value = System.getenv("LAWN_DEBUG");
    return value != null && !value.isEmpty() && !value.equals("0");
  }

  /** Version from the jar's Maven metadata; a development build (classes dir) has none. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "lawn " + mavenVersion("dev.lawn", "lawn-tools", "(development build)"),
        "TensorFlow Java " + mavenVersion("org.tensorflow", "tensorflow-core-api", "(unknown)"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }

    private static String mavenVersion(String groupId, String artifactId, String fallback) {
      String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
      try (InputStream in = LawnCommand.class.getResourceAsStream(resource)) {
        if (in == null) {
          return fallback;
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", fallback);
      } catch (IOException e) {
        return fallback;
      }
    }
  }
}
