package dev.lawn.train.export;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A serving client that knows nothing of lawn: plain TF-Java. Usage:
 * {@code PlainServingClient SAVED_MODEL users items} with comma-separated ids; prints one score per line.
 */
public final class PlainServingClient {

  public static void main(String[] args) {
    int[] users = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int[] items = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    try (SavedModelBundle bundle = SavedModelBundle.load(args[0], "serve");
        TInt32 u = TInt32.tensorOf(Shape.of(users.length), DataBuffers.of(users, true, false));
        TInt32 i = TInt32.tensorOf(Shape.of(items.length), DataBuffers.of(items, true, false));
        Result result = bundle.function("serving_default").call(Map.of("user", u, "item", i))) {
      TFloat32 scores = (TFloat32) result.get("score").orElseThrow();
      for (int k = 0; k < users.length; k++) {
        System.out.println(scores.getFloat(k));
      }
    }
  }

  private PlainServingClient() {}
}
