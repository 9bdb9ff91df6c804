package dev.lawn.serving;

import dev.lawn.data.rec.IdVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * SavedModels in lawn's export layout, written with plain TF-Java (lawn-serving cannot use
 * lawn-train's export): tiny graphs whose outputs a test computes by hand.
 */
final class TinySavedModels {

  /** The classifier's input size and classes. */
  static final int SIDE = 4;
  static final String[] CLASSES = {"dark", "light"};
  static final float MEAN = 0.5f;
  static final float STD = 0.25f;

  private TinySavedModels() {}

  /**
   * A recommender whose logit for dense (user, item) is {@code logits[user][item]}: score =
   * sigmoid of it. With {@code vocabulary} non-null its files go to {@code assets/}.
   */
  static Path recommender(Path dir, float[][] logits, IdVocabulary vocabulary) throws IOException {
    int users = logits.length;
    int items = logits[0].length;
    float[] flat = new float[users * items];
    for (int u = 0; u < users; u++) {
      System.arraycopy(logits[u], 0, flat, u * items, items);
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> user = tf.withName(SavedModelLayout.USER).placeholder(TInt32.class,
          Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt32> item = tf.withName(SavedModelLayout.ITEM).placeholder(TInt32.class,
          Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> table = tf.variable(tf.constant(flat));
      Operand<TInt32> index = tf.math.add(tf.math.mul(user, tf.constant(items)), item);
      Operand<TFloat32> score = tf.math.sigmoid(tf.gather(table, index, tf.constant(0)));
      export(s, dir, Signature.builder().key(SavedModelLayout.SIGNATURE).methodName(SavedModelLayout.METHOD_NAME)
          .input(SavedModelLayout.USER, user).input(SavedModelLayout.ITEM, item)
          .output(SavedModelLayout.SCORE, score).build());
    }
    Path assets = Files.createDirectories(dir.resolve(SavedModelLayout.ASSETS));
    Files.writeString(assets.resolve(SavedModelLayout.MODEL_JSON),
        "{\"kind\":\"recommender\",\"model\":\"tiny\",\"num_users\":" + users + ",\"num_items\":" + items + "}");
    if (vocabulary != null) {
      vocabulary.write(assets);
    }
    return dir;
  }

  /**
   * A grey-scale {@value #SIDE}x{@value #SIDE} classifier of two classes: its logits are
   * {@code -sum(x)} (dark) and {@code +sum(x)} (light) of the normalized image x, so
   * {@link #expected} computes its probabilities.
   *
   * @param normalization whether model.json carries the normalization (older exports did not)
   */
  static Path classifier(Path dir, boolean normalization) throws IOException {
    int pixels = SIDE * SIDE;
    float[][] weights = new float[pixels][2];
    for (float[] w : weights) {
      w[0] = -1;
      w[1] = 1;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> image = tf.withName(SavedModelLayout.IMAGE).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, SIDE, SIDE, 1)));
      Operand<TFloat32> w = tf.variable(tf.constant(weights));
      Operand<TFloat32> flat = tf.reshape(image, tf.constant(new int[] {-1, pixels}));
      Operand<TFloat32> probabilities = tf.nn.softmax(tf.linalg.matMul(flat, w));
      export(s, dir, Signature.builder().key(SavedModelLayout.SIGNATURE).methodName(SavedModelLayout.METHOD_NAME)
          .input(SavedModelLayout.IMAGE, image).output(SavedModelLayout.PROBABILITIES, probabilities).build());
    }
    Path assets = Files.createDirectories(dir.resolve(SavedModelLayout.ASSETS));
    Files.writeString(assets.resolve(SavedModelLayout.MODEL_JSON), "{\"kind\":\"classifier\",\"height\":" + SIDE
        + ",\"width\":" + SIDE + ",\"channels\":1,\"num_classes\":2,"
        + (normalization ? "\"normalization\":{\"mean\":[" + MEAN + "],\"std\":[" + STD + "]}," : "")
        + "\"class_names\":[\"dark\",\"light\"]}");
    return dir;
  }

  /** What {@link #classifier} computes for one image of pixels in [0, 1]: both classes' probabilities. */
  static float[] expected(float[] pixels) {
    double sum = 0;
    for (float p : pixels) {
      sum += (p - MEAN) * (1f / STD);
    }
    double light = 1 / (1 + Math.exp(-2 * sum)); // softmax of (-sum, +sum)
    return new float[] {(float) (1 - light), (float) light};
  }

  /** A SavedModel without lawn's assets, as {@code Fit.exportSavedModel} writes: {@code x} to {@code twice}. */
  static Path plain(Path dir) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> two = tf.variable(tf.constant(2f));
      export(s, dir, Signature.builder().key(SavedModelLayout.SIGNATURE).input("x", x)
          .output("twice", tf.math.mul(x, two)).build());
    }
    return dir;
  }

  private static void export(Session s, Path dir, Signature signature) throws IOException {
    s.initialize();
    SavedModelBundle.exporter(dir.toString()).withSession(s).withSignature(signature)
        .withTags(SavedModelLayout.TAG).export();
  }
}
