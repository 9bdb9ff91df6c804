package dev.lawn.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Run-folder file names and the few file operations the reliability checks need. */
final class RunDirs {

  static final String CHECKPOINTS = RunDirectory.CHECKPOINTS;
  static final String SUMMARY = RunDirectory.SUMMARY;

  private RunDirs() {}

  static JsonNode summary(Path runDir) throws IOException {
    return MetricsRows.JSON.valueToTree(RunReader.summary(runDir).fields());
  }

  /** Copies a directory's regular files (not recursive) into {@code to}, created if needed. */
  static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
