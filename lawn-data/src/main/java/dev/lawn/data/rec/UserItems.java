package dev.lawn.data.rec;

import java.util.Arrays;

/**
 * For each dense user, a sorted array of dense item ids, stored compressed (CSR): the items of user
 * {@code u} are {@code items[offsets[u] .. offsets[u+1])}, ascending. Membership is a binary search.
 */
final class UserItems {

  private final int[] offsets;
  private final int[] items;

  /** Takes the arrays as they are; each user's slice must already be sorted. */
  UserItems(int[] offsets, int[] items) {
    this.offsets = offsets;
    this.items = items;
  }

  int users() {
    return offsets.length - 1;
  }

  int total() {
    return items.length;
  }

  int count(int user) {
    return offsets[user + 1] - offsets[user];
  }

  int start(int user) {
    return offsets[user];
  }

  int itemAt(int index) {
    return items[index];
  }

  boolean contains(int user, int item) {
    return Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
  }

  int[] itemsOf(int user) {
    return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
  }

  /** Every (user, item) pair flattened, user-major: the users array. */
  int[] flatUsers() {
    int[] u = new int[items.length];
    for (int user = 0; user < users(); user++) {
      Arrays.fill(u, offsets[user], offsets[user + 1], user);
    }
    return u;
  }

  int[] flatItems() {
    return items.clone();
  }

  /** Builds from per-user lists given as (user, item) pairs; sorts and checks nothing else. */
  static UserItems fromPairs(int numUsers, int[] users, int[] items, int count) {
    int[] offsets = new int[numUsers + 1];
    for (int i = 0; i < count; i++) {
      offsets[users[i] + 1]++;
    }
    for (int u = 0; u < numUsers; u++) {
      offsets[u + 1] += offsets[u];
    }
    int[] fill = Arrays.copyOf(offsets, numUsers);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[fill[users[i]]++] = items[i];
    }
    for (int u = 0; u < numUsers; u++) {
      Arrays.sort(out, offsets[u], offsets[u + 1]);
    }
    return new UserItems(offsets, out);
  }
}
