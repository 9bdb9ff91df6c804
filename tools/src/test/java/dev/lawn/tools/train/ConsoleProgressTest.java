package dev.lawn.tools.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress display: frames that fit the width, messages above the bar, plain lines off a terminal. */
class ConsoleProgressTest {

  private static final String ERASE = "\r\u001b[K";

  @ParameterizedTest(name = "{0} columns")
  @ValueSource(ints = {40, 80, 120, 200})
  void framesFitTheWidthAndKeepFieldsApart(int columns) {
    for (int step : new int[] {1, 218, 483}) {
      String line = ProgressLine.render(12, 20, step, 484, 109.0, 0.37081, columns);
      assertTrue(line.length() < columns, line.length() + " >= " + columns + ": " + line);
      assertTrue(line.startsWith("epoch 12/20 "), line);
      assertTrue(line.contains(step + "/484 steps"), line);
      assertFalse(line.contains("steps/sloss"), line);
    }
    String wide = ProgressLine.render(2, 3, 218, 484, 109.0, 0.37081, 120);
    assertTrue(wide.matches("epoch 2/3  45% \\[=+> +\\] 218/484 steps  109 steps/s  ETA 0:02  loss 0\\.3708"), wide);
  }

  private record Captured(ConsoleProgress progress, ByteArrayOutputStream bytes) {
    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static Captured progress(boolean interactive) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), interactive, () -> 80);
    p.onStart(TrainConfig.defaults(), 0, 5, "model");
    return new Captured(p, bytes);
  }

  @Test
  void messagesGoAboveTheBarNeverIntoIt() {
    Captured c = progress(true);
    c.progress().onEpochStart(1);
    c.progress().onSwitch(1, 5, "e-free 1"); // at the epoch's start: no bar yet, so none left behind
    c.progress().onStep(1, 1, 5, () -> 0.5);
    c.progress().onMessage("LAWN group 'x' is inactive");
    c.progress().onStep(1, 5, 5, () -> 0.4);
    c.progress().onEvaluation(Map.of("epoch", 2, "loss", 0.4, "phase", "constrained"));
    String text = c.text();
    assertFalse(text.contains("0/1") || text.contains("/1 steps"), text);
    // Every message starts on a fresh line: after a newline or after the bar was erased.
    for (String message : List.of("LAWN: constrained training from epoch 2", "LAWN group 'x' is inactive",
        "epoch 2/20  loss 0.4000")) {
      int at = text.indexOf(message);
      assertTrue(at > 0, message + " in " + text);
      assertTrue(text.charAt(at - 1) == '\n' || text.startsWith(ERASE, at - ERASE.length()),
          "fresh line before '" + message + "': " + text.replace("\u001b", "ESC").replace("\r", "CR"));
      String rest = text.substring(at, text.indexOf('\n', at));
      assertFalse(rest.contains("\r") || rest.contains("\u001b"), "nothing drawn into the line: " + rest);
    }
    // The first frame already has the real total, and the bar is redrawn below the message.
    assertTrue(text.contains(ERASE + "epoch 2/20  20% ["), text);
    int message = text.indexOf("LAWN group 'x' is inactive\n");
    assertTrue(text.indexOf(ERASE + "epoch 2/20  20%", message) > message, "bar redrawn below the message");
  }

  @Test
  void longLinesBreakBetweenFieldsOnATerminal() {
    String row = "epoch 1/3  loss 0.4184  hr@10 0.3860  ndcg@10 0.2119  margin_p50 1.290  lr 0.001000  free";
    String folded = ConsoleProgress.fold(row, 80);
    assertEquals("epoch 1/3  loss 0.4184  hr@10 0.3860  ndcg@10 0.2119  margin_p50 1.290"
        + System.lineSeparator() + "    lr 0.001000  free", folded);
    assertEquals(row, ConsoleProgress.fold(row, 120));
  }

  @Test
  void offATerminalEveryLineIsPlain() {
    Captured c = progress(false);
    c.progress().onEpochStart(0);
    c.progress().onStep(0, 1, 5, () -> 0.5);
    c.progress().onStep(0, 5, 5, () -> 0.4);
    c.progress().onEvaluation(Map.of("epoch", 1, "loss", 0.4, "phase", "free"));
    String text = c.text();
    assertFalse(text.contains("\r") || text.contains("\u001b"), text);
    assertEquals(2, text.lines().count(), text);
    assertTrue(text.lines().toList().get(1).startsWith("epoch 1/20  loss 0.4000"), text);
  }
}
