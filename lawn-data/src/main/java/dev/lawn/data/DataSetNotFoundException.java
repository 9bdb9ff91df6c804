package dev.lawn.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A data set that is not where lawn looked for it. The message lists the places and says how to get it. */
public final class DataSetNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String dataSet;
  private final transient List<Path> placesLooked;

  /**
   * @param dataSet the registry name of the data set
   * @param placesLooked every directory or file that was checked, in the order checked
   * @param howToGet one or two sentences telling the user how to obtain the data set
   */
  public DataSetNotFoundException(String dataSet, List<Path> placesLooked, String howToGet) {
    this(dataSet, placesLooked, null, howToGet);
  }

  /**
   * As above, with {@code note} (or null) said right after "not found", e.g. that the
   * {@code --data-dir} given does not exist.
   */
  public DataSetNotFoundException(String dataSet, List<Path> placesLooked, String note, String howToGet) {
    super(message(dataSet, placesLooked, note, howToGet));
    this.dataSet = dataSet;
    this.placesLooked = List.copyOf(placesLooked);
  }

  /** One line: the places looked, in order, then the hint (a command line prints it whole). */
  private static String message(String dataSet, List<Path> placesLooked, String note, String howToGet) {
    String looked = placesLooked.isEmpty()
        ? "nowhere (pass --data-dir)"
        : placesLooked.stream().map(Path::toString).collect(Collectors.joining(", "));
    return "data set '" + dataSet + "' not found" + (note == null ? "" : " (" + note + ")") + ". Looked in: " + looked + ". How to get it: " + howToGet;
  }

  /** The registry name of the missing data set. */
  public String dataSet() {
    return dataSet;
  }

  /** The places that were checked, in order. */
  public List<Path> placesLooked() {
    return placesLooked;
  }
}
