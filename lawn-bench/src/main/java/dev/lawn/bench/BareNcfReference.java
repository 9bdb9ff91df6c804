package dev.lawn.bench;

import dev.lawn.data.Batch;
import dev.lawn.data.DataSetLoader;
import dev.lawn.data.DataSets;
import dev.lawn.data.Features;
import dev.lawn.data.RecommendationLoader;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.data.pipeline.BatchStream;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.RecommendationEpoch;
import dev.lawn.data.rec.RecommendationPipelines;
import dev.lawn.data.rec.SplitOptions;
import dev.lawn.data.rec.TrainingNegativeSampler;
import dev.lawn.experiments.process.ProcessMemory;
import dev.lawn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The references the trainer is compared with: a hand-written training loop over an
 * {@link NcfReferenceGraph}, timed per epoch. Variants, each adding one of the trainer's parts:
 *
 * <ul>
 *   <li>{@link TrainVariant#BARE}: the plain-op graph, fed each step from Java arrays built before
 *       timing (one epoch of the real training rows with their negatives, shuffled once): what a
 *       hand-written TF-Java loop costs;
 *   <li>{@link TrainVariant#BARE_ZOO}: the same loop over the zoo's NCF-MLP and the trainer's loss
 *       (the model library's share);
 *   <li>{@link TrainVariant#ZOO_PIPELINE}: the zoo graph fed by the trainer's input pipeline (negative
 *       sampling every epoch, shuffling, prefetching thread) instead of the arrays (the pipeline's share).
 * </ul>
 *
 * What remains between the last and the trainer is the trainer's own bookkeeping.
 */
final class BareNcfReference {

  private BareNcfReference() {}

  /** The trainer's data for {@code v}: the same split and negatives per positive. */
  static RecommendationDataset data(TrainVariant v) {
    TrainConfig defaults = TrainConfig.defaults();
    DataSetLoader loader = DataSets.resolve(v.data(), v.dataDir() == null ? null : Path.of(v.dataDir()));
    if (!(loader instanceof RecommendationLoader rec)) {
      throw new IllegalArgumentException("--data " + v.data() + ": the NCF references need recommendation data");
    }
    return rec.load(SplitOptions.ncf().withSeed(defaults.data().splitSeed()));
  }

  /** Epoch 0's rows of {@code sampler}, shuffled once and cut into batches. */
  record Batches(List<int[]> users, List<int[]> items, List<float[]> labels) {

    static Batches of(TrainingNegativeSampler sampler, long seed, int batchSize) {
      RecommendationEpoch epoch = sampler.sample(seed, 0);
      int n = epoch.size();
      int[] order = new int[n];
      Arrays.setAll(order, i -> i);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      List<int[]> users = new ArrayList<>();
      List<int[]> items = new ArrayList<>();
      List<float[]> labels = new ArrayList<>();
      for (int start = 0; start < n; start += batchSize) {
        int size = Math.min(batchSize, n - start);
        int[] u = new int[size];
        int[] it = new int[size];
        float[] y = new float[size];
        for (int k = 0; k < size; k++) {
          int row = order[start + k];
          u[k] = epoch.users()[row];
          it[k] = epoch.items()[row];
          y[k] = epoch.labels()[row];
        }
        users.add(u);
        items.add(it);
        labels.add(y);
      }
      return new Batches(users, items, labels);
    }

    int rows() {
      return users.stream().mapToInt(a -> a.length).sum();
    }
  }

  /** Runs {@code v} (one of the reference kinds) and times each epoch. */
  static VariantResult run(TrainVariant v) {
    RecommendationDataset data = data(v);
    TrainingNegativeSampler sampler = data.trainingSampler(TrainConfig.defaults().data().negatives());
    int rows = sampler.rowsPerEpoch();
    int steps = (rows + v.batchSize() - 1) / v.batchSize();
    boolean zoo = !v.kind().equals(TrainVariant.BARE);
    boolean pipeline = v.kind().equals(TrainVariant.ZOO_PIPELINE);
    Batches batches = pipeline ? null : Batches.of(sampler, v.seed(), v.batchSize());
    // The trainer's stream: same sampler, seed, batch size and prefetch depth (Task.trainingStream).
    BatchStream stream = pipeline ? RecommendationPipelines.training(sampler, v.seed(), v.batchSize(), false, 2) : null;
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (v.threads() > 0) {
      config.setIntraOpParallelismThreads(v.threads()).setInterOpParallelismThreads(v.threads());
    }
    try (NcfReferenceGraph g = new NcfReferenceGraph(v, zoo, data.numUsers(), data.numItems(), steps);
        Session session = new Session(g.graph, config.build());
        TBool yes = TBool.scalarOf(true)) {
      session.initialize();
      List<EpochTiming> epochs = new ArrayList<>();
      double loopSeconds = 0;
      double inputSeconds = 0;
      boolean switched = false;
      for (int epoch = 1; epoch <= v.epochs(); epoch++) {
        String phase = v.phaseOf(epoch);
        if (g.switchOp != null && phase.equals("constrained") && !switched) {
          session.run(g.switchOp);
          switched = true;
        }
        Op step = phase.equals("constrained") ? g.constrainedStep : g.freeStep;
        long cpu0 = ProcessCpu.nanos();
        long t0 = System.nanoTime();
        long input;
        long samples = 0;
        FirstStep first = null;
        if (pipeline) {
          try (BatchIterator it = stream.epoch(epoch - 1)) {
            while (it.hasNext()) {
              try (Batch b = it.next()) {
                runStep(session, g, step, yes, b.tensors().get(Features.USER), b.tensors().get(Features.ITEM),
                    b.tensors().get(Features.LABEL));
                samples += b.size();
              }
              if (first == null) {
                first = new FirstStep(samples, System.nanoTime(), ProcessCpu.nanos(), it.waitNanos());
              }
            }
            input = it.waitNanos();
          }
        } else {
          input = 0;
          for (int b = 0; b < batches.users().size(); b++) {
            long i0 = System.nanoTime();
            try (TInt32 u = TInt32.vectorOf(batches.users().get(b));
                TInt32 it = TInt32.vectorOf(batches.items().get(b));
                TFloat32 y = TFloat32.vectorOf(batches.labels().get(b))) {
              input += System.nanoTime() - i0;
              runStep(session, g, step, yes, u, it, y);
            }
            samples += batches.users().get(b).length;
            if (first == null) {
              first = new FirstStep(samples, System.nanoTime(), ProcessCpu.nanos(), input);
            }
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        epochs.add(new EpochTiming(epoch, phase, samples, seconds, input / 1e9, ProcessCpu.seconds(cpu0, ProcessCpu.nanos()),
            first.samples(), (first.nanos() - t0) / 1e9, ProcessCpu.seconds(cpu0, first.cpuNanos()),
            first.inputNanos() / 1e9));
        loopSeconds += seconds;
        inputSeconds += input / 1e9;
      }
      return new VariantResult(v.label(), epochs, inputSeconds / loopSeconds, Double.NaN, ProcessMemory.peakBytes().orElse(-1));
    }
  }

  /** When an epoch's first step ended. */
  private record FirstStep(long samples, long nanos, long cpuNanos, long inputNanos) {}

  private static void runStep(Session session, NcfReferenceGraph g, Op step, TBool yes, Tensor user, Tensor item,
      Tensor label) {
    Session.Runner runner = session.runner().feed(g.user, user).feed(g.item, item).feed(g.label, label);
    if (g.training != null) {
      runner.feed(g.training, yes);
    }
    try (Result r = runner.addTarget(step).run()) {
      // the update is the work; nothing is fetched
    }
  }
}
