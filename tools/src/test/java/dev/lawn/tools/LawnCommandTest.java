package dev.lawn.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.train.ConfigFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LawnCommandTest {

  private static String[] lawn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LawnCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void helpListsSubcommands() {
    String[] result = lawn("--help");
    assertEquals("0", result[0]);
    assertTrue(result[1].contains("report") && result[1].contains("sweep"), result[1]);
    assertEquals("0", lawn("report", "--help")[0]);
  }

  @Test
  void everySubcommandIsRegistered() {
    assertEquals(
        java.util.Set.of("report", "sweep", "train", "switch-replay", "export", "predict", "bench",
            "quickstart", "torture", "worker"),
        LawnCommand.newCommandLine().getSubcommands().keySet());
  }

  @Test
  void childJvmsRunTheTopCommand() {
    // LawnProgram names the main class as a string (no import of LawnCommand); it must stay right.
    assertEquals(LawnCommand.class.getName(), LawnProgram.MAIN_CLASS);
  }

  @Test
  void versionNamesLawnAndTensorFlow() {
    String[] result = lawn("--version");
    assertEquals("0", result[0]);
    assertTrue(result[1].startsWith("lawn "), result[1]);
    assertTrue(result[1].contains("TensorFlow Java 1.1.0"), result[1]);
  }

  @Test
  void usageErrorsAreOneLineNamingTheOption() {
    String[] unknown = lawn("report", "--bogus", "x");
    assertEquals("2", unknown[0]);
    assertEquals("lawn report: Unknown option: '--bogus' (see 'lawn report --help')\n", unknown[2]);

    String[] badNumber = lawn("report", "runs", "--width", "wide");
    assertEquals("2", badNumber[0]);
    assertEquals(1, badNumber[2].strip().split("\n").length, badNumber[2]);
    assertTrue(badNumber[2].contains("'--width'"), badNumber[2]);

    String[] noCommand = lawn("frobnicate", "--x", "1");
    assertEquals("2", noCommand[0]);
    assertEquals("lawn: unknown command 'frobnicate' (see 'lawn --help')\n", noCommand[2]);
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
