package dev.lawn.train.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes {@code root/train/<class>/*.jpg} and {@code root/val/<class>/*.jpg}: noisy images whose
 * class shows only as a faint brighter band, so that a tiny model is right on some and wrong on
 * others (a prediction test then compares something).
 */
public final class TinyImageFolder {

  private TinyImageFolder() {}

  public static Path write(Path root, int side, int classes, int trainPerClass, int valPerClass, long seed)
      throws IOException {
    Random r = new Random(seed);
    for (String split : new String[] {"train", "val"}) {
      int count = split.equals("train") ? trainPerClass : valPerClass;
      for (int c = 0; c < classes; c++) {
        Path dir = Files.createDirectories(root.resolve(split).resolve("class" + c));
        for (int i = 0; i < count; i++) {
          BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
              boolean band = y * classes / side == c;
              int v = Math.min(255, r.nextInt(200) + (band ? 40 : 0));
              img.setRGB(x, y, (v << 16) | (r.nextInt(200) << 8) | v);
            }
          }
          ImageIO.write(img, "jpg", dir.resolve(i + ".jpg").toFile());
        }
      }
    }
    return root;
  }
}
