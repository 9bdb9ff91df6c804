package dev.lawn.ops.kernels;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the native kernel library is put on disk for {@code TensorFlow.loadLibrary}: once per
 * library version in a per-user cache, {@code $XDG_CACHE_HOME/lawn/<sha-256 prefix>/} (default
 * {@code ~/.cache/lawn/...}), written atomically and reused by every later run. A run never leaves
 * a new file behind: the directory name is the content's hash, so the cache holds one file per
 * library version, and a file whose bytes do not match (a torn or altered copy) is replaced.
 */
final class KernelLibraryCache {

  static final String FILE_NAME = "liblawn_kernels.so";

  private final Path root;

  /** @param root the directory that holds one sub-directory per library version */
  KernelLibraryCache(Path root) {
    this.root = root;
  }

  /** The per-user cache: {@code $XDG_CACHE_HOME/lawn}, else {@code ~/.cache/lawn}. */
  static KernelLibraryCache forUser() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return new KernelLibraryCache(base.resolve("lawn"));
  }

  /**
   * The library file holding {@code bytes}: the cached one when its content matches, else a fresh
   * copy written to a temporary name in the same directory and renamed into place.
   */
  Path file(byte[] bytes) throws IOException {
    Path dir = root.resolve(HexFormat.of().formatHex(sha256(bytes), 0, 16));
    Path file = dir.resolve(FILE_NAME);
    if (Files.isRegularFile(file) && Arrays.equals(sha256(Files.readAllBytes(file)), sha256(bytes))) {
      return file;
    }
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, FILE_NAME, ".partial");
    try {
      Files.write(partial, bytes);
      try {
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
