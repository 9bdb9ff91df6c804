package dev.lawn.data.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of the current case in its directory: the seeds, with one of them replaced by a mutant.
 * Rewrites only what changed since the previous case, and answers how many lines or bytes a file
 * has, so that a reported line or offset can be checked to lie inside it.
 */
final class CaseFiles {

  private final Path dir;
  private final Map<String, byte[]> seeds = new LinkedHashMap<>();
  private final Map<String, byte[]> onDisk = new LinkedHashMap<>();

  CaseFiles(Path dir, List<SeedFile> seedFiles) {
    this.dir = dir;
    for (SeedFile s : seedFiles) {
      seeds.put(s.name(), s.bytes());
    }
  }

  Path dir() {
    return dir;
  }

  /** Writes the seeds, with {@code mutant} (when not null) in place of its file. */
  void write(Mutant mutant) {
    for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
      byte[] want = mutant != null && mutant.fileName().equals(e.getKey()) ? mutant.bytes() : e.getValue();
      if (onDisk.get(e.getKey()) != want) {
        Path p = dir.resolve(e.getKey());
        try {
          Files.createDirectories(p.getParent());
          Files.write(p, want);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
        onDisk.put(e.getKey(), want);
      }
    }
  }

  /** The current bytes of {@code file}, or null when it is not one of the case's files. */
  byte[] bytesOf(Path file) {
    Path rel;
    try {
      rel = dir.relativize(file);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return onDisk.get(rel.toString().replace('\\', '/'));
  }

  /** Lines as {@link java.io.BufferedReader#readLine} counts them (\n, \r\n and \r end a line). */
  static long lineCount(byte[] b) {
    long lines = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        lines++;
        if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
          i++;
        }
      }
    }
    boolean unterminated = b.length > 0 && b[b.length - 1] != '\n' && b[b.length - 1] != '\r';
    return lines + (unterminated ? 1 : 0);
  }

  /** Length of the data a binary reader sees: the decompressed length of a gzip file. */
  static long dataLength(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
        return Math.max(b.length, in.readAllBytes().length);
      } catch (IOException e) {
        return b.length;
      }
    }
    return b.length;
  }
}
