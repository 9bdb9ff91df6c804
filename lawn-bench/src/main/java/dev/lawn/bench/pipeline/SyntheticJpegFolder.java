package dev.lawn.bench.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes an image folder of JPEGs ({@code root/<class>/*.jpg}, a training split only) for measuring
 * an image folder's pipeline where no real one is at hand: photo-like content (smooth colour
 * gradients with grain), so that a JPEG of it compresses and decodes about as a photograph of the
 * same size does, unlike pure noise.
 */
final class SyntheticJpegFolder {

  /** Images written. */
  static final int IMAGES = 3_000;
  /** Their side, in pixels, unless asked otherwise. */
  static final int SIDE = 128;
  /** Classes (sub-folders). */
  static final int CLASSES = 10;

  private SyntheticJpegFolder() {}

  /** Writes the folder of {@link #SIDE}-pixel images under {@code root} and returns it. */
  static Path write(Path root, long seed) throws IOException {
    return write(root, seed, SIDE);
  }

  /** Writes the folder of {@code side x side} images under {@code root} and returns it. */
  static Path write(Path root, long seed, int side) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < IMAGES; i++) {
      int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
      int[] slope = {random.nextInt(-2, 3), random.nextInt(-2, 3), random.nextInt(-2, 3)};
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int rgb = 0;
          for (int c = 0; c < 3; c++) {
            int v = base[c] + slope[c] * (c == 1 ? y : x) + random.nextInt(-12, 13);
            rgb = (rgb << 8) | Math.max(0, Math.min(255, v));
          }
          image.setRGB(x, y, rgb);
        }
      }
      Path file = root.resolve("class" + (i % CLASSES)).resolve("img" + i + ".jpg");
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, "jpg", file.toFile())) {
        throw new IOException("the JDK has no JPEG writer");
      }
    }
    return root;
  }
}
