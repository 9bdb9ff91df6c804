package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.train.metrics.Calibration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The standard evaluations for {@link Fit}: accuracy and calibration of classifiers, HR@K and NDCG@K
 * of rankers. The training margins (p10/p50/p90) are in every row without one.
 */
public final class Evaluations {

  private Evaluations() {}

  /**
   * Accuracy and expected calibration error ({@value ClassificationTask#ECE_BINS} bins) of a
   * {@code [B, K]} classifier on {@code test}'s epoch 0 (int labels under {@value Features#LABEL});
   * {@code accuracy} picks the best checkpoint.
   */
  public static Evaluation classifier(Ops tf, FitModel model, BatchStream test) {
    Operand<TFloat32> probabilities = tf.nn.softmax(model.logits());
    return Evaluation.selecting("accuracy", session -> {
      int k = -1;
      float[] probs = new float[0];
      int[] labels = new int[test.rowsPerEpoch()];
      int offset = 0;
      int examples = 0;
      try (BatchIterator it = test.epoch(0)) {
        while (it.hasNext()) {
          try (Batch batch = it.next(); Result r = feed(session, model, batch).fetch(probabilities).run()) {
            TFloat32 p = (TFloat32) r.get(0);
            k = (int) p.shape().get(1);
            if (probs.length == 0) {
              probs = new float[test.rowsPerEpoch() * k];
            }
            offset += FloatReader.readInto(p, probs, offset);
            TInt32 y = batch.tensor(Features.LABEL, TInt32.class);
            for (int i = 0; i < batch.size(); i++) {
              labels[examples++] = y.getInt(i);
            }
          }
        }
      }
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("accuracy", Calibration.accuracy(probs, labels, k));
      out.put("ece", Calibration.expectedCalibrationError(probs, labels, k, ClassificationTask.ECE_BINS));
      return out;
    });
  }

  /**
   * HR@{@code k} and NDCG@{@code k} of a one-logit scorer under the NCF protocol: {@code candidates}'
   * epoch 0 holds, per user, {@code perUser} consecutive rows whose first is the held-out positive and
   * the rest sampled negatives (no label needed); {@code hr@k} picks the best checkpoint.
   */
  public static Evaluation ranking(FitModel model, BatchStream candidates, int perUser, int k) {
    if (perUser < 2 || k < 1 || k > perUser || candidates.rowsPerEpoch() % perUser != 0) {
      throw new IllegalArgumentException("ranking: need 2 <= perUser, 1 <= k <= perUser, and rows ("
          + candidates.rowsPerEpoch() + ") a multiple of perUser (" + perUser + ")");
    }
    return Evaluation.selecting("hr@" + k, session -> {
      float[] scores = new float[candidates.rowsPerEpoch()];
      int offset = 0;
      try (BatchIterator it = candidates.epoch(0)) {
        while (it.hasNext()) {
          try (Batch batch = it.next(); Result r = feed(session, model, batch).fetch(model.logits()).run()) {
            offset += FloatReader.readInto((TFloat32) r.get(0), scores, offset);
          }
        }
      }
      var result = dev.lawn.train.metrics.RankingMetrics.evaluate(scores, perUser, k);
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("hr@" + k, result.hitRatio());
      out.put("ndcg@" + k, result.ndcg());
      return out;
    });
  }

  private static Session.Runner feed(Session session, FitModel model, Batch batch) {
    Session.Runner runner = session.runner();
    model.inputs().forEach((name, input) -> runner.feed(input, batch.tensor(name, org.tensorflow.Tensor.class)));
    return runner;
  }
}
