package dev.lawn.tools;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.ConfigFiles;
import org.junit.jupiter.api.Test;

class LawnCommandTest {

  @Test
  void helpListsSubcommands() {
    LawnRun result = lawn("--help");
    assertEquals(0, result.code());
    assertTrue(result.out().contains("report") && result.out().contains("sweep"), result.out());
    assertEquals(0, lawn("report", "--help").code());
  }

  @Test
  void everySubcommandIsRegistered() {
    assertEquals(
        java.util.Set.of("report", "sweep", "train", "switch-replay", "export", "predict", "bench",
            "quickstart", "torture", "worker", "status"),
        LawnCommand.newCommandLine().getSubcommands().keySet());
  }

  @Test
  void childJvmsRunTheTopCommand() {
    // LawnProgram names the main class as a string (no import of LawnCommand); it must stay right.
    assertEquals(LawnCommand.class.getName(), LawnProgram.MAIN_CLASS);
  }

  @Test
  void versionNamesLawnAndTensorFlow() {
    LawnRun result = lawn("--version");
    assertEquals(0, result.code());
    assertTrue(result.out().startsWith("lawn "), result.out());
    assertTrue(result.out().contains("TensorFlow Java 1.1.0"), result.out());
  }

  @Test
  void usageErrorsAreOneLineNamingTheOption() {
    LawnRun unknown = lawn("report", "--bogus", "x");
    assertEquals(2, unknown.code());
    assertEquals("lawn report: Unknown option: '--bogus' (see 'lawn report --help')\n", unknown.err());

    LawnRun badNumber = lawn("report", "runs", "--width", "wide");
    assertEquals(2, badNumber.code());
    assertEquals(1, badNumber.err().strip().split("\n").length, badNumber.err());
    assertTrue(badNumber.err().contains("'--width'"), badNumber.err());

    LawnRun noCommand = lawn("frobnicate", "--x", "1");
    assertEquals(2, noCommand.code());
    assertEquals("lawn: unknown command 'frobnicate' (see 'lawn --help')\n", noCommand.err());
  }

  @Test
  void multiLineMessagesAreFoldedWhole() {
    assertEquals("while parsing: in 'reader', line 2; expected ','",
        OneLine.of("while parsing:\n in 'reader', line 2\n\nexpected ','\n"));
    assertEquals("one line", OneLine.of("one line"));
    assertEquals("", OneLine.of(null));
  }

  @Test
  void yamlExplanationKeepsProblemAndContextWithoutExcerpts() {
    String snake = "while parsing a flow sequence\n in 'reader', line 2, column 9:\n    epochs: [1, 2\n"
        + "            ^\nexpected ',' or ']', but got :\n in 'reader', line 3, column 3:\n    lr: 3\n      ^\n";
    assertEquals("expected ',' or ']', but got : (while parsing a flow sequence at line 2, column 9)",
        ConfigFiles.explanation(snake));
    assertEquals("mapping values are not allowed here",
        ConfigFiles.explanation("mapping values are not allowed here\n in 'reader', line 1, column 5:\n    a: b: c\n        ^\n"));
  }

  @Test
  void userErrorsVersusBugs() {
    assertTrue(LawnCommand.isUserError(new IllegalArgumentException("x")));
    assertTrue(LawnCommand.isUserError(new java.io.IOException("x")));
    assertTrue(!LawnCommand.isUserError(new NullPointerException()));
  }
}
