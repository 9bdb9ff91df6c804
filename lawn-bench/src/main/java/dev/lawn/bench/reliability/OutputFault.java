package dev.lawn.bench.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A way to make a run's output fail, applied between two lives of the trainer and removed
 * afterwards.
 */
public enum OutputFault {

  /**
   * Files limited to {@link #FILE_LIMIT_KIB} KiB ({@code ulimit -f}): the checkpoint's variables file
   * (~145 KiB for the default set) cannot be written, small files (metrics rows, logs) can. Needs no
   * privileges: the regular test uses it.
   */
  FILE_SIZE_LIMIT,

  /**
   * The checkpoint folder cannot be written: {@code chmod 555}, or for root (whom permissions do not
   * stop) {@code chattr +i}.
   */
  UNWRITABLE_CHECKPOINTS,

  /**
   * The file system holding the run is full but for {@link #FREE_KIB} KiB: a filler file takes the
   * rest. Meant for a small file system (a tmpfs: see scripts/reliability/disk-full.sh); refused when
   * more than {@link #MAX_FILL_MIB} MiB would have to be written.
   */
  FULL_DISK;

  /** The file-size limit of {@link #FILE_SIZE_LIMIT}. */
  static final long FILE_LIMIT_KIB = 64;
  /** What {@link #FULL_DISK} leaves free: room for metrics rows, not for a checkpoint. */
  static final long FREE_KIB = 32;
  /** Largest filler {@link #FULL_DISK} writes. */
  static final long MAX_FILL_MIB = 256;

  static final String FILLER = "filler.bin";

  /** The {@code ulimit -f} value for the faulty life, or {@link TrainChild#NO_LIMIT}. */
  long fileSizeLimitKiB() {
    return this == FILE_SIZE_LIMIT ? FILE_LIMIT_KIB : TrainChild.NO_LIMIT;
  }

  /** Puts the fault in place for the run in {@code runDir}; {@code workDir} may receive a filler. */
  void apply(Path runDir, Path workDir) throws IOException, InterruptedException {
    switch (this) {
      case FILE_SIZE_LIMIT -> { } // applied by the child's start
      case UNWRITABLE_CHECKPOINTS -> {
        Path dir = runDir.resolve(RunDirs.CHECKPOINTS);
        if (isRoot()) {
          exec("chattr", "+i", dir.toString());
        } else {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
      }
      case FULL_DISK -> fill(workDir.resolve(FILLER));
      default -> throw new IllegalStateException(name());
    }
  }

  /** Removes the fault. */
  void remove(Path runDir, Path workDir) throws IOException, InterruptedException {
    switch (this) {
      case FILE_SIZE_LIMIT -> { }
      case UNWRITABLE_CHECKPOINTS -> {
        Path dir = runDir.resolve(RunDirs.CHECKPOINTS);
        if (isRoot()) {
          exec("chattr", "-i", dir.toString());
        } else {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      case FULL_DISK -> Files.deleteIfExists(workDir.resolve(FILLER));
      default -> throw new IllegalStateException(name());
    }
  }

  /**
   * Whether {@link #UNWRITABLE_CHECKPOINTS} works in {@code dir}'s file system: tried on a probe
   * directory (as root it needs {@code chattr} and a file system with the immutable attribute).
   */
  public static boolean unwritableAvailable(Path dir) {
    Path probe = dir.resolve(".unwritable-probe");
    try {
      Files.createDirectories(probe.resolve(RunDirs.CHECKPOINTS));
      UNWRITABLE_CHECKPOINTS.apply(probe, dir);
      try {
        Files.createDirectory(probe.resolve(RunDirs.CHECKPOINTS).resolve("x"));
        return false; // still writable
      } catch (IOException expected) {
        return true;
      } finally {
        UNWRITABLE_CHECKPOINTS.remove(probe, dir);
      }
    } catch (IOException | InterruptedException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe.resolve(RunDirs.CHECKPOINTS).resolve("x"));
        Files.deleteIfExists(probe.resolve(RunDirs.CHECKPOINTS));
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // a probe left in a temp folder is harmless
      }
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
    }
  }

  /** Writes zeros until the file system is full, then frees {@link #FREE_KIB} KiB. */
  private static void fill(Path filler) throws IOException {
    long free = Files.getFileStore(filler.getParent()).getUsableSpace();
    if (free > MAX_FILL_MIB << 20) {
      throw new IOException(filler.getParent() + " has " + (free >> 20) + " MiB free: FULL_DISK needs a small file "
          + "system (at most " + MAX_FILL_MIB + " MiB free), e.g. a tmpfs; see scripts/reliability/disk-full.sh");
    }
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // no space left: expected
    }
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      channel.truncate(Math.max(0, Files.size(filler) - FREE_KIB * 1024));
    }
  }
}
