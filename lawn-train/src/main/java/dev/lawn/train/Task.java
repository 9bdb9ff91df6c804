package dev.lawn.train;

import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.models.Model;
import dev.lawn.train.config.OptimizerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * What the trainer needs from one kind of problem (recommendation, image classification): the data,
 * a model that fits it, the label placeholder, training batches and evaluation.
 */
public interface Task extends AutoCloseable {

  /** The data set's name. */
  String dataName();

  /** True for one-logit binary problems (NCF), false for {@code [B, K]} classifiers. */
  boolean binary();

  /** The loss {@code --loss auto} resolves to. */
  String defaultLoss();

  /**
   * The largest forward/backward pass when {@code --micro-batch-size} is 0: a batch above it is
   * accumulated over micro-batches. One-logit recommendation passes are small per example; image
   * passes hold activations per example.
   */
  default int autoMicroBatch() {
    return binary() ? OptimizerSettings.AUTO_MICRO_BATCH_REC : OptimizerSettings.AUTO_MICRO_BATCH_IMAGES;
  }

  /** The metric that picks the best checkpoint (higher is better), e.g. {@code hr@10}. */
  String selectionMetric();

  /** Builds the zoo model for this data into {@code tf}'s graph. */
  Model buildModel(Ops tf);

  /** A placeholder for the batch's {@code label} feature. */
  Operand<? extends TType> labelPlaceholder(Ops tf);

  /** Training examples per epoch (recommendation: positives plus sampled negatives). */
  int rowsPerEpoch();

  /** Training micro-batches of {@code microBatchSize}, epoch order fixed by (seed, epoch). */
  BatchStream trainingStream(int microBatchSize);

  /** Builds the evaluation outputs (scores or probabilities) from the model's logits; called once before training. */
  void prepareEvaluation(Ops tf, Model model);

  /** Test metrics, plus {@code val_}-prefixed validation metrics when a validation split exists. */
  Map<String, Double> evaluate(Session session, Model model);

  /** What a serving graph needs to rebuild the model: sizes by name (written to {@code model.json}). */
  Map<String, Object> modelShape();

  /** What the user should know about how the data was read (e.g. the image size chosen), shown as the run starts. */
  default List<String> notes() {
    return List.of();
  }

  /**
   * Writes the files serving needs besides {@code model.json} into the run folder (a recommender's
   * id vocabulary); called once per process before training, so it must be idempotent.
   */
  default void writeRunFiles(Path runDir) throws IOException {}

  /** Prefixes every key. */
  static Map<String, Double> prefixed(String prefix, Map<String, Double> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((k, v) -> out.put(prefix + k, v));
    return out;
  }

  @Override
  default void close() {}
}
