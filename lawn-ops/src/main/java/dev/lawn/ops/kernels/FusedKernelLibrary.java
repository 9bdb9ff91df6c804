package dev.lawn.ops.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tensorflow.TensorFlow;

/**
 * Loads lawn-ops' native kernel library ({@code liblawn_kernels.so}, built from
 * {@code src/main/c/lawn_kernels.c} against TensorFlow's C kernel API and packed in the jar) into
 * TensorFlow, once per process. The file loaded is the per-user cached copy of the jar's library
 * ({@link KernelLibraryCache}: one file per library version, reused by every run), or, where no
 * cache can be written, a temporary copy deleted as soon as it is loaded. Linux x86-64 only;
 * elsewhere {@link KernelChoice#AUTO} uses graph ops.
 */
public final class FusedKernelLibrary {

  /** Where the build puts the library inside the jar. */
  public static final String RESOURCE = "/dev/lawn/ops/native/linux-x86_64/liblawn_kernels.so";

  private static String failure;
  private static boolean attempted;

  private FusedKernelLibrary() {}

  /** Loads the library if not yet done; true when its ops are registered. */
  public static synchronized boolean load() {
    if (!attempted) {
      attempted = true;
      failure = tryLoad();
    }
    return failure == null;
  }

  /** Why the library did not load; null when it loaded or no load was tried (does not try one). */
  public static synchronized String failure() {
    return failure;
  }

  /** Loads the library or throws, naming the reason. */
  static void require() {
    if (!load()) {
      throw new IllegalStateException("LAWN's fused CPU kernels are not available: " + failure
          + " (use graph ops: KernelChoice.GRAPH_OPS; lawn train: -D" + KernelChoice.PROPERTY + "=graph)");
    }
  }

  /** What {@link KernelChoice#AUTO} picks: loaded, and no NVIDIA GPU that TF would put variables on. */
  static boolean usableByDefault() {
    return !Files.exists(Path.of("/dev/nvidiactl")) && load();
  }

  private static String tryLoad() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "built for linux-x86_64 only, this is " + os + "-" + arch;
    }
    byte[] bytes;
    try (InputStream in = FusedKernelLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "resource " + RESOURCE + " is not on the class path (lawn-ops built with -Dlawn.native.skip?)";
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      return "cannot read " + RESOURCE + ": " + e.getMessage();
    }
    try {
      int ops;
      try {
        ops = loadFrom(KernelLibraryCache.forUser().file(bytes));
      } catch (IOException cacheNotWritable) {
        // No writable per-user cache: a private copy, deleted as soon as it is loaded (the loaded
        // library stays mapped), so that no run leaves a file behind.
        Path file = Files.createTempFile(KernelLibraryCache.FILE_NAME, ".so");
        try {
          Files.write(file, bytes);
          ops = loadFrom(file);
        } finally {
          Files.deleteIfExists(file);
        }
      }
      if (ops != 2 && !alreadyRegistered()) {
        return "the library registered " + ops + " ops, expected 2";
      }
      return null;
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static int loadFrom(Path file) {
    return TensorFlow.loadLibrary(file.toString()).getOpCount();
  }

  private static boolean alreadyRegistered() {
    return TensorFlow.registeredOpList().getOpList().stream().anyMatch(op -> op.getName().equals("LawnSphereStep"));
  }
}
