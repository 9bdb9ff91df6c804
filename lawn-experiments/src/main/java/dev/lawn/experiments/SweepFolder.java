package dev.lawn.experiments;

/**
 * File names of a sweep's output folder, defined once: the sweep writes them
 * ({@code dev.lawn.experiments.sweep}) and reports read them ({@code dev.lawn.experiments.report}),
 * so neither package depends on the other for a name.
 */
public final class SweepFolder {

  /** The sweep's summary for machines: grid points, selection ({@code selection.best_point}), final runs. */
  public static final String SUMMARY_JSON = "sweep-summary.json";
  /** The sweep's summary for people. */
  public static final String SUMMARY_MD = "sweep-summary.md";

  private SweepFolder() {}
}
