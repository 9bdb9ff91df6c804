package dev.lawn.data.rec;

/**
 * The text layouts of rating files: four columns {@code user, item, rating, timestamp}, one
 * interaction per line, differing in separator and header.
 */
public enum RatingsFormat {
  /** MovieLens-100k {@code u.data}: tab-separated, no header. */
  MOVIELENS_100K("\t", null),
  /** MovieLens-1M {@code ratings.dat}: {@code ::}-separated, no header. */
  MOVIELENS_1M("::", null),
  /** MovieLens "latest" {@code ratings.csv}: comma-separated with a header line. */
  MOVIELENS_LATEST(",", "userId,movieId,rating,timestamp"),
  /** NCF preprocessed {@code *.train.rating} / {@code *.test.rating}: tab-separated, ids already 0-based. */
  NCF_RATING("\t", null);

  /** Columns in every data line. */
  public static final int COLUMNS = 4;

  private final String separator;
  private final String header;

  RatingsFormat(String separator, String header) {
    this.separator = separator;
    this.header = header;
  }

  /** Column separator. */
  public String separator() {
    return separator;
  }

  /** The expected header line, or null when the format has none. */
  public String header() {
    return header;
  }
}
