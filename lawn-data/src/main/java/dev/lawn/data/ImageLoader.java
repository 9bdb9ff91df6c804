package dev.lawn.data;

import dev.lawn.data.image.ImageDataset;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Loads an image classification data set into memory. */
public final class ImageLoader implements DataSetLoader {

  private final String name;
  private final Path location;
  private final Supplier<ImageDataset> load;

  ImageLoader(String name, Path location, Supplier<ImageDataset> load) {
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
   * Reads the data set.
   *
   * @throws DataFormatException for bad input, naming file and byte offset
   */
  public ImageDataset load() {
    return load.get();
  }

  @Override
  public String toString() {
    return name + " at " + location;
  }
}
