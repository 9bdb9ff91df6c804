package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads an ImageNet-style folder of JPEGs, one sub-folder per class (labels follow the sorted folder
 * names). Either {@code root/train/<class>/*.jpg} with {@code root/val/<class>/} (or {@code test/})
 * as the test split, or {@code root/<class>/*.jpg} as a training split only (carve a validation set
 * with {@link ImageDataset#withValidationSplit}). Every image is decoded by {@link JpegDecoder} and
 * resized to one size, and the whole set is held in memory: meant for folders up to a few hundred
 * thousand small images, not for full ImageNet.
 */
public final class ImageFolderReader {

  private ImageFolderReader() {}

  /** Reads the folder; see the class comment for the layout. */
  public static ImageDataset read(Path root, int height, int width, int channels) {
    if (!Files.isDirectory(root)) {
      throw DataFormatException.inFile(root, "not a directory");
    }
    Path trainDir = root.resolve("train");
    Path testDir = null;
    if (Files.isDirectory(trainDir)) {
      for (String name : List.of("val", "test")) {
        if (Files.isDirectory(root.resolve(name))) {
          testDir = root.resolve(name);
          break;
        }
      }
    } else {
      trainDir = root;
    }
    List<String> classes = classFolders(trainDir);
    if (classes.isEmpty()) {
      throw DataFormatException.inFile(trainDir, "no class folders (expected <class>/*.jpg)");
    }
    try (JpegDecoder decoder = new JpegDecoder(height, width, channels)) {
      Split train = decodeSplit(trainDir, classes, decoder);
      if (train.labels.length == 0) {
        throw DataFormatException.inFile(trainDir, "no .jpg/.jpeg files in the class folders " + classes);
      }
      Split test = testDir == null ? new Split(new float[0], new int[0]) : decodeSplit(testDir, classes, decoder);
      return new ImageDataset("image-folder:" + root, height, width, channels, classes.size(), train.images,
          train.labels, test.images, test.labels, classes);
    }
  }

  private record Split(float[] images, int[] labels) {}

  private static Split decodeSplit(Path dir, List<String> classes, JpegDecoder decoder) {
    for (String extra : classFolders(dir)) {
      if (!classes.contains(extra)) {
        throw DataFormatException.inFile(dir.resolve(extra), "class folder not present in the training split " + classes);
      }
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classDir = dir.resolve(classes.get(c));
      if (!Files.isDirectory(classDir)) {
        continue;
      }
      for (Path f : list(classDir)) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(f) && (n.endsWith(".jpg") || n.endsWith(".jpeg"))) {
          files.add(f);
          labels.add(c);
        }
      }
    }
    float[] images = new float[Math.multiplyExact(files.size(), decoder.imageSize())];
    int[] y = new int[files.size()];
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
      if (bytes.length == 0) {
        throw DataFormatException.inFile(f, "file is empty");
      }
      decoder.decode(bytes, f, images, i * decoder.imageSize());
      y[i] = labels.get(i);
    }
    return new Split(images, y);
  }

  private static List<String> classFolders(Path dir) {
    List<String> out = new ArrayList<>();
    for (Path p : list(dir)) {
      if (Files.isDirectory(p)) {
        out.add(p.getFileName().toString());
      }
    }
    return out;
  }

  /** Directory entries sorted by name, so labels and order do not depend on the file system. */
  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
