package dev.lawn.data;

import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImageSize;
import dev.lawn.data.image.ImageStore;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Loads an image classification data set: into memory, or, for an image folder, as a list of files
 * decoded batch by batch ({@link #load(ImageSize, ImageStore, HostThreads)}).
 */
public final class ImageLoader implements DataSetLoader {

  /** Reads a data set at a size, held or from its files, decoding on some threads. */
  @FunctionalInterface
  interface Load {
    ImageDataset load(ImageSize size, ImageStore store, HostThreads threads);
  }

  private final String name;
  private final Path location;
  private final Load load;
  private final boolean files;

  /** A data set of binary files of its own (IDX, CIFAR), always held in memory. */
  ImageLoader(String name, Path location, Function<ImageSize, ImageDataset> load) {
    this.name = name;
    this.location = location;
    this.load = (size, store, threads) -> {
      if (store == ImageStore.FILES) {
        throw new IllegalArgumentException(name + " is held in memory (its files are not one per image): "
            + "reading from files (image store 'files') applies to an image folder only");
      }
      return load.apply(size);
    };
    this.files = false;
  }

  /** A data set that can also be read from its files ({@code load} takes the store). */
  ImageLoader(String name, Path location, Load load) {
    this.name = name;
    this.location = location;
    this.load = load;
    this.files = true;
  }

  /** Whether {@link ImageStore#FILES} applies: an image folder, one file per image. */
  public boolean readsFromFiles() {
    return files;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Path location() {
    return location;
  }

  /**
   * Reads the data set at its own size.
   *
   * @throws DataFormatException for bad input, naming file and byte offset
   * @throws IllegalArgumentException for a folder of images of several sizes (the message lists them)
   */
  public ImageDataset load() {
    return load(null);
  }

  /**
   * Reads the data set with every image at {@code size} (resized bilinearly where stored otherwise),
   * or at its own size for null: the size of its files (IDX, CIFAR), the size every image of a
   * folder shares.
   *
   * @throws DataFormatException for bad input, naming file and byte offset
   * @throws IllegalArgumentException for a null size and a folder of images of several sizes
   */
  public ImageDataset load(ImageSize size) {
    return load(size, ImageStore.MEMORY);
  }

  /**
   * Reads the data set at {@code size} (or at its own size for null), held in memory or, for an image
   * folder, read from its files every epoch as {@code store} says. Close the result when done (it
   * frees the decoders of a data set read from files).
   *
   * @throws DataFormatException for bad input, naming file and byte offset
   * @throws IllegalArgumentException for {@link ImageStore#FILES} on a data set that is not an image
   *     folder, or a null size and a folder of images of several sizes
   */
  public ImageDataset load(ImageSize size, ImageStore store) {
    return load(size, store, HostThreads.ALL_CORES);
  }

  /**
   * {@link #load(ImageSize, ImageStore)}, decoding an image folder's JPEGs on {@code threads} (while it
   * is read, and every batch when read from its files); the binary formats ignore it.
   */
  public ImageDataset load(ImageSize size, ImageStore store, HostThreads threads) {
    return load.load(size, store, threads);
  }

  @Override
  public String toString() {
    return name + " at " + location;
  }
}
