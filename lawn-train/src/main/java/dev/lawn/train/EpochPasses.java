package dev.lawn.train;

import dev.lawn.data.Batch;
import dev.lawn.data.Features;
import dev.lawn.data.pipeline.BatchIterator;
import dev.lawn.train.metrics.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * One epoch's forward/backward passes: feeding the batches, accumulating micro-batches into steps,
 * the fixed LAWN switch before its step, and the training margins sampled on minibatches (as the
 * paper proposes).
 */
final class EpochPasses {

  /** Margin samples taken per epoch. */
  static final int MARGIN_SAMPLES_PER_EPOCH = 10;

  /**
   * What one epoch produced.
   *
   * @param gradNorms the global norm of the optimizer step's gradient, as the base optimizer got it
   *     (projected under LAWN's constrained phase) before any clipping, over the sampled steps
   */
  record Result(double seconds, long samples, long waitNanos, Percentiles.Summary margins, float[] marginSamples,
      GradNorms gradNorms) {}

  /**
   * The mean and largest of an epoch's gradient norms, over the steps whose margins are sampled
   * ({@value #MARGIN_SAMPLES_PER_EPOCH} a epoch): fetching a scalar costs a step of a small model
   * several percent (NCF-MLP at batch 1024, measured with lawn bench train), so not every step pays
   * it. NaN without sampled steps.
   */
  record GradNorms(double mean, double max) {}

  private final TrainingGraph g;
  private final Plan plan;
  private final FitContext context;
  private final PhaseSwitch phase;
  private final List<Callback> callbacks;
  private final String switchLabel;

  EpochPasses(TrainingGraph g, Plan plan, FitContext context, PhaseSwitch phase, List<Callback> callbacks,
      String switchLabel) {
    this.g = g;
    this.plan = plan;
    this.context = context;
    this.phase = phase;
    this.callbacks = callbacks;
    this.switchLabel = switchLabel;
  }

  /** Trains on the next {@code passes} batches of {@code batches} (null: the workers feed themselves). */
  Result train(BatchIterator batches, int passes, int epoch, TBool yes) {
    Optional<Long> fixedSwitch = phase.fixedStep(plan.stepsPerEpoch());
    context.session().run(g.resetEpochLoss);
    List<float[]> marginSamples = new ArrayList<>();
    int marginEvery = Math.max(1, plan.stepsPerEpoch() / MARGIN_SAMPLES_PER_EPOCH);
    long stepAtStart = context.globalStep();
    long t0 = System.nanoTime();
    long waitedBefore = batches == null ? 0 : batches.waitNanos();
    long samples = 0;
    double normSum = 0;
    double normMax = Double.NaN;
    int normCount = 0;
    for (int pass = 0; pass < passes; pass++) {
      int step = pass / plan.passesPerStep();
      boolean lastPass = pass % plan.passesPerStep() == plan.passesPerStep() - 1;
      if (pass % plan.passesPerStep() == 0 && !phase.constrained() && fixedSwitch.isPresent()
          && stepAtStart + step >= fixedSwitch.get()) {
        phase.switchNow(epoch, stepAtStart + step, switchLabel);
      }
      lastPass |= pass == passes - 1;
      boolean sample = step % marginEvery == 0; // every pass of the step: the same examples at any micro-batch size
      float norm;
      if (batches == null) {
        int size = plan.rowsInPass(pass);
        norm = runPass(null, size, step, lastPass, sample ? marginSamples : null, yes);
        samples += size;
      } else {
        try (Batch batch = batches.next()) {
          if (batch.epoch() != epoch) {
            throw new IllegalStateException("batch of epoch " + batch.epoch() + " in epoch " + epoch);
          }
          norm = runPass(batch, batch.size(), step, lastPass, sample ? marginSamples : null, yes);
          samples += batch.size();
        }
      }
      if (lastPass) {
        if (sample) {
          normSum += norm;
          normMax = normCount == 0 ? norm : Math.max(normMax, norm); // NaN (a diverged step) stays NaN
          normCount++;
        }
        int stepInEpoch = step + 1;
        callbacks.forEach(c -> c.onStep(context, epoch, stepInEpoch, plan.stepsPerEpoch(),
            () -> context.fetch(g.epochLoss)));
      }
    }
    long waited = batches == null ? 0 : batches.waitNanos() - waitedBefore;
    float[] margins = concat(marginSamples);
    Percentiles.Summary summary = margins.length == 0 ? new Percentiles.Summary(Double.NaN, Double.NaN, Double.NaN)
        : Percentiles.summary(margins);
    return new Result((System.nanoTime() - t0) / 1e9, samples, waited, summary, margins,
        new GradNorms(normCount == 0 ? Double.NaN : normSum / normCount, normMax));
  }

  /**
   * One forward/backward pass of {@code size} examples: {@code batch}'s, or with worker input the
   * workers'. Returns the step's gradient norm when the pass ends a sampled step, else NaN.
   */
  private float runPass(Batch batch, int size, int step, boolean lastPass, List<float[]> marginSamples, TBool yes) {
    Session.Runner runner = context.session().runner();
    if (batch != null) {
      for (Map.Entry<String, Operand<?>> input : g.model.inputs().entrySet()) {
        runner.feed(input.getValue(), batch.tensors().get(input.getKey()));
      }
      runner.feed(g.label, batch.tensors().get(Features.LABEL));
    }
    if (g.model.training() != null) {
      runner.feed(g.model.training(), yes);
    }
    TFloat32 weight = null;
    try {
      if (g.microWeight != null) {
        weight = TFloat32.scalarOf((float) size / plan.rowsInStep(step));
        runner.feed(g.microWeight, weight);
      }
      boolean steps = g.accumulate == null || lastPass;
      Op target = !steps ? g.accumulate : phase.constrained() ? g.constrainedStep : g.freeStep;
      runner.addTarget(target);
      if (marginSamples != null) {
        runner.fetch(g.margins);
      }
      boolean norm = steps && marginSamples != null; // a sampled step's last pass
      if (norm) {
        runner.fetch(phase.constrained() ? g.constrainedGradNorm : g.freeGradNorm);
      }
      try (org.tensorflow.Result result = runner.run()) {
        if (marginSamples != null) {
          marginSamples.add(FloatReader.read((TFloat32) result.get(0)));
        }
        return norm ? ((TFloat32) result.get(1)).getFloat() : Float.NaN;
      }
    } finally {
      if (weight != null) {
        weight.close();
      }
    }
  }

  private static float[] concat(List<float[]> parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
