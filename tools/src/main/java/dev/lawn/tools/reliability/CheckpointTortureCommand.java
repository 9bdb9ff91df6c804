package dev.lawn.tools.reliability;

import dev.lawn.bench.reliability.TinyRatings;
import dev.lawn.bench.reliability.TortureReport;
import dev.lawn.bench.reliability.TortureSession;
import dev.lawn.bench.reliability.TrainChild;
import dev.lawn.bench.reliability.TrainSettings;
import dev.lawn.tools.LawnProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lawn torture checkpoints}: SIGKILL {@code lawn train} many times, resume, compare. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Kill lawn train with SIGKILL at random moments (a share of them during checkpoint writes),",
        "resume each time, then check that the run finished, every checkpoint is sound and the",
        "per-epoch metrics equal an uninterrupted run's. Exit 0 when every check passes."})
public final class CheckpointTortureCommand implements Callable<Integer> {

  @Option(names = "--work", required = true, paramLabel = "DIR", description = "empty work folder (runs, logs, report)")
  Path work;

  @Option(names = "--kills", defaultValue = "50", description = "SIGKILLs to survive (default ${DEFAULT-VALUE})")
  int kills;

  @Option(names = "--epochs", defaultValue = "40", description = "epochs of the run (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "256", description = "batch size (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--seed", defaultValue = "1", description = "training seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--kill-seed", defaultValue = "7", description = "seed of the kill moments (default ${DEFAULT-VALUE})")
  long killSeed;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "MovieLens-100k folder (default: a synthetic 100 users x 200 items set in the work folder)")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Path data = dataDir != null ? dataDir : TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, epochs, batchSize, seed, List.of());
    TortureReport report = new TortureSession(TrainChild.forCurrentJvm(List.of(), LawnProgram.MAIN_CLASS, "train"), System.err::println)
        .run(settings, work, kills, killSeed, true);
    String text = report.text();
    Files.writeString(work.resolve("torture-report.txt"), text);
    System.out.print(text);
    return report.passed() ? 0 : 1;
  }
}
