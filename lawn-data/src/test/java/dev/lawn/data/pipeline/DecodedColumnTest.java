package dev.lawn.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class DecodedColumnTest {

  private static final int ROWS = 23;

  /** Row r of a [2, 3] feature: 6 values that name the row and the position. */
  private static float value(int row, int k) {
    return row * 10f + k;
  }

  private static float[] stored() {
    float[] x = new float[ROWS * 6];
    for (int r = 0; r < ROWS; r++) {
      for (int k = 0; k < 6; k++) {
        x[r * 6 + k] = value(r, k);
      }
    }
    return x;
  }

  private static DecodedColumn decoded(List<int[]> calls) {
    return new DecodedColumn("x", ROWS, (rows, count, out) -> {
      calls.add(java.util.Arrays.copyOf(rows, count));
      for (int i = 0; i < count; i++) {
        for (int k = 0; k < 6; k++) {
          out[i * 6 + k] = value(rows[i], k);
        }
      }
    }, 2, 3);
  }

  private static int[] ids() {
    int[] id = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      id[i] = i;
    }
    return id;
  }

  /** Every batch of two epochs: each feature's values, flattened, batch after batch. */
  private static List<float[]> drain(Pipeline p) {
    List<float[]> out = new ArrayList<>();
    try (BatchIterator it = p.epochs(3, 2)) {
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          TFloat32 x = b.tensor("x", TFloat32.class);
          assertArrayEquals(new long[] {b.size(), 2, 3}, x.shape().asArray());
          float[] values = new float[b.size() * 7];
          x.asRawTensor().data().asFloats().read(values, 0, b.size() * 6);
          TInt32 id = b.tensor("id", TInt32.class);
          for (int i = 0; i < b.size(); i++) {
            values[b.size() * 6 + i] = id.getInt(i);
          }
          out.add(values);
        }
      }
    }
    return out;
  }

  @Test
  void batchesAreTheStoredColumnsBatchesShuffledAndPrefetched() {
    List<int[]> calls = new ArrayList<>();
    ColumnSet made = ColumnSet.of(decoded(calls), new IntColumn("id", ids()));
    ColumnSet held = ColumnSet.of(new FloatColumn("x", stored(), 2, 3), new IntColumn("id", ids()));
    Pipeline a = Pipeline.from(made).shuffle(5).batch(4, false).prefetch(2);
    Pipeline b = Pipeline.from(held).shuffle(5).batch(4, false).prefetch(0);
    List<float[]> got = drain(a);
    List<float[]> want = drain(b);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertArrayEquals(want.get(i), got.get(i), "batch " + i);
    }
    assertEquals(2 * 6, calls.size(), "one call per batch: 6 batches of 23 rows, two epochs");
    assertEquals(3, calls.get(5).length, "the last batch asks for its 3 rows only");
    for (int[] rows : calls) {
      for (int r : rows) {
        assertTrue(r >= 0 && r < ROWS, "row " + r);
      }
    }
  }

  @Test
  void aDecoderFailureReachesTheConsumerAtItsBatch() {
    IllegalStateException broken = new IllegalStateException("row 7 is broken");
    DecodedColumn column = new DecodedColumn("x", ROWS, (rows, count, out) -> {
      for (int i = 0; i < count; i++) {
        if (rows[i] == 7) {
          throw broken;
        }
      }
    }, 1);
    Pipeline p = Pipeline.from(ColumnSet.of(column)).batch(5, false).prefetch(2);
    try (BatchIterator it = p.epoch(0)) {
      it.next().close(); // rows 0-4
      IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
      assertSame(broken, e);
    }
  }

  @Test
  void theNextBatchIsDecodedWhileThisOneIsUsed() throws InterruptedException {
    java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
    java.util.Set<Thread> decoders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    DecodedColumn column = new DecodedColumn("x", 10, (rows, count, out) -> {
      if (rows[0] == 4) {
        decoders.add(Thread.currentThread());
        secondStarted.countDown();
      }
      for (int i = 0; i < count; i++) {
        out[i] = rows[i];
      }
    }, 1);
    Pipeline p = Pipeline.from(ColumnSet.of(column)).batch(4, false).prefetch(0); // batches built on next()
    try (BatchIterator it = p.epoch(0); Batch first = it.next()) {
      assertTrue(secondStarted.await(10, java.util.concurrent.TimeUnit.SECONDS),
          "rows 4-7 are decoded before the consumer asks for them");
      assertEquals(0f, first.tensor("x", TFloat32.class).getFloat(0, 0), 0f);
      assertTrue(!decoders.contains(Thread.currentThread()), "on a thread of its own");
      try (Batch second = it.next()) {
        assertEquals(4f, second.tensor("x", TFloat32.class).getFloat(0, 0), 0f);
        assertEquals(7f, second.tensor("x", TFloat32.class).getFloat(3, 0), 0f);
      }
    }
  }

  @Test
  void rejectsImpossibleShapes() {
    assertThrows(IllegalArgumentException.class, () -> new DecodedColumn("x", -1, (r, c, o) -> {}, 2));
    assertThrows(IllegalArgumentException.class, () -> new DecodedColumn("x", 3, (r, c, o) -> {}, 0));
    assertThrows(IllegalArgumentException.class, () -> new DecodedColumn("", 3, (r, c, o) -> {}, 2));
  }
}
