package dev.lawn.tools.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lawn torture disk-full}: a checkpoint write that fails; a clear error, the previous checkpoint intact. */
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
    Files.createDirectories(work);
    Path data = TinyRatings.write(work.resolve("data"), 100, 200, 20, 7);
    TrainSettings settings = new TrainSettings(data, epochs, 256, 1, List.of());
    TrainChild child = TrainChild.forCurrentJvm(List.of());
    Path referenceRun = null;
    if (reference) {
      referenceRun = work.resolve("reference");
      int code = child.run(settings.arguments(referenceRun), work.resolve("reference.log"));
      if (code != 0) {
        System.err.println("disk-full: the reference run failed (exit " + code + "): see " + work.resolve("reference.log"));
        return 1;
      }
    }
    DiskFullCheck check = new DiskFullCheck(child);
    List<Check> checks = new java.util.ArrayList<>(check.run(faults, settings, work, referenceRun));
    checks.add(check.failedStart(new TrainSettings(data, 2, 256, 1, List.of()), work));
    StringBuilder text = new StringBuilder("disk full / unwritable output: lawn train " + String.join(" ", settings.options()) + "\n");
    checks.forEach(c -> text.append(c).append('\n'));
    boolean passed = checks.stream().allMatch(Check::passed);
    text.append(passed ? "RESULT: PASS\n" : "RESULT: FAIL\n");
    Files.writeString(work.resolve("disk-full-report.txt"), text);
    System.out.print(text);
    return passed ? 0 : 1;
  }
}
