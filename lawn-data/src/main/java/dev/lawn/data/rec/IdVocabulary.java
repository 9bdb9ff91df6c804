package dev.lawn.data.rec;

import dev.lawn.data.DataFormatException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The mapping between a data set's own user and item ids and the dense indices a model takes
 * ({@code 0..numUsers-1}, {@code 0..numItems-1}), with item titles where the data set has them.
 *
 * <p>On disk it is two UTF-8 CSV files with a header, one row per dense index in order:
 * {@value #USERS_FILE} ({@code index,id}) and {@value #ITEMS_FILE} ({@code index,id,title}, the
 * title quoted as RFC 4180 says when it holds a comma or quote, empty when unknown). The trainer
 * writes them into the run folder's {@value #FOLDER}/ and {@code lawn export} into the SavedModel's
 * {@code assets/}.
 */
public final class IdVocabulary {

  /** The run folder's sub-folder holding the files. */
  public static final String FOLDER = "vocabulary";
  public static final String USERS_FILE = "users.csv";
  public static final String ITEMS_FILE = "items.csv";

  private final int[] userIds;
  private final int[] itemIds;
  private final String[] itemTitles;
  private final Map<Integer, Integer> userIndex;
  private final Map<Integer, Integer> itemIndex;

  /**
   * @param userIds the data set's id of each dense user
   * @param itemIds the data set's id of each dense item
   * @param itemTitles title of each dense item ("" when unknown), or null for none
   * @throws IllegalArgumentException when an id repeats or the titles do not match the items
   */
  public IdVocabulary(int[] userIds, int[] itemIds, String[] itemTitles) {
    this.userIds = userIds.clone();
    this.itemIds = itemIds.clone();
    if (itemTitles != null && itemTitles.length != itemIds.length) {
      throw new IllegalArgumentException(itemTitles.length + " titles for " + itemIds.length + " items");
    }
    this.itemTitles = itemTitles == null ? new String[itemIds.length] : itemTitles.clone();
    for (int i = 0; i < this.itemTitles.length; i++) {
      this.itemTitles[i] = this.itemTitles[i] == null ? "" : this.itemTitles[i];
    }
    this.userIndex = index(this.userIds, "user");
    this.itemIndex = index(this.itemIds, "item");
  }

  /** The vocabulary of a split data set, titled from {@code titles} (item id to title; may be empty). */
  public static IdVocabulary of(RecommendationDataset data, Map<Integer, String> titles) {
    int[] users = new int[data.numUsers()];
    for (int u = 0; u < users.length; u++) {
      users[u] = data.rawUserId(u);
    }
    int[] items = new int[data.numItems()];
    String[] named = new String[items.length];
    for (int i = 0; i < items.length; i++) {
      items[i] = data.rawItemId(i);
      named[i] = titles.getOrDefault(items[i], "");
    }
    return new IdVocabulary(users, items, named);
  }

  private static Map<Integer, Integer> index(int[] ids, String what) {
    Map<Integer, Integer> out = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (out.put(ids[i], i) != null) {
        throw new IllegalArgumentException(what + " id " + ids[i] + " appears twice in the vocabulary");
      }
    }
    return out;
  }

  public int numUsers() {
    return userIds.length;
  }

  public int numItems() {
    return itemIds.length;
  }

  /** The data set's id of dense user {@code index}. */
  public int userId(int index) {
    return userIds[index];
  }

  /** The data set's id of dense item {@code index}. */
  public int itemId(int index) {
    return itemIds[index];
  }

  /** The title of dense item {@code index}, or "" when unknown. */
  public String itemTitle(int index) {
    return itemTitles[index];
  }

  /** Whether any item has a title. */
  public boolean hasTitles() {
    return Arrays.stream(itemTitles).anyMatch(t -> !t.isEmpty());
  }

  /** The dense index of the data set's user {@code id}; empty for a user the model never saw. */
  public OptionalInt userIndex(int id) {
    Integer i = userIndex.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The dense index of the data set's item {@code id}; empty for an item the model never saw. */
  public OptionalInt itemIndex(int id) {
    Integer i = itemIndex.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** Writes {@value #USERS_FILE} and {@value #ITEMS_FILE} into {@code dir} (created), each atomically. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(dir.resolve(USERS_FILE), out -> {
      out.write("index,id\n");
      for (int u = 0; u < userIds.length; u++) {
        out.write(u + "," + userIds[u] + "\n");
      }
    });
    writeAtomically(dir.resolve(ITEMS_FILE), out -> {
      out.write("index,id,title\n");
      for (int i = 0; i < itemIds.length; i++) {
        out.write(i + "," + itemIds[i] + "," + quote(itemTitles[i]) + "\n");
      }
    });
  }

  /** Whether {@code dir} holds both files. */
  public static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(USERS_FILE)) && Files.isRegularFile(dir.resolve(ITEMS_FILE));
  }

  /**
   * Reads the files {@link #write} wrote.
   *
   * @throws DataFormatException naming the file and line of a malformed row or an index out of order
   */
  public static IdVocabulary read(Path dir) {
    List<String[]> users = rows(dir.resolve(USERS_FILE), "index,id");
    List<String[]> items = rows(dir.resolve(ITEMS_FILE), "index,id,title");
    int[] userIds = users.stream().mapToInt(r -> Integer.parseInt(r[1])).toArray();
    int[] itemIds = items.stream().mapToInt(r -> Integer.parseInt(r[1])).toArray();
    String[] titles = items.stream().map(r -> r[2]).toArray(String[]::new);
    try {
      return new IdVocabulary(userIds, itemIds, titles);
    } catch (IllegalArgumentException e) {
      throw DataFormatException.inFile(dir, e.getMessage());
    }
  }

  /** Rows after the header, checked: the index column counts 0, 1, 2, ... and the id is an integer. */
  private static List<String[]> rows(Path file, String header) {
    List<String[]> out = new ArrayList<>();
    int columns = header.split(",").length;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || !line.equals(header)) {
        throw DataFormatException.atLine(file, 1, "expected the header '" + header + "'");
      }
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String[] row = line.split(",", columns);
        if (row.length != columns) {
          throw DataFormatException.atLine(file, lineNo, "expected " + columns + " columns: " + header);
        }
        try {
          if (Integer.parseInt(row[0]) != out.size()) {
            throw DataFormatException.atLine(file, lineNo, "index " + row[0] + " where " + out.size() + " was expected");
          }
          Integer.parseInt(row[1]);
        } catch (NumberFormatException e) {
          throw DataFormatException.atLine(file, lineNo, "index and id must be integers");
        }
        if (columns == 3) {
          row[2] = unquote(row[2], file, lineNo);
        }
        out.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\r", " ").replace("\n", " ").replace("\"", "\"\"") + '"';
  }

  private static String unquote(String field, Path file, int lineNo) {
    if (!field.startsWith("\"")) {
      return field;
    }
    if (field.length() < 2 || !field.endsWith("\"")) {
      throw DataFormatException.atLine(file, lineNo, "unterminated quoted title");
    }
    return field.substring(1, field.length() - 1).replace("\"\"", "\"");
  }

  private interface Body {
    void write(BufferedWriter out) throws IOException;
  }

  private static void writeAtomically(Path file, Body body) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      body.write(out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
