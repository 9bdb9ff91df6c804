package dev.lawn.tools.reliability;

import dev.lawn.bench.reliability.DiskFullHarness;
import dev.lawn.bench.reliability.OutputFault;
import dev.lawn.bench.reliability.TrainChild;
import dev.lawn.tools.LawnProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lawn torture disk-full}: the flags of {@link DiskFullHarness} (a checkpoint write that fails;
 * a clear error, the previous checkpoint intact).
 */
@Command(name = "disk-full", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Make lawn train's checkpoint write fail (file-size limit, unwritable checkpoint folder, full",
        "file system), check the error and the previous checkpoint, then resume. Exit 0 when every check passes."})
public final class DiskFullCommand implements Callable<Integer> {

  @Option(names = "--work", required = true, paramLabel = "DIR",
      description = "empty work folder (for FULL_DISK: on a small file system such as a 4 MiB tmpfs)")
  Path work;

  @Option(names = "--fault", split = ",", defaultValue = "FILE_SIZE_LIMIT,UNWRITABLE_CHECKPOINTS",
      description = "faults to try: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  List<OutputFault> faults;

  @Option(names = "--epochs", defaultValue = "4", description = "epochs of the run (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--no-reference", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "also train an uninterrupted reference and compare the resumed runs with it (default on)")
  boolean reference;

  @Override
  public Integer call() throws Exception {
    TrainChild child = TrainChild.forCurrentJvm(List.of(), LawnProgram.MAIN_CLASS, "train");
    DiskFullHarness.Result result;
    try {
      result = new DiskFullHarness(child, faults, epochs, reference).run(work);
    } catch (IOException e) {
      System.err.println("disk-full: " + e.getMessage());
      return 1;
    }
    System.out.print(result.text());
    return result.passed() ? 0 : 1;
  }
}
