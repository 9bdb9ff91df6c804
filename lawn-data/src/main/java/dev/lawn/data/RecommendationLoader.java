package dev.lawn.data;

import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.SplitOptions;
import java.nio.file.Path;
import java.util.function.Function;

/** Loads an implicit-feedback data set and splits it by the NCF protocol. */
public final class RecommendationLoader implements DataSetLoader {

  private final String name;
  private final Path location;
  private final Function<SplitOptions, RecommendationDataset> load;

  RecommendationLoader(String name, Path location, Function<SplitOptions, RecommendationDataset> load) {
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
   * Reads and splits the data set.
   *
   * @throws DataFormatException for bad input, naming file and line
   */
  public RecommendationDataset load(SplitOptions options) {
    return load.apply(options);
  }

  @Override
  public String toString() {
    return name + " at " + location;
  }
}
