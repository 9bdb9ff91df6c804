package dev.lawn.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/** Loading SavedModels with and without lawn's assets. */
class ServingModelTest {

  @Test
  void aSavedModelWithoutLawnsAssetsIsServedAsItIs(@TempDir Path dir) throws Exception {
    Path saved = TinySavedModels.plain(dir.resolve("plain"));
    assertTrue(ServingModel.isSavedModel(saved));
    try (ServingModel model = ServingModel.load(saved);
        TFloat32 x = TFloat32.vectorOf(1.5f, -4f);
        Result r = model.call(Map.<String, Tensor>of("x", x))) {
      assertEquals(SavedModelLayout.SIGNATURE, model.signature().key());
      assertFalse(model.hasModelJson());
      TFloat32 twice = (TFloat32) r.get("twice").orElseThrow();
      assertEquals(3f, twice.getFloat(0));
      assertEquals(-8f, twice.getFloat(1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopKRecommender(model));
      assertEquals(saved + ": no assets/model.json (exported by an older lawn: export the run again with 'lawn export')",
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new ImageClassifier(model));
    }
  }

  @Test
  void lawnsAssetsAreRead(@TempDir Path dir) throws Exception {
    try (ServingModel model = ServingModel.load(TinySavedModels.recommender(dir.resolve("m"),
        TopKRecommenderTest.LOGITS, TopKRecommenderTest.VOCABULARY))) {
      assertTrue(model.hasModelJson());
      assertEquals(SavedModelLayout.METHOD_NAME, model.signature().methodName());
      assertEquals(5, model.modelJson().get("num_items").asInt());
      assertEquals(30, model.vocabulary().userId(2));
      assertEquals("B, the", model.vocabulary().itemTitle(1));
    }
  }

  @Test
  void aFolderThatIsNoSavedModelIsRefused(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertFalse(ServingModel.isSavedModel(empty));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingModel.load(empty));
    assertEquals(empty + " is not a SavedModel (no saved_model.pb)", e.getMessage());
  }
}
