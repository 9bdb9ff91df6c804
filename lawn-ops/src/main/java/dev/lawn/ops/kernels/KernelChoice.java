package dev.lawn.ops.kernels;

import java.util.Locale;

/**
 * How LAWN's constrained step is computed: with stock TensorFlow graph ops (the readable reference
 * in {@code dev.lawn.ops.Lawn}, on any device), or with the two fused CPU kernels per group of
 * {@link FusedSphereOps}. The arithmetic is the same; float rounding differs slightly.
 */
public enum KernelChoice {
  /** {@link #FUSED} when the native library loads and no NVIDIA GPU is present, else {@link #GRAPH_OPS}. */
  AUTO,
  /** {@link FusedSphereOps}; building fails, naming the reason, when the library cannot be loaded. */
  FUSED,
  /** Stock TensorFlow ops. */
  GRAPH_OPS;

  /**
   * The system property through which the {@code lawn} command line takes the choice (named in
   * error messages). The library itself never reads it: callers pass a choice.
   */
  public static final String PROPERTY = "lawn.kernels";

  /** {@code auto}, {@code fused} or {@code graph} (case-insensitive); {@code where} names the source in errors. */
  public static KernelChoice parse(String value, String where) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto", "" -> AUTO;
      case "fused" -> FUSED;
      case "graph", "graph-ops" -> GRAPH_OPS;
      default -> throw new IllegalArgumentException(where + "='" + value + "': expected auto, fused or graph");
    };
  }

  /**
   * Whether this choice uses the fused kernels for groups of at most {@code largestGroup} members.
   *
   * @throws IllegalStateException for {@link #FUSED} when the kernels cannot be used, with the reason
   */
  public boolean fused(int largestGroup) {
    return switch (this) {
      case GRAPH_OPS -> false;
      case AUTO -> largestGroup <= FusedSphereOps.MAX_MEMBERS && FusedKernelLibrary.usableByDefault();
      case FUSED -> {
        if (largestGroup > FusedSphereOps.MAX_MEMBERS) {
          throw new IllegalStateException("fused LAWN kernels take groups of at most " + FusedSphereOps.MAX_MEMBERS
              + " variables, the largest here has " + largestGroup + " (use GRAPH_OPS; lawn train: -D" + PROPERTY + "=graph)");
        }
        FusedKernelLibrary.require();
        yield true;
      }
    };
  }
}
