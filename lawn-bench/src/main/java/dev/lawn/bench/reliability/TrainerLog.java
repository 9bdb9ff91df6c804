package dev.lawn.bench.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a trainer's log shows about the child's progress. The trainer is {@code lawn train} or
 * lawn-train's {@code TrainMain}: their lines start with {@code lawn train: } or {@code lawn-train: }.
 */
final class TrainerLog {

  /** The trainer's own lines: its start line, notes and one-line errors. */
  private static final Pattern OWN_LINE = Pattern.compile("^lawn[ -]train: ");

  /**
   * The start line {@code PlainProgress.startLine} makes once the graph is built and the checkpoint
   * restored ("lawn train: ncf-mlp on ..., 6 epochs (38 steps each)"); error lines also start with
   * "lawn train: ", hence the tail.
   */
  private static final Pattern START_LINE = Pattern.compile("(?m)^lawn[ -]train: .* epochs \\(\\d+ steps each\\)");

  private TrainerLog() {}

  /** Whether {@code line} is one of the trainer's own lines other than its start line (an error, a note). */
  static boolean isMessage(String line) {
    return OWN_LINE.matcher(line).find() && !line.contains(" epochs (");
  }

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
