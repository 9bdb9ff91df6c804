package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.HostThreads;
import dev.lawn.data.Seeds;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchTransform;
import dev.lawn.data.pipeline.Pipeline;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.types.TFloat32;

/**
 * A batch large enough to be augmented on several threads gives, image for image, what one thread
 * gives from the same draws: the batch's generator is read in image order before any image is done,
 * on every core and on a fixed number of threads ({@link HostThreads}) alike.
 */
class ParallelAugmentationTest {

  private static final int N = 64;
  private static final int SIDE = 32;
  private static final int C = 3;
  private static final int SIZE = SIDE * SIDE * C;

  private static float[] images() {
    float[] x = new float[N * SIZE];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }

  /** The one batch of epoch 0, unshuffled, as the pipeline makes it. */
  private static float[] pipeline(float[] x, BatchTransform augmentation) {
    ImageDataset d = new ImageDataset("noise", SIDE, SIDE, C, 2, x, new int[N], new float[0], new int[0], List.of());
    float[] out = new float[N * SIZE];
    try (BatchIterator it = Pipeline.from(d.trainColumns()).seed(11).map(augmentation).batch(N, false).epoch(0);
        Batch b = it.next()) {
      b.tensor(Features.IMAGE, TFloat32.class).asRawTensor().data().asFloats().read(out);
    }
    return out;
  }

  /** The generator the pipeline gives batch 0 of epoch 0 (BatchProducer's derivation). */
  private static SplittableRandom batchGenerator() {
    return new SplittableRandom(Seeds.derive(11, 0x4D4150L, 0, 0));
  }

  private static final ChannelNormalization NORM =
      new ChannelNormalization(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.25f, 0.3f});

  static Stream<HostThreads> threads() {
    return Stream.of(HostThreads.ALL_CORES, HostThreads.of(1), HostThreads.of(3));
  }

  @ParameterizedTest
  @MethodSource("threads")
  void padCropFlipIsTheSequentialResult(HostThreads threads) {
    assertTrue((long) N * SIZE >= ImageParallelism.MIN_PARALLEL_FLOATS, "the batch takes the parallel path");
    float[] x = images();
    float[] got = pipeline(x.clone(), new ImageAugmentation(4, true, NORM).withThreads(threads));
    SplittableRandom random = batchGenerator();
    float[] want = x.clone();
    for (int i = 0; i < N; i++) {
      int dy = random.nextInt(9) - 4;
      int dx = random.nextInt(9) - 4;
      boolean flip = random.nextBoolean();
      for (int y = 0; y < SIDE; y++) {
        for (int xo = 0; xo < SIDE; xo++) {
          int sy = y + dy;
          int sx = (flip ? SIDE - 1 - xo : xo) + dx;
          for (int k = 0; k < C; k++) {
            float v = sy < 0 || sy >= SIDE || sx < 0 || sx >= SIDE ? 0f : x[i * SIZE + (sy * SIDE + sx) * C + k];
            want[i * SIZE + (y * SIDE + xo) * C + k] = (v - NORM.mean()[k]) * (1f / NORM.std()[k]);
          }
        }
      }
    }
    assertArrayEquals(want, got);
  }

  @ParameterizedTest
  @MethodSource("threads")
  void resizedCropIsTheSequentialResult(HostThreads threads) {
    float[] x = images();
    RandomResizedCrop crop = RandomResizedCrop.inception(NORM).withThreads(threads);
    float[] got = pipeline(x.clone(), crop);
    SplittableRandom random = batchGenerator();
    float[] want = x.clone();
    float[] out = new float[SIZE];
    for (int i = 0; i < N; i++) {
      RandomResizedCrop.Box box = crop.draw(SIDE, SIDE, random);
      boolean flip = random.nextBoolean();
      RandomResizedCrop.resample(x, i * SIZE, SIDE, SIDE, C, box, flip, out);
      System.arraycopy(out, 0, want, i * SIZE, SIZE);
      NORM.applyTo(want, i * SIZE, (i + 1) * SIZE);
    }
    assertArrayEquals(want, got);
  }

  /** The threads a batch's images were transformed on. */
  private static Set<Thread> workers(HostThreads threads) {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    float[] x = images();
    ImageParallelism.transformEach(x, N, SIZE, null, threads, (i, base, out) -> {
      seen.add(Thread.currentThread());
      busy();
      return false;
    });
    return seen;
  }

  /** Long enough per image that a pool with idle threads hands images to more than one of them. */
  private static void busy() {
    long until = System.nanoTime() + 200_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  @Test
  void oneThreadIsTheCallingThread() {
    assertEquals(Set.of(Thread.currentThread()), workers(HostThreads.of(1)));
  }

  @Test
  void aFixedCountIsNeverExceeded() {
    for (int round = 0; round < 5; round++) {
      Set<Thread> seen = workers(HostThreads.of(2));
      assertTrue(seen.size() <= 2, "ran on " + seen.size() + " threads: " + seen);
      assertTrue(!seen.contains(Thread.currentThread()), "the caller waits, the pool's two threads work");
    }
  }
}
