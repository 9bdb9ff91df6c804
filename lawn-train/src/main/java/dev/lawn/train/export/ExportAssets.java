package dev.lawn.train.export;

import dev.lawn.data.rec.IdVocabulary;
import dev.lawn.serving.SavedModelLayout;
import dev.lawn.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a SavedModel's client needs besides the graph, in its {@value SavedModelLayout#ASSETS}/ folder
 * (named by lawn-serving's {@link SavedModelLayout}, which reads them back): the run's
 * {@code model.json} (model kind and sizes; for classifiers the input size, the per-channel
 * normalization and the class names) and, for recommenders, the id vocabulary
 * ({@link IdVocabulary}: {@code users.csv}, {@code items.csv}) that maps the data set's own ids to
 * the dense ids the signature takes. The graph does not read them; TensorFlow copies {@code assets/}
 * along with the model.
 */
public final class ExportAssets {

  private ExportAssets() {}

  /**
   * Copies the run's files into {@code savedModel/assets}.
   *
   * @return whether a vocabulary was copied (runs trained before it was written have none)
   */
  public static boolean copy(Path runDir, Path savedModel) throws IOException {
    Path assets = Files.createDirectories(savedModel.resolve(SavedModelLayout.ASSETS));
    Files.copy(runDir.resolve(RunDirectory.MODEL), assets.resolve(SavedModelLayout.MODEL_JSON));
    Path vocabulary = runDir.resolve(IdVocabulary.FOLDER);
    if (!IdVocabulary.existsIn(vocabulary)) {
      return false;
    }
    Files.copy(vocabulary.resolve(IdVocabulary.USERS_FILE), assets.resolve(SavedModelLayout.USERS_FILE));
    Files.copy(vocabulary.resolve(IdVocabulary.ITEMS_FILE), assets.resolve(SavedModelLayout.ITEMS_FILE));
    return true;
  }
}
