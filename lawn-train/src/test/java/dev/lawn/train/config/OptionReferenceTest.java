package dev.lawn.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/OPTIONS.md is the option help of this build, every option in it. */
class OptionReferenceTest {

  /** The checkout's docs/OPTIONS.md (tests run in the module's folder). */
  private static final Path DOC = Path.of("..", "docs", "OPTIONS.md");

  @Test
  void everyOptionHasARow() {
    String doc = OptionReference.markdown();
    for (OptionHelp.Entry e : OptionHelp.all()) {
      assertTrue(doc.contains("| `" + e.flag() + "` | `" + e.key() + "` |"), e.key());
    }
    assertTrue(doc.contains("`--batch-size` | `batch_size` | `<batchSize>` | examples per optimizer step (default"),
        doc);
    assertTrue(doc.contains("`--cluster` | `cluster` | `HOST:PORT,...\\|FILE` |"), "a pipe in a cell is escaped");
  }

  @Test
  void theDocumentIsUpToDate() throws Exception {
    String want = OptionReference.markdown();
    if (Boolean.getBoolean("lawn.writeDocs")) {
      Files.writeString(DOC, want, StandardCharsets.UTF_8);
    }
    assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath() + " is missing");
    assertEquals(want, Files.readString(DOC, StandardCharsets.UTF_8), "docs/OPTIONS.md differs from the option help: "
        + "regenerate it with mvn -pl lawn-train test -Dtest=OptionReferenceTest -Dlawn.writeDocs=true");
  }
}
