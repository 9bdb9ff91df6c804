package dev.lawn.serving;

import dev.lawn.data.Features;
import dev.lawn.data.rec.IdVocabulary;

/**
 * The SavedModel lawn exports, by name: what {@code lawn export} (lawn-train's
 * {@code SavedModelExport}) writes and what {@link ServingModel}, {@link TopKRecommender} and
 * {@link ImageClassifier} read. A client of plain TF-Java needs the same names.
 *
 * <ul>
 *   <li>One meta graph tagged {@value #TAG} with one signature {@value #SIGNATURE}, method name
 *       {@value #METHOD_NAME}.
 *   <li>A {@value #RECOMMENDER}: inputs {@value #USER} and {@value #ITEM} (int32 [B], dense ids),
 *       output {@value #SCORE} (float32 [B], the sigmoid probability of an interaction).
 *   <li>A {@value #CLASSIFIER}: input {@value #IMAGE} (float32 [B,H,W,C], normalized with
 *       {@code model.json}'s {@code normalization}), output {@value #PROBABILITIES} (float32 [B,K]).
 *   <li>{@value #ASSETS}/ holds {@value #MODEL_JSON} (the {@value #KIND} and sizes; for classifiers
 *       the input size, the normalization and the class names) and, for recommenders, the id
 *       vocabulary ({@value #USERS_FILE}, {@value #ITEMS_FILE}: {@link IdVocabulary}'s files).
 * </ul>
 */
public final class SavedModelLayout {

  /** Tag of the exported meta graph. */
  public static final String TAG = "serve";
  /** Key of the serving signature: TF-Java's {@code Signature.DEFAULT_KEY}. */
  public static final String SIGNATURE = "serving_default";
  /** The signature's method name: TensorFlow Serving's Predict API. */
  public static final String METHOD_NAME = "tensorflow/serving/predict";
  /** The file whose presence makes a folder a SavedModel. */
  public static final String SAVED_MODEL_FILE = "saved_model.pb";

  /** The folder, inside the SavedModel, of the files a client needs besides the graph. */
  public static final String ASSETS = "assets";
  /** The model's description in {@value #ASSETS}/: the run folder's file of the same name. */
  public static final String MODEL_JSON = "model.json";
  /** The vocabulary's users file in {@value #ASSETS}/ ({@link IdVocabulary#USERS_FILE}). */
  public static final String USERS_FILE = IdVocabulary.USERS_FILE;
  /** The vocabulary's items file in {@value #ASSETS}/ ({@link IdVocabulary#ITEMS_FILE}). */
  public static final String ITEMS_FILE = IdVocabulary.ITEMS_FILE;

  /** {@value #MODEL_JSON}'s key naming the model's kind: {@value #RECOMMENDER} or {@value #CLASSIFIER}. */
  public static final String KIND = "kind";
  /** The kind of a model scoring (user, item) pairs. */
  public static final String RECOMMENDER = "recommender";
  /** The kind of a model classifying images. */
  public static final String CLASSIFIER = "classifier";
  /**
   * {@value #MODEL_JSON}'s key of a classifier trained on random resized crops: the share of each side
   * of the central crop its evaluation viewed the images through, which a client applies before the
   * normalization (absent: the whole image).
   */
  public static final String CENTER_CROP = "center_crop";

  /** A recommender's input: dense user ids. */
  public static final String USER = Features.USER;
  /** A recommender's input: dense item ids. */
  public static final String ITEM = Features.ITEM;
  /** A recommender's output. */
  public static final String SCORE = "score";
  /** A classifier's input. */
  public static final String IMAGE = Features.IMAGE;
  /** A classifier's output. */
  public static final String PROBABILITIES = "probabilities";

  private SavedModelLayout() {}
}
