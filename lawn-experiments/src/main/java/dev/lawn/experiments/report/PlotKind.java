package dev.lawn.tools.report;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;

/** The plots {@code lawn report --plot} draws, named as on the command line. */
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

  /** The name used on the command line. */
  public String cliName() {
    return cliName;
  }

  /** The PNG file name inside the report directory. */
  public String fileName() {
    return fileName;
  }

  /** picocli converter accepting the command-line names. */
  public static final class Converter implements ITypeConverter<PlotKind> {
    @Override
    public PlotKind convert(String value) {
      for (PlotKind kind : values()) {
        if (kind.cliName.equals(value)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "'" + value + "' is not a plot; choose one of "
              + Arrays.stream(values()).map(PlotKind::cliName).collect(Collectors.joining(", ")));
    }
  }
}
