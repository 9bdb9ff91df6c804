package dev.lawn.bench.reliability;

import java.util.List;

/**
 * A soak's verdict: the run, the RSS analysis, the JVM/native split, and the growth extrapolated to
 * one million steps.
 *
 * @param trainArguments the {@code lawn train} options (without {@code --out})
 * @param result the run and its samples
 * @param analysis the RSS analysis after warm-up
 */
public record SoakReport(List<String> trainArguments, SoakRun.Result result, SoakAnalysis analysis) {

  /** Steps the extrapolation is made for. */
  public static final long MILLION_STEPS = 1_000_000;

  /** Freezes. */
  public SoakReport {
    trainArguments = List.copyOf(trainArguments);
  }

  /** Whether the run finished and its RSS stayed flat. */
  public boolean passed() {
    return result.exitCode() == 0 && analysis.flat();
  }

  /** Optimizer steps per second over the whole run. */
  public double stepsPerSecond() {
    return result.steps() / result.seconds();
  }

  /** RSS growth in MiB over one million steps at the fitted slope and the measured speed. */
  public double growthPerMillionStepsMiB() {
    return analysis.slopeMiBPerHour() * MILLION_STEPS / stepsPerSecond() / 3600;
  }

  /** Post-warm-up samples holding the JVM's accounting. */
  List<SoakSample> jvmSamples() {
    double warmupEnd = result.samples().get(analysis.warmupSamples()).seconds();
    return result.samples().stream().filter(s -> s.hasJvmMemory() && s.seconds() >= warmupEnd).toList();
  }

  /** A human-readable account. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("soak: lawn train ").append(String.join(" ", trainArguments)).append('\n');
    s.append(String.format("run: exit %d, %.0f s, %d steps (%.0f steps/s)%n", result.exitCode(), result.seconds(),
        result.steps(), stepsPerSecond()));
    s.append(String.format("RSS after warm-up (%d of %d samples skipped): baseline %.1f MiB, min %.1f, max %.1f, "
            + "max deviation %.2f %% (limit %.0f %%)%n", analysis.warmupSamples(), analysis.samples(),
        analysis.baseMiB(), analysis.minMiB(), analysis.maxMiB(), 100 * analysis.maxDeviation(),
        100 * analysis.tolerance()));
    s.append(String.format("RSS slope: %+.2f MiB/hour, i.e. %+.2f MiB (%+.2f %% of baseline) per million steps%n",
        analysis.slopeMiBPerHour(), growthPerMillionStepsMiB(), 100 * growthPerMillionStepsMiB() / analysis.baseMiB()));
    List<SoakSample> jvm = jvmSamples();
    if (!jvm.isEmpty()) {
      SoakSample first = jvm.get(0);
      SoakSample last = jvm.get(jvm.size() - 1);
      s.append(String.format("JVM split at %.0f s / %.0f s: heap committed %.1f / %.1f MiB, other JVM %.1f / %.1f MiB, "
              + "outside the JVM (TensorFlow, malloc) %.1f / %.1f MiB%n", first.seconds(), last.seconds(),
          SoakAnalysis.mib(first.heapCommittedKiB()), SoakAnalysis.mib(last.heapCommittedKiB()),
          SoakAnalysis.mib(first.jvmCommittedKiB() - first.heapCommittedKiB()),
          SoakAnalysis.mib(last.jvmCommittedKiB() - last.heapCommittedKiB()),
          SoakAnalysis.mib(first.outsideJvmKiB()), SoakAnalysis.mib(last.outsideJvmKiB())));
      if (jvm.size() >= 2) {
        double[] xs = jvm.stream().mapToDouble(x -> x.seconds() / 3600).toArray();
        double[] ys = jvm.stream().mapToDouble(x -> SoakAnalysis.mib(x.outsideJvmKiB())).toArray();
        s.append(String.format("outside-JVM slope: %+.2f MiB/hour%n", LinearFit.of(xs, ys).slope()));
      }
    }
    s.append(passed() ? "RESULT: PASS" : "RESULT: FAIL").append('\n');
    return s.toString();
  }

  /** The samples as CSV: seconds, RSS and JVM figures in KiB (-1 where not sampled). */
  public String samplesCsv() {
    StringBuilder s = new StringBuilder("seconds,rss_kib,jvm_committed_kib,heap_committed_kib\n");
    for (SoakSample x : result.samples()) {
      s.append(String.format("%.1f,%d,%d,%d%n", x.seconds(), x.rssKiB(), x.jvmCommittedKiB(), x.heapCommittedKiB()));
    }
    return s.toString();
  }
}
