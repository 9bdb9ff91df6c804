package dev.lawn.data;

import java.nio.file.Path;

/** A data set found on disk, ready to be loaded; obtained from {@link DataSets#resolve}. */
public sealed interface DataSetLoader permits RecommendationLoader, ImageLoader {

  /** Registry name, e.g. {@code movielens-1m}. */
  String name();

  /** The directory the data set was found in. */
  Path location();
}
