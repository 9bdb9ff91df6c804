package dev.lawn.data.rec;

/** Stable sorting of a slice of an index array by a primitive key, without boxing. */
final class IndexSort {

  private IndexSort() {}

  /** Sorts {@code idx[from, to)} by {@code keys[idx[i]]} ascending; equal keys keep their order. */
  static void stableSortByKey(int[] idx, int from, int to, long[] keys, int[] scratch) {
    int n = to - from;
    if (n < 2) {
      return;
    }
    if (n <= 32) {
      for (int i = from + 1; i < to; i++) {
        int v = idx[i];
        long k = keys[v];
        int j = i - 1;
        while (j >= from && keys[idx[j]] > k) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    stableSortByKey(idx, from, mid, keys, scratch);
    stableSortByKey(idx, mid, to, keys, scratch);
    if (keys[idx[mid - 1]] <= keys[idx[mid]]) {
      return;
    }
    System.arraycopy(idx, from, scratch, from, n);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && keys[scratch[i]] <= keys[scratch[j]])) {
        idx[k] = scratch[i++];
      } else {
        idx[k] = scratch[j++];
      }
    }
  }
}
