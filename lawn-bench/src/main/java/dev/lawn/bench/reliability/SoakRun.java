package dev.lawn.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.experiments.process.ProcessMemory;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one long {@code lawn train} in a child JVM and samples its memory: RSS every {@code
 * sampleEvery}, the JVM's own accounting (heap vs the rest) every {@code jvmEvery}-th sample.
 */
public final class SoakRun {

  private final TrainChild child;
  private final Duration sampleEvery;
  private final int jvmEvery;
  private final Consumer<String> progress;

  /**
   * @param child starts the trainer; give it {@link ProcessMemory#trackingOptions()} for the JVM split
   * @param sampleEvery RSS sampling period
   * @param jvmEvery sample the JVM's accounting every this many RSS samples ({@code jcmd} costs ~0.5 s of CPU)
   * @param progress receives a line per JVM sample
   */
  public SoakRun(TrainChild child, Duration sampleEvery, int jvmEvery, Consumer<String> progress) {
    if (sampleEvery.isNegative() || sampleEvery.isZero() || jvmEvery < 1) {
      throw new IllegalArgumentException("sampleEvery must be > 0 and jvmEvery >= 1, got " + sampleEvery + ", " + jvmEvery);
    }
    this.child = child;
    this.sampleEvery = sampleEvery;
    this.jvmEvery = jvmEvery;
    this.progress = progress;
  }

  /**
   * What the child did and its samples.
   *
   * @param exitCode the trainer's exit code
   * @param seconds its wall time
   * @param steps optimizer steps it took (the last metrics row's {@code step})
   * @param samples memory samples, in time order
   */
  public record Result(int exitCode, double seconds, long steps, List<SoakSample> samples) {
    /** Freezes. */
    public Result {
      samples = List.copyOf(samples);
    }
  }

  /** Trains {@code settings} into {@code runDir} to the end, sampling all along. */
  public Result run(TrainSettings settings, Path runDir, Path log) throws IOException, InterruptedException {
    List<SoakSample> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    Process process = child.start(settings.arguments(runDir), log);
    try {
      for (int i = 0; !process.waitFor(sampleEvery.toMillis(), TimeUnit.MILLISECONDS); i++) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        Optional<Long> rss = ProcessMemory.rssKiB(process.pid());
        if (rss.isEmpty()) {
          continue; // exiting
        }
        SoakSample sample = new SoakSample(seconds, rss.get(), -1, -1);
        if (i % jvmEvery == 0) {
          var jvm = ProcessMemory.jvmMemory(process.pid());
          if (jvm.isPresent()) {
            sample = new SoakSample(seconds, rss.get(), jvm.get().totalCommittedKiB(), jvm.get().heapCommittedKiB());
          }
          progress.accept(describe(sample));
        }
        samples.add(sample);
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    return new Result(process.exitValue(), (System.nanoTime() - t0) / 1e9, lastStep(runDir), samples);
  }

  private static long lastStep(Path runDir) throws IOException {
    if (!Files.exists(runDir.resolve(RunDirectory.METRICS))) {
      return 0;
    }
    List<JsonNode> rows = MetricsRows.read(runDir);
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).path("step").asLong();
  }

  private static String describe(SoakSample s) {
    return String.format("%7.0f s  RSS %7.1f MiB%s", s.seconds(), SoakAnalysis.mib(s.rssKiB()),
        s.hasJvmMemory() ? String.format("  (JVM committed %.1f MiB of which heap %.1f MiB; outside the JVM %.1f MiB)",
            SoakAnalysis.mib(s.jvmCommittedKiB()), SoakAnalysis.mib(s.heapCommittedKiB()),
            SoakAnalysis.mib(s.outsideJvmKiB())) : "");
  }
}
