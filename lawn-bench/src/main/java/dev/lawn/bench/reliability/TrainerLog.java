package dev.lawn.bench.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What a {@code lawn train} log shows about the child's progress. */
final class TrainerLog {

  /**
   * The start line {@code ConsoleProgress} prints once the graph is built and the checkpoint
   * restored ("lawn train: ncf-mlp on ..., 6 epochs (38 steps each)"); error lines also start with
   * "lawn train: ", hence the tail.
   */
  private static final Pattern START_LINE = Pattern.compile("(?m)^lawn train: .* epochs \\(\\d+ steps each\\)");

  private TrainerLog() {}

  /** Whether the trainer printed its start line. */
  static boolean started(Path log) throws IOException {
    try {
      // Latin-1 never fails on a half-written UTF-8 sequence at the end of a growing file.
      return START_LINE.matcher(new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1)).find();
    } catch (NoSuchFileException absent) {
      return false;
    }
  }
}
