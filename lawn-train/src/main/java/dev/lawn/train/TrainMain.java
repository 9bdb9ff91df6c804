package dev.lawn.train;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.train.config.OptionHelp;
import dev.lawn.train.config.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code lawn train} without the command line: a plain {@code main} that trains one run from the same
 * arguments, for child JVMs started by a Java program (a sweep, the reliability harnesses) with only the
 * library on the classpath.
 *
 * <pre>
 * java -cp CLASSPATH dev.lawn.train.TrainMain --out RUN_DIR [--config FILE] [--kernels auto|fused|graph] [--KEY VALUE ...]
 * </pre>
 *
 * <p>The options are {@code lawn train}'s, each with a value ({@link TrainOptions#parseFlags}), resolved
 * as {@code lawn train} resolves them ({@link TrainOptions#resolve}), checked by {@link RunPreflight}
 * before the run folder is touched, and trained by {@link Trainer}: the same run folder, logs, resume
 * (run the same arguments again) and {@code config.json}. Progress goes to stdout as plain lines
 * ({@link PlainProgress}, the start line {@code lawn-train: MODEL on DATA, ...}), then the summary line.
 *
 * <p>Exit codes: 0 success; 1 a failed run, with one line {@code lawn-train: MESSAGE} on stderr for a
 * user error (impossible option, missing data, I/O failure, divergence) and a stack trace for anything
 * else (a bug); 2 an argument list that does not parse.
 *
 * <p>{@code --help} prints the usage line and every option's help as plain text, from the same
 * {@link OptionHelp} that {@code lawn train --help} shows. What only the command line does is not done
 * here: there is no {@code --trusted-network} acknowledgment. A caller who passes
 * a {@code --cluster} beyond loopback takes on what {@code lawn train} asks that flag for: the workers'
 * TensorFlow servers are open, unauthenticated and unencrypted, to everyone who reaches them
 * (docs/SECURITY.md). The fused-kernel choice is the {@code --kernels} argument (default {@code auto}),
 * not a system property.
 */
public final class TrainMain {

  /** The first word of every line this program prints on its own. */
  public static final String PROGRAM = "lawn-train";

  /** Exit code of a finished run. */
  public static final int EXIT_OK = 0;
  /** Exit code of a failed run. */
  public static final int EXIT_ERROR = 1;
  /** Exit code of arguments that do not parse. */
  public static final int EXIT_USAGE = 2;

  private static final String USAGE = "usage: " + PROGRAM
      + " --out RUN_DIR [--config FILE] [--kernels auto|fused|graph] [--OPTION VALUE ...] (the options of lawn train)";

  /** The column {@link #help()} wraps descriptions at. */
  private static final int HELP_WIDTH = 80;

  private TrainMain() {}

  /** Runs {@link #run} on the process's streams and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Trains one run.
   *
   * @param args the arguments (see the class comment)
   * @param out progress lines and the summary line
   * @param err the one-line error (or a bug's stack trace)
   * @return the exit code
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(help());
      out.flush();
      return EXIT_OK;
    }
    TrainOptions.Flags flags;
    KernelChoice kernels;
    try {
      List<String> rest = new ArrayList<>(args);
      kernels = KernelChoice.parse(take(rest, "--kernels", "auto"), "--kernels");
      flags = TrainOptions.parseFlags(rest);
      if (flags.out() == null) {
        throw new IllegalArgumentException("--out RUN_DIR is required");
      }
    } catch (IllegalArgumentException e) {
      err.println(PROGRAM + ": " + UserErrors.oneLine(e.getMessage()) + " (" + USAGE + ")");
      return EXIT_USAGE;
    }
    try {
      // Every check that can fail runs before the run folder is opened: a rejected run writes nothing.
      TrainOptions.Resolved resolved = TrainOptions.resolve(flags);
      TrainConfig config = RunPreflight.check(resolved.config());
      resolved.notes().forEach(note -> out.println(PROGRAM + ": " + note));
      Path dir = flags.out();
      Map<String, Object> summary = new Trainer(config, dir, new PlainProgress(out, PROGRAM)).kernels(kernels).run();
      out.println(PlainProgress.summaryLine(summary, dir));
      return EXIT_OK;
    } catch (Exception e) {
      if (UserErrors.isUserError(e)) {
        err.println(PROGRAM + ": " + UserErrors.message(e));
      } else {
        err.println(PROGRAM + ": internal error (a bug, please report):");
        e.printStackTrace(err);
      }
      return EXIT_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The usage line, then each option: its flag and value on one line, its description wrapped under it. */
  static String help() {
    StringBuilder help = new StringBuilder(USAGE).append(System.lineSeparator()).append(System.lineSeparator());
    option(help, "--out=RUN_DIR", "run directory (created, or resumed)");
    option(help, "--config=FILE", "YAML or JSON file of options (snake_case keys); the options given win");
    option(help, "--kernels=auto|fused|graph", OptionHelp.KERNELS + " (default auto)");
    for (OptionHelp.Entry entry : OptionHelp.all()) {
      option(help, entry.usage(), entry.description());
    }
    help.append(System.lineSeparator());
    wrap(help, "", "There is no --trusted-network here: with a --cluster beyond loopback, the workers' TensorFlow "
        + "servers are open, unauthenticated and unencrypted, to everyone who reaches them (docs/SECURITY.md).");
    return help.toString();
  }

  private static void option(StringBuilder help, String usage, String description) {
    help.append("  ").append(usage).append(System.lineSeparator());
    wrap(help, "      ", description);
  }

  /** Appends {@code text} as lines of at most {@link #HELP_WIDTH} columns (a longer word stands alone), each indented. */
  private static void wrap(StringBuilder help, String indent, String text) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > HELP_WIDTH) {
        help.append(line).append(System.lineSeparator());
        line.setLength(0);
        line.append(indent);
      } else if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    help.append(line).append(System.lineSeparator());
  }

  /** Removes {@code --name VALUE} or {@code --name=VALUE} from {@code args} and returns the value. */
  private static String take(List<String> args, String name, String absent) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith(name + "=")) {
        return args.remove(i).substring(name.length() + 1);
      }
      if (args.get(i).equals(name)) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        args.remove(i);
        return args.remove(i);
      }
    }
    return absent;
  }
}
