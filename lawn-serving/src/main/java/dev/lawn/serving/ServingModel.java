package dev.lawn.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.rec.IdVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;

/**
 * A SavedModel loaded for predictions through its serving signature ({@value SavedModelLayout#SIGNATURE},
 * tag {@value SavedModelLayout#TAG}), with the files of its {@value SavedModelLayout#ASSETS}/ folder
 * ({@link SavedModelLayout}).
 *
 * <p>Any SavedModel with that tag and signature loads, also one without lawn's assets (such as
 * {@code Fit.exportSavedModel}'s): {@link #call} then serves it as it is. {@link TopKRecommender}
 * and {@link ImageClassifier} need the assets {@code lawn export} writes. A run folder is served
 * by lawn-train's {@code RunServing}, which exports it first.
 */
public final class ServingModel implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final JsonNode model;
  private final IdVocabulary vocabulary;

  private ServingModel(Path dir, SavedModelBundle bundle, JsonNode model, IdVocabulary vocabulary) {
    this.dir = dir;
    this.bundle = bundle;
    this.function = bundle.function(SavedModelLayout.SIGNATURE);
    this.model = model;
    this.vocabulary = vocabulary;
  }

  /**
   * Loads the SavedModel folder {@code dir} and its assets, when it has them.
   *
   * @throws IllegalArgumentException when {@code dir} holds no {@value SavedModelLayout#SAVED_MODEL_FILE}
   * @throws IOException when {@code model.json} cannot be read or parsed
   * @throws dev.lawn.data.DataFormatException for a malformed vocabulary file (naming file and line)
   */
  public static ServingModel load(Path dir) throws IOException {
    if (!isSavedModel(dir)) {
      throw new IllegalArgumentException(dir + " is not a SavedModel (no " + SavedModelLayout.SAVED_MODEL_FILE + ")");
    }
    Path assets = dir.resolve(SavedModelLayout.ASSETS);
    Path modelJson = assets.resolve(SavedModelLayout.MODEL_JSON);
    JsonNode model = Files.isRegularFile(modelJson) ? JSON.readTree(modelJson.toFile()) : null;
    IdVocabulary vocabulary = IdVocabulary.existsIn(assets) ? IdVocabulary.read(assets) : null;
    SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelLayout.TAG);
    try {
      return new ServingModel(dir, bundle, model, vocabulary);
    } catch (RuntimeException e) { // no serving signature: do not leak the loaded session
      bundle.close();
      throw e;
    }
  }

  /** Whether {@code dir} is a SavedModel folder (holds {@value SavedModelLayout#SAVED_MODEL_FILE}). */
  public static boolean isSavedModel(Path dir) {
    return Files.isRegularFile(dir.resolve(SavedModelLayout.SAVED_MODEL_FILE));
  }

  /** Whether the SavedModel has lawn's {@code assets/model.json}, as {@code lawn export} writes it. */
  public boolean hasModelJson() {
    return model != null;
  }

  /**
   * The export's {@code model.json}: its {@value SavedModelLayout#KIND}, sizes, and for classifiers
   * the normalization and class names.
   *
   * @throws IllegalArgumentException when the SavedModel has none (not written by {@code lawn export})
   */
  public JsonNode modelJson() {
    if (model == null) {
      throw new IllegalArgumentException(dir + ": no " + SavedModelLayout.ASSETS + "/" + SavedModelLayout.MODEL_JSON
          + " (exported by an older lawn: export the run again with 'lawn export')");
    }
    return model;
  }

  /**
   * {@value SavedModelLayout#RECOMMENDER} or {@value SavedModelLayout#CLASSIFIER}.
   *
   * @throws IllegalArgumentException when the SavedModel has no {@code model.json}
   */
  public String kind() {
    return modelJson().get(SavedModelLayout.KIND).asText();
  }

  /** The id vocabulary of a recommender; null when the export has none (older runs: dense ids). */
  public IdVocabulary vocabulary() {
    return vocabulary;
  }

  /** The serving signature. */
  public Signature signature() {
    return function.signature();
  }

  /** Calls the serving signature; the caller closes the result (and its inputs). */
  public Result call(Map<String, Tensor> inputs) {
    return function.call(inputs);
  }

  /** Releases the loaded graph and session. */
  @Override
  public void close() {
    bundle.close();
  }
}
