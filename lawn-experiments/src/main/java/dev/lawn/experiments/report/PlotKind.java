package dev.lawn.experiments.report;

import java.util.Arrays;
import java.util.Optional;

/** The plots a report draws ({@link Report#plot}), each with its name and PNG file name. */
public enum PlotKind {
  /** Metric (and margin_p50) vs epoch: the paper's Figure 1. */
  EPOCH("epoch", "epoch.png"),
  /** Final metric vs batch size, one line per optimizer: the paper's Figure 2. */
  BATCH_SIZE("batch-size", "batch-size.png");

  private final String cliName;
  private final String fileName;

  PlotKind(String cliName, String fileName) {
    this.cliName = cliName;
    this.fileName = fileName;
  }

  /** The plot's name, e.g. {@code batch-size} (the command line's {@code --plot} value). */
  public String cliName() {
    return cliName;
  }

  /** The PNG file name inside the report directory. */
  public String fileName() {
    return fileName;
  }

  /** The plot of a name ({@link #cliName}), empty for an unknown name. */
  public static Optional<PlotKind> named(String name) {
    return Arrays.stream(values()).filter(kind -> kind.cliName.equals(name)).findFirst();
  }
}
