package dev.lawn.data;

import dev.lawn.data.image.CifarReader;
import dev.lawn.data.image.IdxReader;
import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImageFolderReader;
import dev.lawn.data.image.ImageSize;
import dev.lawn.data.rec.LeaveOneOutSplitter;
import dev.lawn.data.rec.NcfFilesReader;
import dev.lawn.data.rec.RatingsFormat;
import dev.lawn.data.rec.RatingsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The registry of data sets by name. {@link #resolve} finds a data set on disk (see
 * {@link DataSetLocator} for where it looks) and returns its loader.
 *
 * <p>Names: {@code movielens-100k}, {@code movielens-1m}, {@code movielens-latest}, {@code ncf}
 * (NCF preprocessed files; {@code ncf:<prefix>} picks one of several, e.g. {@code ncf:pinterest-20}),
 * {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100}, {@code image-folder}
 * (the data directory itself: JPEGs in class folders, read at the size every image shares, or at
 * the size {@link ImageLoader#load(ImageSize)} is given).
 */
public final class DataSets {

  private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** Finds one data set: its name as given, the part after {@code ':'} (or null), the explicit folder, the search. */
  @FunctionalInterface
  private interface Finder {
    DataSetLoader find(String name, String arg, Path dataDir, DataSetLocator locator);
  }

  // The registry: a data set is added here, once; NAMES (and the command line's lists) derive from it.
  private static final Map<String, Finder> FINDERS = new LinkedHashMap<>();

  static {
    FINDERS.put("movielens-100k", (name, arg, dir, locator) -> ratings(name, locator, List.of("ml-100k"), "u.data",
        RatingsFormat.MOVIELENS_100K,
        "download ml-100k.zip from https://grouplens.org/datasets/movielens/100k/ and unzip it into the data directory"));
    FINDERS.put("movielens-1m", (name, arg, dir, locator) -> ratings(name, locator, List.of("ml-1m"), "ratings.dat",
        RatingsFormat.MOVIELENS_1M,
        "download ml-1m.zip from https://grouplens.org/datasets/movielens/1m/ and unzip it into the data directory"));
    FINDERS.put("movielens-latest", (name, arg, dir, locator) -> ratings(name, locator,
        List.of("ml-latest", "ml-latest-small"), "ratings.csv", RatingsFormat.MOVIELENS_LATEST,
        "download ml-latest.zip or ml-latest-small.zip from "
            + "https://grouplens.org/datasets/movielens/latest/ and unzip it into the data directory"));
    FINDERS.put("ncf", (name, arg, dir, locator) -> ncf(name, arg, locator));
    FINDERS.put("fashion-mnist", (name, arg, dir, locator) -> idx(name, locator, List.of("fashion-mnist", "fashion_mnist"),
        FASHION_CLASSES, "install the Debian package (apt-get install dataset-fashion-mnist, files in "
            + DataSetLocator.DEBIAN_DATASETS + "/fashion-mnist) or put the four IDX files from "
            + "https://github.com/zalandoresearch/fashion-mnist in <data-dir>/fashion-mnist"));
    FINDERS.put("mnist", (name, arg, dir, locator) -> idx(name, locator, List.of("mnist", "MNIST"),
        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
        "put the four IDX files (train-images-idx3-ubyte.gz, ...) from http://yann.lecun.com/exdb/mnist/ "
            + "in <data-dir>/mnist"));
    FINDERS.put("cifar10", (name, arg, dir, locator) -> cifar(name, locator, CifarReader.Variant.CIFAR10));
    FINDERS.put("cifar100", (name, arg, dir, locator) -> cifar(name, locator, CifarReader.Variant.CIFAR100));
    FINDERS.put("image-folder", (name, arg, dir, locator) -> imageFolder(name, arg, dir));
  }

  /** Every registry name, in registry order. */
  public static final List<String> NAMES = List.copyOf(FINDERS.keySet());

  private DataSets() {}

  /**
   * Finds a data set and returns its loader.
   *
   * @param name a registry name (see the class comment)
   * @param dataDir an explicit data directory searched first, or null
   * @throws IllegalArgumentException for an unknown name
   * @throws DataSetNotFoundException when the data set is in none of the places looked
   */
  public static DataSetLoader resolve(String name, Path dataDir) {
    return resolve(name, dataDir, DataSetLocator.withDefaults(dataDir));
  }

  /** As {@link #resolve(String, Path)}, searching exactly the given locator's roots. */
  public static DataSetLoader resolve(String name, Path dataDir, DataSetLocator locator) {
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    String arg = name.contains(":") ? name.substring(name.indexOf(':') + 1) : null;
    Finder finder = FINDERS.get(base);
    if (finder == null) {
      throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + String.join(", ", NAMES));
    }
    return finder.find(name, arg, dataDir, locator);
  }

  private static RecommendationLoader ratings(String name, DataSetLocator locator, List<String> subFolders, String file,
      RatingsFormat format, String howToGet) {
    Path dir = locator.find(name, subFolders, d -> Files.isRegularFile(d.resolve(file)), howToGet);
    return new RecommendationLoader(name, dir,
        options -> LeaveOneOutSplitter.split(RatingsReader.read(dir.resolve(file), format), options, name));
  }

  private static RecommendationLoader ncf(String name, String prefix, DataSetLocator locator) {
    String how = "get <name>.train.rating, <name>.test.rating and <name>.test.negative (e.g. ml-1m, pinterest-20) "
        + "from the Data folder of https://github.com/hexiangnan/neural_collaborative_filtering into the data "
        + "directory (or <data-dir>/ncf)";
    Path dir = locator.find(name, List.of("ncf", "Data"),
        d -> prefix == null ? !ncfPrefixes(d).isEmpty() : Files.isRegularFile(NcfFilesReader.files(d, prefix)[0]), how);
    String chosen = prefix;
    if (chosen == null) {
      List<String> prefixes = ncfPrefixes(dir);
      if (prefixes.size() > 1) {
        throw new IllegalArgumentException(dir + " holds several NCF data sets " + prefixes
            + ": name one as ncf:<name>, e.g. ncf:" + prefixes.get(0));
      }
      chosen = prefixes.get(0);
    }
    for (Path f : NcfFilesReader.files(dir, chosen)) {
      if (!Files.isRegularFile(f)) {
        throw new DataSetNotFoundException(name, List.of(f), how);
      }
    }
    String finalPrefix = chosen;
    return new RecommendationLoader(name, dir, options -> NcfFilesReader.read(dir, finalPrefix, options));
  }

  private static List<String> ncfPrefixes(Path dir) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".train.rating")).sorted()
          .forEach(n -> out.add(n.substring(0, n.length() - ".train.rating".length())));
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private static ImageLoader idx(String name, DataSetLocator locator, List<String> subFolders, List<String> classes,
      String howToGet) {
    Path dir = locator.find(name, subFolders, d -> idxFile(d, "train", "images") != null, howToGet);
    return new ImageLoader(name, dir, size -> {
      Path[] files = {
        required(name, dir, "train", "images", howToGet), required(name, dir, "train", "labels", howToGet),
        required(name, dir, "t10k", "images", howToGet), required(name, dir, "t10k", "labels", howToGet)
      };
      IdxReader.Images train = IdxReader.readImages(files[0]);
      int[] trainLabels = labelsFor(files[1], train, classes.size());
      IdxReader.Images test = IdxReader.readImages(files[2]);
      int[] testLabels = labelsFor(files[3], test, classes.size());
      if (test.rows() != train.rows() || test.cols() != train.cols()) {
        throw DataFormatException.inFile(files[2], "images are " + test.rows() + "x" + test.cols()
            + " but the training images are " + train.rows() + "x" + train.cols());
      }
      return atSize(new ImageDataset(name, train.rows(), train.cols(), 1, classes.size(), train.pixels(), trainLabels,
          test.pixels(), testLabels, classes), size);
    });
  }

  private static int[] labelsFor(Path file, IdxReader.Images images, int numClasses) {
    int[] labels = IdxReader.readLabels(file, numClasses);
    if (labels.length != images.count()) {
      throw DataFormatException.inFile(file, labels.length + " labels for " + images.count() + " images");
    }
    return labels;
  }

  /** {@code train-images-idx3-ubyte} and its usual spellings, gzipped or not; null when absent. */
  private static Path idxFile(Path dir, String split, String kind) {
    String dims = kind.equals("images") ? "idx3" : "idx1";
    for (String base : List.of(split + "-" + kind + "-" + dims + "-ubyte", split + "-" + kind + "." + dims + "-ubyte")) {
      for (String ext : List.of("", ".gz")) {
        Path p = dir.resolve(base + ext);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private static Path required(String name, Path dir, String split, String kind, String howToGet) {
    Path p = idxFile(dir, split, kind);
    if (p == null) {
      String dims = kind.equals("images") ? "idx3" : "idx1";
      throw new DataSetNotFoundException(name, List.of(dir.resolve(split + "-" + kind + "-" + dims + "-ubyte[.gz]")),
          howToGet);
    }
    return p;
  }

  private static ImageLoader cifar(String name, DataSetLocator locator, CifarReader.Variant variant) {
    boolean ten = variant == CifarReader.Variant.CIFAR10;
    String marker = ten ? "data_batch_1.bin" : "train.bin";
    String how = "download the binary version (" + (ten ? "cifar-10-binary.tar.gz" : "cifar-100-binary.tar.gz")
        + ") from https://www.cs.toronto.edu/~kriz/cifar.html and extract it into the data directory";
    Path dir = locator.find(name, List.of(ten ? "cifar-10-batches-bin" : "cifar-100-binary", name),
        d -> Files.isRegularFile(d.resolve(marker)), how);
    return new ImageLoader(name, dir, size -> {
      List<Path> trainFiles = new ArrayList<>();
      if (ten) {
        for (int i = 1; i <= 5; i++) {
          trainFiles.add(dir.resolve("data_batch_" + i + ".bin"));
        }
      } else {
        trainFiles.add(dir.resolve("train.bin"));
      }
      Path testFile = dir.resolve(ten ? "test_batch.bin" : "test.bin");
      List<Path> all = new ArrayList<>(trainFiles);
      all.add(testFile);
      for (Path f : all) {
        if (!Files.isRegularFile(f)) {
          throw new DataSetNotFoundException(name, List.of(f), how);
        }
      }
      CifarReader.Records train = CifarReader.read(variant, trainFiles.toArray(Path[]::new));
      CifarReader.Records test = CifarReader.read(variant, testFile);
      List<String> classes = classNames(dir.resolve(ten ? "batches.meta.txt" : "fine_label_names.txt"),
          variant.numClasses());
      return atSize(new ImageDataset(name, CifarReader.SIDE, CifarReader.SIDE, 3, variant.numClasses(), train.images(),
          train.labels(), test.images(), test.labels(), classes), size);
    });
  }

  /** Class names from the data set's text file, or none when it is missing or does not fit. */
  private static List<String> classNames(Path file, int numClasses) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(s -> !s.isEmpty()).toList();
      return names.size() == numClasses ? names : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static ImageDataset atSize(ImageDataset data, ImageSize size) {
    return size == null ? data : data.resized(size);
  }

  /**
   * The folder itself, read at the size asked for; without one at {@code image-folder:<size>}'s
   * (the older spelling) or else at the images' own size when they all share one.
   */
  private static ImageLoader imageFolder(String name, String size, Path dataDir) {
    if (dataDir == null || !Files.isDirectory(dataDir)) {
      throw new DataSetNotFoundException(name, dataDir == null ? List.of() : List.of(dataDir),
          "pass the folder with --data-dir: <dir>/train/<class>/*.jpg and <dir>/val/<class>/*.jpg (or <dir>/val/*.jpg "
              + "with <dir>/val/labels.csv), or <dir>/<class>/*.jpg");
    }
    ImageSize named;
    try {
      named = ImageSize.parse(size);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--data image-folder:<size> needs a size H or HxW, got '" + size + "'");
    }
    return new ImageLoader(name, dataDir,
        (asked, store, threads) -> ImageFolderReader.read(dataDir, asked != null ? asked : named, 3, store, threads));
  }
}
