package dev.lawn.data.rec;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Raw interactions as read from a ratings file, in file order: parallel primitive arrays of the
 * original user and item ids, timestamps and the 1-based source line (kept so that later checks can
 * still name the line at fault).
 */
public final class Interactions {

  private final Path file;
  private final int[] users;
  private final int[] items;
  private final long[] timestamps;
  private final int[] lines;

  /** Arrays are taken as they are (not copied) and must have equal lengths. */
  public Interactions(Path file, int[] users, int[] items, long[] timestamps, int[] lines) {
    int n = users.length;
    if (items.length != n || timestamps.length != n || lines.length != n) {
      throw new IllegalArgumentException("interaction arrays differ in length");
    }
    this.file = file;
    this.users = users;
    this.items = items;
    this.timestamps = timestamps;
    this.lines = lines;
  }

  /** The file they came from. */
  public Path file() {
    return file;
  }

  /** Number of interactions. */
  public int size() {
    return users.length;
  }

  /** Original user id of interaction {@code i}. */
  public int user(int i) {
    return users[i];
  }

  /** Original item id of interaction {@code i}. */
  public int item(int i) {
    return items[i];
  }

  /** Timestamp of interaction {@code i}. */
  public long timestamp(int i) {
    return timestamps[i];
  }

  /** 1-based line of interaction {@code i} in {@link #file()}. */
  public int line(int i) {
    return lines[i];
  }

  int[] usersArray() {
    return users;
  }

  int[] itemsArray() {
    return items;
  }

  long[] timestampsArray() {
    return timestamps;
  }

  /** Grows primitive arrays while a file is parsed. */
  static final class Builder {
    private final Path file;
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private long[] timestamps = new long[1024];
    private int[] lines = new int[1024];
    private int size;

    Builder(Path file) {
      this.file = file;
    }

    void add(int user, int item, long timestamp, int line) {
      if (size == users.length) {
        int cap = Math.max(16, size + (size >> 1));
        users = Arrays.copyOf(users, cap);
        items = Arrays.copyOf(items, cap);
        timestamps = Arrays.copyOf(timestamps, cap);
        lines = Arrays.copyOf(lines, cap);
      }
      users[size] = user;
      items[size] = item;
      timestamps[size] = timestamp;
      lines[size] = line;
      size++;
    }

    Interactions build() {
      return new Interactions(file, Arrays.copyOf(users, size), Arrays.copyOf(items, size),
          Arrays.copyOf(timestamps, size), Arrays.copyOf(lines, size));
    }
  }
}
