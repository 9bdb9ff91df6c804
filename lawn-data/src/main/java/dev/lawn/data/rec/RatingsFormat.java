package dev.lawn.data.rec;

/**
 * The text layouts of rating files: four columns {@code user, item, rating, timestamp}, one
 * interaction per line, differing in separator and header.
 */
public enum RatingsFormat {
  /** MovieLens-100k {@code u.data}: tab-separated, no header. */
  MOVIELENS_100K("\t", null, false),
  /** MovieLens-1M {@code ratings.dat}: {@code ::}-separated, no header. */
  MOVIELENS_1M("::", null, false),
  /** MovieLens "latest" {@code ratings.csv}: comma-separated with a header line. */
  MOVIELENS_LATEST(",", "userId,movieId,rating,timestamp", false),
  /**
   * NCF preprocessed {@code *.train.rating} / {@code *.test.rating}: tab-separated, ids already
   * 0-based; the timestamp column may be missing (then 0: file order decides).
   */
  NCF_RATING("\t", null, true);

  /** Columns in every data line. */
  public static final int COLUMNS = 4;

  private final String separator;
  private final String header;
  private final boolean timestampOptional;

  RatingsFormat(String separator, String header, boolean timestampOptional) {
    this.separator = separator;
    this.header = header;
    this.timestampOptional = timestampOptional;
  }

  /** Whether lines may omit the fourth (timestamp) column. */
  public boolean timestampOptional() {
    return timestampOptional;
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
