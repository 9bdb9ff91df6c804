package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.HostThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads an ImageNet-style folder of JPEGs, one sub-folder per class (labels follow the sorted folder
 * names). Either {@code root/train/<class>/*.jpg} with {@code root/val/<class>/} (or {@code test/})
 * as the test split, or {@code root/<class>/*.jpg} as a training split only (carve a validation set
 * with {@link ImageDataset#withValidationSplit}). The test split may also be one folder of JPEGs with
 * a label file, as ImageNet's validation set comes ({@link FlatSplitLabels}: {@code labels.csv}, or
 * Kaggle's {@code LOC_val_solution.csv}). Every image is decoded by {@link JpegDecoder}, on
 * every core, and resized to one size (by default the images' own size, when they all share one). {@link #read}
 * decodes the whole set once and holds it in memory; {@link #open} keeps the file list only and
 * decodes each batch's files when the pipeline gathers it, every epoch, on a few threads (ImageNet
 * at 224x224 would be about 770 GB as floats); {@link #read(Path, ImageSize, int, ImageStore)}
 * chooses between them. Both give the same pixels.
 */
public final class ImageFolderReader {

  /** Sizes named in the error for a folder of mixed sizes (the most common ones). */
  static final int MAX_SIZES_LISTED = 5;

  private ImageFolderReader() {}

  /** Reads the folder at {@code height x width}; see the class comment for the layout. */
  public static ImageDataset read(Path root, int height, int width, int channels) {
    return read(root, Layout.of(root), height, width, channels, HostThreads.ALL_CORES);
  }

  private static ImageDataset read(Path root, Layout layout, int height, int width, int channels,
      HostThreads threads) {
    try (JpegDecoderPool decoders = new JpegDecoderPool(new ImageSize(height, width), channels, threads.resolved())) {
      Split train = decode(layout.train, decoders);
      Split test = decode(layout.test, decoders);
      return new ImageDataset("image-folder:" + root, height, width, channels, layout.classes.size(), train.images,
          train.labels, test.images, test.labels, layout.classes);
    }
  }

  /**
   * Reads the folder at {@code size}, or with a null size at the images' own size.
   *
   * @throws IllegalArgumentException with a null size when the images differ in size (the message
   *     lists the sizes found)
   */
  public static ImageDataset read(Path root, ImageSize size, int channels) {
    ImageSize chosen = size != null ? size : ownSize(root);
    return read(root, chosen.height(), chosen.width(), channels);
  }

  /**
   * The folder at {@code size} (or with a null size at the images' own size), held in memory or read
   * from its files as {@code store} says ({@link ImageStore#AUTO}: from its files when the decoded
   * floats would exceed {@link ImageStore#filesAbove} of this JVM's maximum heap).
   *
   * @throws IllegalArgumentException with a null size when the images differ in size
   */
  public static ImageDataset read(Path root, ImageSize size, int channels, ImageStore store) {
    return read(root, size, channels, store, HostThreads.ALL_CORES);
  }

  /**
   * {@link #read(Path, ImageSize, int, ImageStore)}, decoding on {@code threads}: while it is read, and
   * every batch of a folder read from its files.
   */
  public static ImageDataset read(Path root, ImageSize size, int channels, ImageStore store, HostThreads threads) {
    return read(root, size, channels, store, threads, Runtime.getRuntime().maxMemory());
  }

  /** {@link #read(Path, ImageSize, int, ImageStore, HostThreads)} for a JVM whose maximum heap is {@code maxHeapBytes}. */
  static ImageDataset read(Path root, ImageSize size, int channels, ImageStore store, HostThreads threads,
      long maxHeapBytes) {
    ImageSize chosen = size != null ? size : ownSize(root);
    Layout layout = Layout.of(root); // listed once: a folder of a million files takes a while
    boolean files = switch (store) {
      case MEMORY -> false;
      case FILES -> true;
      case AUTO -> layout.decodedBytes(chosen, channels) > ImageStore.filesAbove(maxHeapBytes);
    };
    return files ? open(root, layout, chosen, channels, threads.resolved())
        : read(root, layout, chosen.height(), chosen.width(), channels, threads);
  }

  /** The bytes the folder's images (training and test split) take as float32 at {@code size}. */
  public static long decodedBytes(Path root, ImageSize size, int channels) {
    return Layout.of(root).decodedBytes(size, channels);
  }

  /**
   * The folder at {@code size}, kept as its list of files: nothing is decoded until a pipeline
   * gathers a batch, then that batch's files on {@code threads} threads. Close the data set when done
   * ({@link ImageDataset#close()}). A file that is not a decodable JPEG fails the batch that holds it,
   * naming the file ({@link DataFormatException}).
   *
   * @throws IllegalArgumentException for fewer than one thread
   */
  public static ImageDataset open(Path root, ImageSize size, int channels, int threads) {
    return open(root, Layout.of(root), size, channels, threads);
  }

  private static ImageDataset open(Path root, Layout layout, ImageSize size, int channels, int threads) {
    JpegDecoderPool decoders = new JpegDecoderPool(size, channels, threads);
    try {
      return new ImageDataset("image-folder:" + root, layout.classes.size(), paths(layout.train),
          labels(layout.train), paths(layout.test), labels(layout.test), decoders, layout.classes);
    } catch (RuntimeException e) {
      decoders.close();
      throw e;
    }
  }

  private static List<Path> paths(List<Labelled> files) {
    return files.stream().map(Labelled::file).toList();
  }

  private static int[] labels(List<Labelled> files) {
    return files.stream().mapToInt(Labelled::label).toArray();
  }

  /**
   * The size every image of the folder has (training and test split).
   *
   * @throws IllegalArgumentException when they differ, listing each size with its count and an example file
   */
  public static ImageSize ownSize(Path root) {
    Map<ImageSize, List<Path>> found = sizes(root);
    if (found.size() == 1) {
      return found.keySet().iterator().next();
    }
    String list = found.entrySet().stream().limit(MAX_SIZES_LISTED)
        .map(e -> e.getKey() + " (" + e.getValue().size() + (e.getValue().size() == 1 ? " image" : " images")
            + ", e.g. " + root.relativize(e.getValue().get(0)) + ")")
        .collect(Collectors.joining(", "))
        + (found.size() > MAX_SIZES_LISTED ? " and " + (found.size() - MAX_SIZES_LISTED) + " more sizes" : "");
    ImageSize common = found.keySet().iterator().next();
    throw new IllegalArgumentException("the images in " + root + " differ in size: " + list
        + "; choose one with --image-size H[xW] (e.g. --image-size " + common + ")");
  }

  /**
   * The sizes of the folder's images (training and test split), read from the JPEG headers: each
   * size with its files, the most common size first.
   */
  public static Map<ImageSize, List<Path>> sizes(Path root) {
    Layout layout = Layout.of(root);
    Map<ImageSize, List<Path>> bySize = new LinkedHashMap<>();
    for (List<Labelled> split : List.of(layout.train, layout.test)) {
      for (Labelled f : split) {
        bySize.computeIfAbsent(headerSize(f.file), k -> new ArrayList<>()).add(f.file);
      }
    }
    Map<ImageSize, List<Path>> sorted = new LinkedHashMap<>();
    bySize.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private record Labelled(Path file, int label) {}

  private record Split(float[] images, int[] labels) {}

  /** The folder's classes and labelled files, checked. */
  private record Layout(List<String> classes, List<Labelled> train, List<Labelled> test) {

    long decodedBytes(ImageSize size, int channels) {
      return (long) (train.size() + test.size()) * size.height() * size.width() * channels * Float.BYTES;
    }

    static Layout of(Path root) {
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
      List<Labelled> train = files(trainDir, classes);
      if (train.isEmpty()) {
        throw DataFormatException.inFile(trainDir, "no .jpg/.jpeg files in the class folders " + classes);
      }
      return new Layout(classes, train, testDir == null ? List.of() : testFiles(root, testDir, classes));
    }
  }

  /** The test split: class folders like the training split's, or one folder of JPEGs with a label file. */
  private static List<Labelled> testFiles(Path root, Path dir, List<String> classes) {
    List<Path> flat = list(dir).stream().filter(f -> Files.isRegularFile(f) && isJpeg(f)).toList();
    if (flat.isEmpty() || !classFolders(dir).isEmpty()) {
      return files(dir, classes);
    }
    Path labelFile = FlatSplitLabels.find(root, dir);
    if (labelFile == null) {
      throw DataFormatException.inFile(dir, "JPEGs without class folders: put them in <class>/ folders, or label "
          + "them in " + dir.resolve(FlatSplitLabels.LABELS_CSV) + " (file,class per line) or with Kaggle's "
          + FlatSplitLabels.KAGGLE_CSV + " in " + dir + " or " + root);
    }
    Map<String, String> byName = FlatSplitLabels.read(labelFile);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    List<Labelled> out = new ArrayList<>();
    for (Path f : flat) {
      String name = FlatSplitLabels.stem(f.getFileName().toString());
      String label = byName.get(name);
      if (label == null) {
        throw DataFormatException.inFile(f, "no label in " + labelFile);
      }
      Integer c = index.get(label);
      if (c == null) {
        throw DataFormatException.inFile(labelFile, "'" + name + "' is labelled '" + label
            + "', which is not a class folder of the training split (" + classes.size() + " classes, e.g. "
            + classes.get(0) + ")");
      }
      out.add(new Labelled(f, c));
    }
    return out;
  }

  private static List<Labelled> files(Path dir, List<String> classes) {
    for (String extra : classFolders(dir)) {
      if (!classes.contains(extra)) {
        throw DataFormatException.inFile(dir.resolve(extra), "class folder not present in the training split " + classes);
      }
    }
    List<Labelled> out = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classDir = dir.resolve(classes.get(c));
      if (!Files.isDirectory(classDir)) {
        continue;
      }
      for (Path f : list(classDir)) {
        if (Files.isRegularFile(f) && isJpeg(f)) {
          out.add(new Labelled(f, c));
        }
      }
    }
    return out;
  }

  /** Whether the file name ends in {@code .jpg} or {@code .jpeg} (any case). */
  public static boolean isJpeg(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  /** Decodes every file, in order, on the pool's threads. */
  private static Split decode(List<Labelled> files, JpegDecoderPool decoders) {
    float[] images = new float[Math.multiplyExact(files.size(), decoders.imageSize())];
    int[] rows = new int[files.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    decoders.decode(paths(files), rows, rows.length, images);
    return new Split(images, labels(files));
  }

  /** Bytes read for a header before the whole file is: the frame header follows EXIF and tables, rarely 64 KB. */
  static final int HEADER_BYTES = 1 << 16;

  /**
   * A JPEG file's stored size from its first {@link #HEADER_BYTES} bytes, or from all of them when
   * its frame header comes later: a folder's sizes without reading its pixels.
   */
  static ImageSize headerSize(Path f) {
    byte[] head;
    long length;
    try (var in = Files.newInputStream(f)) {
      head = in.readNBytes(HEADER_BYTES);
      length = head.length < HEADER_BYTES ? head.length : Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    if (head.length == 0) {
      throw DataFormatException.inFile(f, "file is empty");
    }
    try {
      return JpegDecoder.size(head, f);
    } catch (DataFormatException e) {
      if (length > head.length) {
        return JpegDecoder.size(bytes(f), f); // the header lies further in, or the file is broken: all of it
      }
      throw e;
    }
  }

  /** The file's bytes; an empty file is a format error naming it. */
  static byte[] bytes(Path f) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    if (bytes.length == 0) {
      throw DataFormatException.inFile(f, "file is empty");
    }
    return bytes;
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
  static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
