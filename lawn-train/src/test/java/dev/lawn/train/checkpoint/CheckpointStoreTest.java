package dev.lawn.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir Path dir;

  private static CheckpointMeta meta(int epoch) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("dataSeed", 42);
    extra.put("rngState", 1L << 40);
    extra.put("bestMetric", 0.8125);
    extra.put("bestMetricName", "ndcg@10");
    return new CheckpointMeta(epoch, 100L * epoch, epoch < 3 ? "warmup" : "lawn", extra);
  }

  /** Saves epochs {@code from..to} of a model whose values depend on the epoch. */
  private static void saveEpochs(CheckpointStore store, int from, int to) throws IOException {
    try (TinyModel model = new TinyModel()) {
      for (int epoch = from; epoch <= to; epoch++) {
        model.fill(epoch);
        store.save(model.session, meta(epoch));
      }
    }
  }

  private static float[] restoredValues(CheckpointStore store, Checkpoint checkpoint) throws IOException {
    try (TinyModel fresh = new TinyModel()) {
      store.restore(fresh.session, checkpoint);
      return fresh.values();
    }
  }

  @Test
  void roundTripOfVariablesAndMeta() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    saveEpochs(store, 1, 2);
    Checkpoint latest = store.latest().orElseThrow();
    assertEquals(dir.resolve("ckpt-000002"), latest.dir());
    try (Stream<Path> files = Files.list(latest.dir())) {
      assertEquals(
          List.of("meta.json", "variables.data-00000-of-00001", "variables.index"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(meta(2), latest.meta());
    assertEquals(1L << 40, latest.meta().extraLong("rngState"));
    assertEquals(42, latest.meta().extraLong("dataSeed"));
    assertEquals(0.8125, latest.meta().extraDouble("bestMetric"));
    assertEquals("warmup", latest.meta().phase());
    assertArrayEquals(TinyModel.expected(2), restoredValues(store, latest));
    assertEquals(List.of(1, 2), epochs(store));
  }

  @Test
  void leftoverTempDirectoryAndGarbledNewestFallBackToThePreviousCheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    saveEpochs(store, 1, 3);
    // A crash during the save of epoch 4 leaves a temp directory with partial content.
    Path tmp = Files.createDirectory(dir.resolve(".tmp-crashed"));
    Files.writeString(tmp.resolve("meta.json"), "{\"epoch\":4,");
    // The newest checkpoint got garbled meta, the one before lost its index file.
    Files.writeString(dir.resolve("ckpt-000003/meta.json"), "{\"epoch\":3,\"globalSt");
    Files.delete(dir.resolve("ckpt-000002/variables.index"));
    // A directory that only looks like a checkpoint.
    Files.createDirectory(dir.resolve("ckpt-000009"));

    Checkpoint latest = store.latest().orElseThrow();
    assertEquals(1, latest.meta().epoch());
    assertArrayEquals(TinyModel.expected(1), restoredValues(store, latest));
    assertEquals(List.of(1), epochs(store));
  }

  @Test
  void metaOfAnotherEpochOrMissingDataMakesACheckpointIncomplete() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    saveEpochs(store, 1, 3);
    Files.writeString(dir.resolve("ckpt-000003/meta.json"), "{\"epoch\":7,\"globalStep\":1,\"phase\":\"lawn\"}");
    try (Stream<Path> files = Files.list(dir.resolve("ckpt-000002"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("variables.data-")).toList()) {
        Files.delete(f);
      }
    }
    assertEquals(1, store.latest().orElseThrow().meta().epoch());
  }

  @Test
  void keepLastPrunesOlderCheckpointsAndLeftovers() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    Files.createDirectories(dir.resolve(".tmp-old-crash"));
    saveEpochs(store, 1, 5);
    assertEquals(List.of(4, 5), epochs(store));
    assertEquals(List.of("ckpt-000004", "ckpt-000005"), names());
  }

  @Test
  void savingAnEarlierEpochDropsTheLostFutureAndResavingReplaces() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    saveEpochs(store, 1, 4);
    // Resumed from epoch 2 (say 3 and 4 were judged bad), then epoch 3 is trained again.
    try (TinyModel model = new TinyModel()) {
      model.fill(30);
      store.save(model.session, meta(3));
    }
    assertEquals(List.of(1, 2, 3), epochs(store));
    assertArrayEquals(TinyModel.expected(30), restoredValues(store, store.latest().orElseThrow()));
  }

  @Test
  void bestSurvivesPruningAndIsReplacedAtomically() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 1);
    saveEpochs(store, 1, 1);
    store.markBest(store.latest().orElseThrow());
    saveEpochs(store, 2, 3);
    assertEquals(List.of(3), epochs(store));
    Checkpoint best = store.best().orElseThrow();
    assertEquals(1, best.meta().epoch());
    assertArrayEquals(TinyModel.expected(1), restoredValues(store, best));

    store.markBest(store.latest().orElseThrow());
    assertEquals(3, store.best().orElseThrow().meta().epoch());
    assertEquals(1, names().stream().filter(n -> n.startsWith("best-")).count(), names().toString());
    assertTrue(store.latest().isPresent());
  }

  @Test
  void unwritableDirectoryGivesAnIOExceptionNamingItAndKeepsThePreviousCheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    saveEpochs(store, 1, 1);
    Runnable restoreAccess = makeUnwritable(dir);
    try {
      IOException e = assertThrows(IOException.class, () -> saveEpochs(store, 2, 2));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    } finally {
      restoreAccess.run();
    }
    Checkpoint latest = store.latest().orElseThrow();
    assertEquals(1, latest.meta().epoch());
    assertArrayEquals(TinyModel.expected(1), restoredValues(store, latest));
    assertEquals(List.of("ckpt-000001"), names());
  }

  @Test
  void restoreOfAGraphWithOtherVariablesNamesTheCheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    saveEpochs(store, 1, 1);
    Checkpoint latest = store.latest().orElseThrow();
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      var tf = org.tensorflow.op.Ops.create(g);
      tf.withName("other").variable(tf.constant(new float[] {1f}));
      try (org.tensorflow.Session s = new org.tensorflow.Session(g)) {
        IOException e = assertThrows(IOException.class, () -> store.restore(s, latest));
        assertTrue(e.getMessage().contains(latest.dir().toString()), e.getMessage());
      }
    }
  }

  @Test
  void emptyOrMissingDirectoryHasNoCheckpoint() throws IOException {
    assertTrue(new CheckpointStore(dir.resolve("none"), 1).latest().isEmpty());
    assertTrue(new CheckpointStore(dir, 1).best().isEmpty());
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(dir, 0));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointMeta(-1, 0, "lawn"));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointMeta(1, -5, "lawn"));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointMeta(1, 5, " "));
    assertThrows(IllegalArgumentException.class, () -> meta(1).extraLong("bestMetric"));
    assertThrows(IllegalArgumentException.class, () -> meta(1).extraDouble("missing"));
  }

  // ---- helpers

  private static List<Integer> epochs(CheckpointStore store) throws IOException {
    return store.list().stream().map(c -> c.meta().epoch()).toList();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("BEST")).sorted().toList();
    }
  }

  /**
   * Makes {@code d} unwritable: by permissions, or, when running as root (which ignores them), by
   * the immutable attribute. Skips the test where neither works.
   */
  private static Runnable makeUnwritable(Path d) throws IOException {
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
    Runnable undoChmod =
        () -> {
          try {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        };
    if (!canCreateIn(d)) {
      return undoChmod;
    }
    if (chattr("+i", d) && !canCreateIn(d)) {
      return () -> {
        chattr("-i", d);
        undoChmod.run();
      };
    }
    chattr("-i", d);
    undoChmod.run();
    Assumptions.abort("cannot make a directory unwritable here (root without chattr)");
    return null;
  }

  private static boolean canCreateIn(Path d) {
    try {
      Files.delete(Files.createTempFile(d, "probe", ""));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean chattr(String flag, Path d) {
    try {
      Process p = new ProcessBuilder("chattr", flag, d.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void noTempOrTrashDirectoriesRemainAfterSaves() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    saveEpochs(store, 1, 2);
    saveEpochs(store, 2, 2); // replaces ckpt-000002 through a trash directory
    assertFalse(names().stream().anyMatch(n -> n.startsWith(".")), names().toString());
  }
}
