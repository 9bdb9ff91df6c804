package dev.lawn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics row of an evaluation epoch, in the column order of {@code metrics.jsonl}. */
final class EpochRow {

  private EpochRow() {}

  static Map<String, Object> of(TrainingGraph g, FitContext context, Evaluation evaluation, int completed, long step,
      double loss, EpochPasses.Result epoch, boolean constrained) {
    FitState s = context.state();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", completed);
    row.put("step", step);
    row.put("loss", loss);
    row.put("lr", g.schedule.rateAt(Math.max(0, step - 1)));
    row.put("margin_p10", epoch.margins().p10());
    row.put("margin_p50", epoch.margins().p50());
    row.put("margin_p90", epoch.margins().p90());
    // Before clipping (--clip-norm), of what the base optimizer got: LAWN's projected gradient once constrained.
    row.put("grad_norm", epoch.gradNorms().mean());
    row.put("grad_norm_max", epoch.gradNorms().max());
    row.put("phase", constrained ? "constrained" : "free");
    row.putAll(evaluation.evaluate(context.session()));
    for (int i = 0; i < g.groupNames.size(); i++) {
      row.put("norm/" + g.groupNames.get(i), (double) context.fetch(g.groupNorms.get(i)));
    }
    row.putAll(g.normColumns.read(context.session(), epoch.marginSamples()));
    row.put("train_seconds", s.trainSeconds());
    row.put("samples_per_second", s.samples() / Math.max(s.trainSeconds(), 1e-9));
    row.put("input_wait_seconds", s.waitNanos() / 1e9); // of train_seconds, blocked on the input pipeline
    // Everything so far, evaluation included, over the run's processes (not the time between them):
    // the pace lawn status extrapolates from.
    row.put("wall_seconds", context.wallSeconds());
    return row;
  }
}
