package dev.lawn.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class PipelineTest {

  private static ColumnSet ids(int n) {
    int[] id = new int[n];
    float[] pair = new float[2 * n];
    for (int i = 0; i < n; i++) {
      id[i] = i;
      pair[2 * i] = i;
      pair[2 * i + 1] = -i;
    }
    return ColumnSet.of(new IntColumn("id", id), new FloatColumn("pair", pair, 2));
  }

  /** All ids of one epoch, in order, checking the float column travelled with its row. */
  private static List<Integer> drain(BatchIterator it, List<Integer> sizes) {
    List<Integer> out = new ArrayList<>();
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        sizes.add(b.size());
        TInt32 id = b.tensor("id", TInt32.class);
        TFloat32 pair = b.tensor("pair", TFloat32.class);
        assertEquals(2, pair.shape().numDimensions());
        for (int i = 0; i < b.size(); i++) {
          int v = id.getInt(i);
          assertEquals(v, pair.getFloat(i, 0), 0f);
          assertEquals(-v, pair.getFloat(i, 1), 0f);
          out.add(v);
        }
      }
    }
    return out;
  }

  @Test
  void unshuffledKeepsOrderAndLastBatchIsPartial() {
    Pipeline p = Pipeline.from(ids(10)).batch(4, false);
    assertEquals(3, p.batchesPerEpoch());
    assertEquals(10, p.rowsTrainedPerEpoch());
    List<Integer> sizes = new ArrayList<>();
    try (BatchIterator it = p.epoch(0)) {
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), drain(it, sizes));
    }
    assertEquals(List.of(4, 4, 2), sizes);
  }

  @Test
  void dropRemainderDropsThePartialBatch() {
    Pipeline p = Pipeline.from(ids(10)).batch(4, true).prefetch(2);
    assertEquals(2, p.batchesPerEpoch());
    assertEquals(8, p.rowsTrainedPerEpoch(), "the rows the drained epoch holds");
    List<Integer> sizes = new ArrayList<>();
    try (BatchIterator it = p.epoch(0)) {
      assertEquals(8, drain(it, sizes).size());
    }
    assertEquals(List.of(4, 4), sizes);
  }

  @Test
  void shuffleIsAPermutationDeterminedBySeedAndEpochOnly() {
    Pipeline p = Pipeline.from(ids(100)).shuffle(7).batch(16, false).prefetch(3);
    List<Integer> e3;
    try (BatchIterator it = p.epoch(3)) {
      e3 = drain(it, new ArrayList<>());
    }
    List<Integer> sorted = new ArrayList<>(e3);
    sorted.sort(null);
    assertEquals(ids(100).rows(), sorted.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, sorted.get(i));
    }
    // Epoch 3 reached through epochs 0..3 in one stream equals epoch 3 asked directly (resume).
    List<Integer> all;
    try (BatchIterator it = p.epochs(0, 4)) {
      all = drain(it, new ArrayList<>());
    }
    assertEquals(e3, all.subList(300, 400));
    assertNotEquals(all.subList(0, 100), e3, "epochs must differ");
    // Synchronous and prefetching give the same batches; another seed gives another order.
    try (BatchIterator it = p.prefetch(0).epoch(3)) {
      assertEquals(e3, drain(it, new ArrayList<>()));
    }
    try (BatchIterator it = p.shuffle(8).epoch(3)) {
      assertNotEquals(e3, drain(it, new ArrayList<>()));
    }
  }

  @Test
  void mapSeesBatchWithReproducibleRandomness() {
    BatchTransform addNoise = (b, r) -> {
      float[] pair = b.floats("pair");
      for (int i = 0; i < b.size(); i++) {
        pair[2 * i + 1] = r.nextInt(1000);
      }
    };
    Pipeline p = Pipeline.from(ids(20)).shuffle(1).map(addNoise).batch(5, false).prefetch(1);
    float[] first = noise(p);
    assertArrayEquals(first, noise(p));
    assertFalse(Arrays.equals(first, noise(p.shuffle(2))));
  }

  private static float[] noise(Pipeline p) {
    float[] out = new float[20];
    try (BatchIterator it = p.epoch(5)) {
      int k = 0;
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          TFloat32 pair = b.tensor("pair", TFloat32.class);
          for (int i = 0; i < b.size(); i++) {
            out[k++] = pair.getFloat(i, 1);
          }
        }
      }
    }
    return out;
  }

  @Test
  void perEpochSourceIsAskedOncePerEpochWithItsNumber() {
    AtomicInteger calls = new AtomicInteger();
    EpochSource source = new EpochSource() {
      @Override
      public int rowsPerEpoch() {
        return 6;
      }

      @Override
      public ColumnSet columns(int epoch) {
        calls.incrementAndGet();
        int[] v = new int[6];
        Arrays.fill(v, epoch);
        return ColumnSet.of(new IntColumn("e", v));
      }
    };
    try (BatchIterator it = Pipeline.from(source).batch(4, false).prefetch(2).epochs(2, 3)) {
      List<Integer> seen = new ArrayList<>();
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          assertEquals(b.epoch(), b.tensor("e", TInt32.class).getInt(0));
          seen.add(b.epoch());
        }
      }
      assertEquals(List.of(2, 2, 3, 3, 4, 4), seen);
    }
    assertEquals(3, calls.get());
  }

  @Test
  void producerErrorReachesTheConsumer() {
    BatchTransform failing = (b, r) -> {
      if (b.index() == 1) {
        throw new IllegalStateException("boom in batch 1");
      }
    };
    try (BatchIterator it = Pipeline.from(ids(10)).map(failing).batch(4, false).prefetch(2).epoch(0)) {
      it.next().close();
      IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
      assertTrue(e.getMessage().contains("boom"));
    }
  }

  @Test
  void closingEarlyStopsTheProducer() {
    BatchIterator it = Pipeline.from(ids(1000)).batch(1, false).prefetch(4).epochs(0, 100);
    it.next().close();
    it.close();
    assertFalse(it.hasNext());
  }

  @Test
  void invalidOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Pipeline.from(ids(3)).batch(0, false));
    assertThrows(IllegalArgumentException.class, () -> Pipeline.from(ids(3)).prefetch(-1));
    assertThrows(IllegalStateException.class, () -> Pipeline.from(ids(3)).epoch(0));
    assertThrows(IllegalArgumentException.class, () -> Pipeline.from(ids(3)).batch(1, false).epochs(-1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ColumnSet.of(new IntColumn("a", new int[3]), new IntColumn("b", new int[4])));
    assertThrows(IllegalArgumentException.class,
        () -> ColumnSet.of(new IntColumn("a", new int[3]), new IntColumn("a", new int[3])));
    assertThrows(IllegalArgumentException.class, () -> new FloatColumn("x", new float[5], 2));
  }
}
