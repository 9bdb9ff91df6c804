package dev.lawn.data.image;

import java.util.Locale;

/**
 * Where an image folder's pixels live during training. The batches are the same either way (the same
 * decoder, the same order): only memory and the per-epoch decoding cost differ.
 */
public enum ImageStore {

  /** Decoded once, held in memory as float32: fast epochs, {@code 4 * H * W * C} bytes per image. */
  MEMORY,

  /**
   * Kept as files and decoded batch by batch, on a few threads, every epoch: memory for the file list
   * only, for folders whose floats do not fit (ImageNet at 224x224 is about 770 GB as floats).
   */
  FILES,

  /**
   * {@link #FILES} for an image folder whose decoded floats would take more than a quarter of the
   * JVM's maximum heap ({@link #filesAbove(long)}), else {@link #MEMORY}; data sets stored in binary
   * files of their own (IDX, CIFAR) are always held in memory.
   */
  AUTO;

  /** The share of the maximum heap the decoded floats of a folder may take under {@link #AUTO}. */
  public static final double AUTO_HEAP_SHARE = 0.25;

  /** The decoded size above which {@link #AUTO} reads a folder from its files: a quarter of {@code maxHeapBytes}. */
  public static long filesAbove(long maxHeapBytes) {
    return (long) (maxHeapBytes * AUTO_HEAP_SHARE);
  }

  /** The store {@code text} names: {@code auto}, {@code memory} or {@code files} (any case). */
  public static ImageStore parse(String text, String option) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(option + " must be auto, memory or files, got '" + text + "'");
    }
  }

  /** The lower-case name, as the command line and config files spell it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
