package dev.lawn.ops.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLibraryCacheTest {

  @Test
  void oneFilePerVersionWrittenOnceAndReused(@TempDir Path root) throws IOException {
    var cache = new KernelLibraryCache(root);
    byte[] v1 = {1, 2, 3};
    Path first = cache.file(v1);
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(first, written);
    Path again = cache.file(v1);
    assertEquals(first, again);
    assertEquals(written, Files.getLastModifiedTime(again), "reused, not rewritten");
    assertEquals(KernelLibraryCache.FILE_NAME, first.getFileName().toString());
    Path other = cache.file(new byte[] {4, 5});
    assertNotEquals(first.getParent(), other.getParent(), "another version, another directory");
    assertEquals(List.of(first, other).stream().sorted().toList(), files(root), "no temporary file left");
  }

  @Test
  void aCopyWhoseBytesDifferIsReplaced(@TempDir Path root) throws IOException {
    var cache = new KernelLibraryCache(root);
    byte[] library = {9, 8, 7, 6};
    Path file = cache.file(library);
    Files.write(file, new byte[] {9, 8}); // torn or altered
    assertEquals(file, cache.file(library));
    assertArrayEquals(library, Files.readAllBytes(file));
    assertEquals(List.of(file), files(root));
  }

  @Test
  void loadingTheLibraryLeavesNoTemporaryFile() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = temporaryCopies(tmp);
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    assertEquals(before, temporaryCopies(tmp));
  }

  private static List<Path> temporaryCopies(Path tmp) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("liblawn_kernels")).sorted().toList();
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
