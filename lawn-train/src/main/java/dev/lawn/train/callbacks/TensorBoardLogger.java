package dev.lawn.train.callbacks;

import dev.lawn.train.Callback;
import dev.lawn.train.FitContext;
import dev.lawn.train.log.TensorBoardWriter;
import java.io.IOException;
import java.util.Map;

/** Writes every numeric column of a metrics row (but epoch and step) as a scalar to {@code tensorboard/}. */
public final class TensorBoardLogger implements Callback {

  private TensorBoardWriter board;

  @Override
  public void onTrainBegin(FitContext context) throws IOException {
    if (context.runDirectory() == null) {
      throw new IllegalStateException("TensorBoardLogger needs a run directory (Fit.Builder.runDirectory)");
    }
    board = TensorBoardWriter.inRunDir(context.runDirectory());
  }

  @Override
  public void onEvaluation(FitContext context, Map<String, Object> row) {
    long step = ((Number) row.get("step")).longValue();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getValue() instanceof Number n && !e.getKey().equals("epoch") && !e.getKey().equals("step")) {
        board.scalar(e.getKey(), step, n.floatValue());
      }
    }
    board.flush();
  }

  @Override
  public void close() {
    if (board != null) {
      board.close();
      board = null;
    }
  }
}
