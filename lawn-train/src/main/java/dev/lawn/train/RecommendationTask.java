package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.DataSetLoader;
import dev.lawn.data.Features;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.image.ImageStore;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.data.rec.IdVocabulary;
import dev.lawn.data.rec.ItemTitles;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.RecommendationPipelines;
import dev.lawn.data.rec.SplitOptions;
import dev.lawn.data.rec.TrainingNegativeSampler;
import dev.lawn.models.Model;
import dev.lawn.models.ModelZoo;
import dev.lawn.models.RecommenderOptions;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.train.config.Augmentation;
import dev.lawn.train.config.DataSettings;
import dev.lawn.train.metrics.RankingMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * NCF under the paper's protocol: implicit feedback, leave-one-out test item, 99 fixed negatives per
 * test user, {@link #K}-cutoff hit ratio and NDCG; training negatives resampled every epoch.
 */
public final class RecommendationTask implements Task {

  /** The paper's cutoff: HR@10. */
  public static final int K = 10;
  /** Users per evaluation run (x 100 candidates). */
  static final int EVAL_USERS_PER_BATCH = 2048;

  private final TrainConfig config;
  private final RecommendationDataset data;
  private final TrainingNegativeSampler sampler;
  private final IdVocabulary vocabulary;

  RecommendationTask(TrainConfig config, RecommendationLoader loader) {
    DataSettings d = config.data();
    if (d.augmentation() != Augmentation.CROP_FLIP) {
      throw new IllegalArgumentException("--augmentation " + d.augmentation() + " applies to image data only, not to "
          + d.name());
    }
    if (d.trainSize() > 0) {
      throw new IllegalArgumentException("--train-size applies to image data only, not to " + d.name());
    }
    if (config.model().imageSize() != null) {
      throw new IllegalArgumentException("--image-size applies to image data only, not to " + d.name());
    }
    if (d.imageStore() != ImageStore.AUTO) {
      throw new IllegalArgumentException("--image-store " + d.imageStore().text() + " applies to image data only, not to "
          + d.name());
    }
    this.config = config;
    SplitOptions split = SplitOptions.ncf().withSeed(d.splitSeed()).withValidation(d.validation());
    this.data = loader.load(split);
    this.sampler = data.trainingSampler(d.negatives());
    this.vocabulary = IdVocabulary.of(data, ItemTitles.find(loader.location()));
  }

  /** The data set's ids of the dense users and items, with titles where the data set has them. */
  public IdVocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public void writeRunFiles(Path runDir) throws IOException {
    vocabulary.write(runDir.resolve(IdVocabulary.FOLDER));
  }

  /** Loads a recommendation task if {@code loader} holds interactions. */
  static boolean accepts(DataSetLoader loader) {
    return loader instanceof RecommendationLoader;
  }

  /** The loaded data. */
  public RecommendationDataset data() {
    return data;
  }

  @Override
  public String dataName() {
    return data.name();
  }

  @Override
  public boolean binary() {
    return true;
  }

  @Override
  public String defaultLoss() {
    return "bce";
  }

  @Override
  public String selectionMetric() {
    return config.data().validation() ? "val_hr@" + K : "hr@" + K;
  }

  @Override
  public Model buildModel(Ops tf) {
    String model = config.model().name();
    if (!ModelZoo.RECOMMENDERS.contains(model)) {
      throw new IllegalArgumentException("--model " + model + " does not fit recommendation data "
          + config.data().name() + "; use one of " + ModelZoo.RECOMMENDERS);
    }
    return ModelZoo.recommender(tf, model, data.numUsers(), data.numItems(),
        RecommenderOptions.defaults().withSeed(config.seed()));
  }

  @Override
  public Operand<? extends TType> labelPlaceholder(Ops tf) {
    return tf.withName("label").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1)));
  }

  @Override
  public int rowsPerEpoch() {
    return sampler.rowsPerEpoch();
  }

  @Override
  public BatchStream trainingStream(int microBatchSize) {
    return RecommendationPipelines.training(sampler, config.seed(), microBatchSize, false, 2);
  }

  @Override
  public void prepareEvaluation(Ops tf, Model model) {
    // Ranking needs only the logits: the sigmoid is monotone.
  }

  @Override
  public Map<String, Double> evaluate(Session session, Model model) {
    Map<String, Double> out = new LinkedHashMap<>(rank(session, model, data.testCandidates()));
    if (data.hasValidation()) {
      out.putAll(Task.prefixed("val_", rank(session, model, data.validationCandidates())));
    }
    return out;
  }

  private Map<String, Double> rank(Session session, Model model, int[][] candidates) {
    int per = candidates[0].length;
    float[] scores = new float[candidates.length * per];
    int offset = 0;
    try (BatchIterator it = RecommendationPipelines.evaluation(candidates, EVAL_USERS_PER_BATCH).epoch(0)) {
      while (it.hasNext()) {
        try (Batch batch = it.next();
            Result r = session.runner()
                .feed(model.inputs().get(Features.USER), batch.tensors().get(Features.USER))
                .feed(model.inputs().get(Features.ITEM), batch.tensors().get(Features.ITEM))
                .fetch(model.logits()).run()) {
          offset += FloatReader.readInto((TFloat32) r.get(0), scores, offset);
        }
      }
    }
    RankingMetrics.Result result = RankingMetrics.evaluate(scores, per, K);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("hr@" + K, result.hitRatio());
    out.put("ndcg@" + K, result.ndcg());
    return out;
  }

  @Override
  public Map<String, Object> modelShape() {
    return Map.of(SavedModelLayout.KIND, SavedModelLayout.RECOMMENDER, "num_users", data.numUsers(), "num_items", data.numItems());
  }
}
