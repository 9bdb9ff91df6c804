package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  @TempDir Path temp;

  @Test
  void deletesANestedTreeAndToleratesAMissingPath() throws Exception {
    Path root = temp.resolve("run");
    Files.createDirectories(root.resolve("checkpoints/ckpt-1"));
    Files.writeString(root.resolve("checkpoints/ckpt-1/state.json"), "{}");
    Files.writeString(root.resolve("metrics.jsonl"), "{}\n");
    FileTrees.deleteTree(root);
    assertFalse(Files.exists(root));
    FileTrees.deleteTree(root); // already gone: nothing to do
    FileTrees.deleteTree(temp.resolve("never-existed"));
  }

  @Test
  void deletesASingleFile() throws Exception {
    Path file = Files.writeString(temp.resolve("summary.json"), "{}");
    FileTrees.deleteTree(file);
    assertFalse(Files.exists(file));
  }

  @Test
  void deletesLinksWithoutFollowingThem() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("keep.txt"), "data");
    Path root = Files.createDirectories(temp.resolve("tree"));
    try {
      Files.createSymbolicLink(root.resolve("link"), outside);
    } catch (UnsupportedOperationException | java.io.IOException noLinks) {
      return; // a file system without symbolic links has nothing to test here
    }
    FileTrees.deleteTree(root);
    assertFalse(Files.exists(root));
    assertTrue(Files.exists(kept), "a link's target outside the tree survives");
  }
}
