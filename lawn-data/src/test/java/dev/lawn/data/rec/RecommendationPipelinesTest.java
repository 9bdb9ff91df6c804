package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class RecommendationPipelinesTest {

  /** 30 users with 5..9 interactions over 200 items, timestamps in file order. */
  static RecommendationDataset dataset() {
    int n = 0;
    int[] u = new int[300];
    int[] i = new int[300];
    long[] t = new long[300];
    int[] line = new int[300];
    for (int user = 0; user < 30; user++) {
      for (int k = 0; k < 5 + user % 5; k++, n++) {
        u[n] = user;
        i[n] = (user * 7 + k * 13) % 200;
        t[n] = n;
        line[n] = n + 1;
      }
    }
    Interactions data = new Interactions(Path.of("gen"), Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(t, n),
        Arrays.copyOf(line, n));
    return LeaveOneOutSplitter.split(data, SplitOptions.ncf(), "gen");
  }

  /** Rows of one epoch as (user, item, label) triples flattened. */
  static int[] rows(Pipeline p, int epoch, RecommendationDataset d) {
    int[] out = new int[3 * p.rowsPerEpoch()];
    int k = 0;
    try (BatchIterator it = p.epoch(epoch)) {
      while (it.hasNext()) {
        try (Batch b = it.next()) {
          TInt32 user = b.tensor(Features.USER, TInt32.class);
          TInt32 item = b.tensor(Features.ITEM, TInt32.class);
          TFloat32 label = b.tensor(Features.LABEL, TFloat32.class);
          for (int r = 0; r < b.size(); r++) {
            out[k++] = user.getInt(r);
            out[k++] = item.getInt(r);
            out[k++] = (int) label.getFloat(r);
            assertEquals(label.getFloat(r) == 1f, d.isPositive(user.getInt(r), item.getInt(r)),
                "label 1 exactly for positives");
          }
        }
      }
    }
    assertEquals(out.length, k);
    return out;
  }

  @Test
  void trainingEpochsAreReproducibleAndResumable() {
    RecommendationDataset d = dataset();
    TrainingNegativeSampler sampler = d.trainingSampler(4);
    Pipeline p = RecommendationPipelines.training(sampler, 11, 64, false, 2);
    assertEquals(5 * d.numTrainPositives(), p.rowsPerEpoch());
    assertEquals((p.rowsPerEpoch() + 63) / 64, p.batchesPerEpoch());
    int[] e2 = rows(p, 2, d);
    assertArrayEquals(e2, rows(RecommendationPipelines.training(d.trainingSampler(4), 11, 64, false, 0), 2, d));
    assertFalse(Arrays.equals(e2, rows(p, 3, d)));
    int positives = 0;
    for (int r = 2; r < e2.length; r += 3) {
      positives += e2[r];
    }
    assertEquals(d.numTrainPositives(), positives);
  }

  @Test
  void evaluationBatchesHoldWholeUsersWithThePositiveFirst() {
    RecommendationDataset d = dataset();
    Pipeline p = RecommendationPipelines.evaluation(d.testCandidates(), 8);
    assertEquals(800, p.batchSize());
    assertEquals(4, p.batchesPerEpoch());
    int[] rows = rows(p, 0, d);
    for (int user = 0; user < d.numUsers(); user++) {
      int first = 3 * 100 * user;
      assertEquals(user, rows[first]);
      assertEquals(d.testItem(user), rows[first + 1]);
      assertEquals(1, rows[first + 2]);
      assertEquals(0, rows[first + 3 + 2]);
    }
    assertThrows(IllegalArgumentException.class, () -> RecommendationPipelines.evaluation(d.testCandidates(), 0));
  }
}
