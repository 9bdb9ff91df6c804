package dev.lawn.data.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One split of an {@link ImageDataset}: its labels and either its pixels (held) or its JPEG files
 * (decoded batch by batch); exactly one of the two is non-null.
 *
 * @param pixels NHWC floats of every image, or null
 * @param files one file per image, or null
 * @param labels one label per image
 */
record ImageSplit(float[] pixels, List<Path> files, int[] labels) {

  ImageSplit {
    Objects.requireNonNull(labels, "labels");
    if ((pixels == null) == (files == null)) {
      throw new IllegalArgumentException("an image split holds either pixels or files");
    }
    if (files != null) {
      files = List.copyOf(files);
      if (files.size() != labels.length) {
        throw new IllegalArgumentException(files.size() + " files for " + labels.length + " labels");
      }
    }
  }

  static ImageSplit held(float[] pixels, int[] labels) {
    return new ImageSplit(Objects.requireNonNull(pixels, "pixels"), null, labels);
  }

  static ImageSplit files(List<Path> files, int[] labels) {
    return new ImageSplit(null, Objects.requireNonNull(files, "files"), labels);
  }

  int size() {
    return labels.length;
  }

  /** The images {@code rows}, in that order, of the same kind (pixels copied, or files listed). */
  ImageSplit select(int[] rows, int imageSize) {
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = labels[rows[i]];
    }
    if (pixels == null) {
      List<Path> chosen = new ArrayList<>(rows.length);
      for (int r : rows) {
        chosen.add(files.get(r));
      }
      return files(chosen, y);
    }
    float[] x = new float[Math.multiplyExact(rows.length, imageSize)];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(pixels, rows[i] * imageSize, x, i * imageSize, imageSize);
    }
    return held(x, y);
  }
}
