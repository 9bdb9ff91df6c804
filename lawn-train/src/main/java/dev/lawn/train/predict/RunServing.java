package dev.lawn.train.predict;

import dev.lawn.serving.SavedModelLayout;
import dev.lawn.serving.ServingModel;
import dev.lawn.train.FileTrees;
import dev.lawn.train.RunDirectory;
import dev.lawn.train.export.SavedModelExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run folder or a SavedModel, opened as a lawn-serving {@link ServingModel}: what
 * {@code lawn predict MODEL} serves.
 *
 * <p>A run folder is exported on the fly (from its latest or best checkpoint) into a temporary
 * SavedModel, deleted on {@link #close}: every prediction goes through the same signature a serving
 * client calls, never through lawn's training graph, so lawn's own predictions are also the
 * reference for serving the model with lawn-serving alone.
 */
public final class RunServing implements AutoCloseable {

  private final ServingModel model;
  private final Path temporary;

  private RunServing(ServingModel model, Path temporary) {
    this.model = model;
    this.temporary = temporary;
  }

  /**
   * Loads a SavedModel folder, or exports a run folder's {@code which} checkpoint and loads that.
   *
   * @throws IllegalArgumentException when {@code path} is neither
   */
  public static RunServing open(Path path, SavedModelExport.Which which) throws IOException {
    if (ServingModel.isSavedModel(path)) {
      return new RunServing(ServingModel.load(path), null);
    }
    if (!Files.isRegularFile(path.resolve(RunDirectory.CONFIG))) {
      throw new IllegalArgumentException(path + " is neither a SavedModel (no " + SavedModelLayout.SAVED_MODEL_FILE
          + ") nor a run folder (no " + RunDirectory.CONFIG + ")");
    }
    Path tmp = Files.createTempDirectory("lawn-predict-");
    try {
      SavedModelExport.export(path, which, tmp.resolve("model"));
      return new RunServing(ServingModel.load(tmp.resolve("model")), tmp);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteTree(tmp);
      throw e;
    }
  }

  /** The loaded model: open until {@link #close}. */
  public ServingModel model() {
    return model;
  }

  /** Closes the model and deletes the temporary export of a run folder. */
  @Override
  public void close() throws IOException {
    try {
      model.close();
    } finally {
      if (temporary != null) {
        FileTrees.deleteTree(temporary);
      }
    }
  }
}
