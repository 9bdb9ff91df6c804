package dev.lawn.tools.train;

import dev.lawn.ops.kernels.KernelChoice;

/**
 * The command line's one reader of {@code -Dlawn.kernels=auto|fused|graph}: it maps the system
 * property onto the {@link KernelChoice} that the library takes as an argument.
 */
public final class KernelsProperty {

  private KernelsProperty() {}

  /**
   * The choice named by {@code -Dlawn.kernels}, {@link KernelChoice#AUTO} when unset.
   *
   * @throws IllegalArgumentException naming the property and its value when it is none of the three
   */
  public static KernelChoice read() {
    return KernelChoice.parse(System.getProperty(KernelChoice.PROPERTY, "auto"), "system property " + KernelChoice.PROPERTY);
  }
}
