package dev.lawn.bench;

import dev.lawn.train.TrainConfig;
import dev.lawn.train.TrainConfigBuilder;

/** Trainer configurations for benchmarks: {@link TrainConfig#builder()} with the benches' common settings. */
final class BenchConfig {

  private BenchConfig() {}

  /** The defaults over {@code epochs}, with the default warm-up capped to them and one checkpoint at the end. */
  static TrainConfigBuilder over(int epochs) {
    return TrainConfig.builder().epochs(epochs)
        .warmupEpochs(Math.min(TrainConfig.defaults().optimizer().warmupEpochs(), epochs))
        .checkpointEvery(epochs).keepCheckpoints(1);
  }
}
