package example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.lawn.train.FeedBatches;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** In-memory data of this project: three interleaved noisy spirals in the plane, one class each. */
public final class SpiralData {

  public static final int CLASSES = 3;

  final float[][] points;
  final int[] labels;

  /** {@code n} points drawn with {@code seed}. */
  public SpiralData(int n, long seed) {
    Random r = new Random(seed);
    points = new float[n][2];
    labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      double t = r.nextDouble();
      double angle = 2 * Math.PI * c / CLASSES + 3.5 * t + 0.15 * r.nextGaussian();
      points[i][0] = (float) (t * Math.cos(angle));
      points[i][1] = (float) (t * Math.sin(angle));
      labels[i] = c;
    }
  }

  /**
   * Batches of {@code batch} points in an order fixed by (seed, epoch): a resumed run sees the batches
   * it would have seen. Each feed holds the model's input {@code x} and the {@code label}.
   */
  public FeedBatches batches(int batch, long seed) {
    int n = labels.length;
    return new FeedBatches(batch, n, epoch -> {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
      List<Map<String, Tensor>> feeds = new ArrayList<>();
      for (int start = 0; start < n; start += batch) {
        int size = Math.min(batch, n - start);
        float[][] x = new float[size][];
        int[] y = new int[size];
        for (int i = 0; i < size; i++) {
          x[i] = points[order.get(start + i)];
          y[i] = labels[order.get(start + i)];
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("x", TFloat32.tensorOf(StdArrays.ndCopyOf(x)));
        feed.put("label", TInt32.vectorOf(y));
        feeds.add(feed);
      }
      Iterator<Map<String, Tensor>> it = feeds.iterator();
      return it;
    });
  }
}
