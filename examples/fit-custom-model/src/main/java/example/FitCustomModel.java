package example;

import dev.lawn.ops.SwitchPolicy;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.train.Callback;
import dev.lawn.train.Evaluations;
import dev.lawn.train.Fit;
import dev.lawn.train.History;
import dev.lawn.train.Optimization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;

/**
 * Trains {@link SpiralClassifier} on {@link SpiralData} with lawn's fit API and Adam-LAWN: two free
 * epochs, then constrained ones. The run folder gets checkpoints, {@code metrics.jsonl}, TensorBoard
 * events and {@code summary.json}; running it again on an unfinished folder resumes it. At the end the
 * trained model is exported as a SavedModel.
 */
public final class FitCustomModel {

  public static final int EPOCHS = 8;

  public static void main(String[] args) throws IOException {
    Path run = Path.of(args.length > 0 ? args[0] : "target/spiral-run");
    History history = train(run, EPOCHS);
    history.rows().forEach(r -> System.out.printf("epoch %s  loss %.4f  accuracy %.3f  %s%n",
        r.get("epoch"), r.get("loss"), r.get("accuracy"), r.get("phase")));
    System.out.println("SavedModel in " + run.resolve("saved_model"));
  }

  /**
   * Trains (or resumes) the run in {@code run}, then exports {@code run/saved_model}.
   *
   * @param extra callbacks added to the standard ones (progress, stopping, ...)
   */
  public static History train(Path run, int epochs, Callback... extra) throws IOException {
    try (Graph graph = new Graph()) {
      SpiralClassifier net = new SpiralClassifier(graph, 7);
      Fit.Builder builder = Fit.builder(graph, net.model)
          .data(new SpiralData(1500, 1).batches(100, 1))
          .optimization(Optimization.withLawn(OptimizerSpec.Kind.ADAM, 0.01, 1,
              Optimization.LawnSettings.of(new SwitchPolicy.AtEpoch(2))))
          .epochs(epochs)
          .evaluation(Evaluations.classifier(net.tf, net.model, new SpiralData(600, 2).batches(200, 2)))
          .runDirectory(run)
          .seed(1);
      for (Callback c : extra) {
        builder.callback(c);
      }
      try (Fit fit = builder.build()) {
        History history = fit.run();
        fit.exportSavedModel(run.resolve("saved_model"), Map.of("probabilities", net.probabilities));
        return history;
      }
    }
  }

  private FitCustomModel() {}
}
