package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import dev.lawn.train.log.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes every metrics row to the run folder's {@code metrics.jsonl} and {@code metrics.csv}; on a
 * resume, drops the rows after the restored epoch (they were written after the last checkpoint).
 */
public final class MetricsLogger implements Callback {

  private MetricsLog log;

  @Override
  public void onTrainBegin(FitContext context) throws IOException {
    Path dir = context.runDirectory();
    if (dir == null) {
      throw new IllegalStateException("MetricsLogger needs a run directory (Fit.Builder.runDirectory)");
    }
    Files.createDirectories(dir);
    boolean exists = Files.exists(dir.resolve(MetricsLog.JSONL_FILE)) || Files.exists(dir.resolve(MetricsLog.CSV_FILE));
    log = exists ? MetricsLog.resume(dir, context.firstEpoch()) : MetricsLog.create(dir);
  }

  @Override
  public void onEvaluation(FitContext context, Map<String, Object> row) throws IOException {
    log.append(row);
  }

  @Override
  public void close() throws IOException {
    if (log != null) {
      log.close();
      log = null;
    }
  }
}
