package dev.lawn.bench;

import dev.lawn.data.DataSetNotFoundException;
import dev.lawn.data.DataSets;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything at a small size, a few minutes on two cores: {@link StepCostBench} (adam, lamb, sgd),
 * {@link PipelineBench} (MovieLens-100k and Fashion-MNIST) and {@link TrainBench} (NCF-MLP on
 * MovieLens-100k: adam, adam-lawn and the bare-graph reference of adam). A data set that is not
 * found is reported as not measured.
 *
 * <pre>{@code
 * BenchReport report = new BenchReport("bench suite");
 * new BenchSuite(null, 2, 5, KernelChoice.AUTO).run(report, Progress.silent());
 * System.out.print(report.markdown());
 * }</pre>
 *
 * @param dataDir folder searched first for the data sets, or null
 * @param repeats repetitions of each training variant
 * @param rounds interleaved rounds of the step costs
 * @param kernels LAWN's constrained-step kernels in the training runs
 */
public record BenchSuite(Path dataDir, int repeats, int rounds, KernelChoice kernels) {

  /** Runs every part in turn and appends their sections to {@code report}. */
  public void run(BenchReport report, Progress progress) throws IOException, InterruptedException {
    new StepCostBench(List.of(OptimizerSpec.Kind.ADAM, OptimizerSpec.Kind.LAMB, OptimizerSpec.Kind.SGD),
        StepCostBench.PROBLEMS, rounds, 20, false).run(report, progress);
    ScratchDir scratch = ScratchDir.create();
    BenchChild children = new BenchChild(scratch.path(), 3600);
    new PipelineBench(dataDir, "movielens-100k", 1024, "fashion-mnist", 256, 3, 0).run(report, children, progress);
    String dir = dataDir == null ? null : dataDir.toString();
    try {
      DataSets.resolve("movielens-100k", dataDir);
      new TrainBench("ncf-mlp", "movielens-100k", dir, 1024, 4, 2, List.of("adam", "adam-lawn"), List.of("adam"),
          true, repeats, 0, 1, kernels).run(report, children, progress);
    } catch (DataSetNotFoundException e) {
      report.section("train", "Training throughput", List.of("Not measured: " + e.getMessage().lines().findFirst()
          .orElse("movielens-100k not found")), null, List.of());
    }
    report.section("not_included", "Not included", List.of("The image-model training bench takes minutes per epoch on "
        + "two cores; run it on its own: `lawn bench train --model small-cnn --data fashion-mnist --batch-size 256 "
        + "--epochs 2 --optimizers adam`."), null, List.of());
    scratch.delete();
  }
}
