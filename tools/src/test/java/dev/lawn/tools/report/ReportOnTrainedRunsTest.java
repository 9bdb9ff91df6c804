package dev.lawn.tools.report;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.tools.LawnRun;
import dev.lawn.tools.train.TinyRatings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lawn report RUN --plot epoch}, without {@code --metric}, on runs {@code lawn train} just
 * wrote: a recommender on MovieLens-format ratings and a classifier on MNIST-format IDX files (both
 * tiny and synthetic).
 */
class ReportOnTrainedRunsTest {

  @TempDir Path temp;

  private static void train(String... args) {
    lawn(args).ok();
  }

  private static LawnRun reportWithEpochPlot(Path run) throws IOException {
    LawnRun o = lawn("report", run.toString(), "--plot", "epoch").ok();
    assertNotNull(ImageIO.read(run.resolve("report/epoch.png").toFile()), "epoch.png decodes");
    assertFalse(o.out().contains("parameters") || o.out().contains("best_epoch"), o.out());
    return o;
  }

  @Test
  void movieLensRun() throws IOException {
    Path run = temp.resolve("ml");
    lawn(TinyRatings.trainArgs(TinyRatings.write(temp.resolve("data"), 3), run)).ok();
    LawnRun o = reportWithEpochPlot(run);
    assertTrue(o.out().contains("| hr@10 | ndcg@10 | margin_p50 |"), o.out());
  }

  @Test
  void imageRun() throws IOException {
    Path mnist = Files.createDirectories(temp.resolve("data/mnist"));
    Random r = new Random(5);
    for (String split : new String[] {"train", "t10k"}) {
      int count = split.equals("train") ? 200 : 50;
      ByteBuffer images = ByteBuffer.allocate(16 + count * 64).putInt(0x803).putInt(count).putInt(8).putInt(8);
      ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
      for (int i = 0; i < count; i++) {
        int label = i % 10;
        labels.put((byte) label);
        for (int p = 0; p < 64; p++) { // the label's pixel is bright: a learnable toy
          images.put((byte) (p == label ? 255 : r.nextInt(40)));
        }
      }
      Files.write(mnist.resolve(split + "-images-idx3-ubyte"), images.array());
      Files.write(mnist.resolve(split + "-labels-idx1-ubyte"), labels.array());
    }
    Path run = temp.resolve("img");
    train("train", "--model", "mlp", "--data", "mnist", "--data-dir", mnist.getParent().toString(),
        "--optimizer", "adam", "--batch-size", "50", "--epochs", "2", "--warmup-epochs", "0", "--threads", "1",
        "--augmentation", "none", "--out", run.toString());
    LawnRun o = reportWithEpochPlot(run);
    assertTrue(o.out().contains("| accuracy | ece | margin_p50 |"), o.out());
  }
}
