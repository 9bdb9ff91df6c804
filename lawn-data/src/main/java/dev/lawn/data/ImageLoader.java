package dev.lawn.data;

import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImageSize;
import java.nio.file.Path;
import java.util.function.Function;

/** Loads an image classification data set into memory. */
public final class ImageLoader implements DataSetLoader {

  private final String name;
  private final Path location;
  private final Function<ImageSize, ImageDataset> load;

  /** @param load reads the data at a size, or at the data set's own size for null */
  ImageLoader(String name, Path location, Function<ImageSize, ImageDataset> load) {
    this.name = name;
    this.location = location;
    this.load = load;
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
    return load.apply(size);
  }

  @Override
  public String toString() {
    return name + " at " + location;
  }
}
