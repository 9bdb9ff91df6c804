package dev.lawn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.rec.RecommendationDataset;
import dev.lawn.data.rec.SplitOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {

  @TempDir Path dir;

  private DataSetLocator onlyTemp() {
    return DataSetLocator.of(List.of(dir));
  }

  private static byte[] idxImages(int count) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * 4);
    b.putInt(0x803).putInt(count).putInt(2).putInt(2);
    return b.array();
  }

  private static byte[] idxLabels(int count) {
    ByteBuffer b = ByteBuffer.allocate(8 + count);
    b.putInt(0x801).putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (i % 10));
    }
    return b.array();
  }

  @Test
  void missingDataSetSaysWhereItLookedAndHowToGetIt() {
    DataSetNotFoundException e = assertThrows(DataSetNotFoundException.class,
        () -> DataSets.resolve("movielens-1m", dir, onlyTemp()));
    assertEquals(List.of(dir, dir.resolve("ml-1m")), e.placesLooked());
    assertTrue(e.getMessage().contains(dir.resolve("ml-1m").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("grouplens.org"), e.getMessage());

    e = assertThrows(DataSetNotFoundException.class, () -> DataSets.resolve("fashion-mnist", dir, onlyTemp()));
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());

    assertThrows(DataSetNotFoundException.class, () -> DataSets.resolve("image-folder", null, onlyTemp()));
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> DataSets.resolve("imagenet", dir));
    assertTrue(u.getMessage().contains("cifar100"), u.getMessage());
  }

  @Test
  void defaultRootsComeAfterTheExplicitDirectory() {
    List<Path> roots = DataSetLocator.withDefaults(dir).roots();
    assertEquals(dir.toAbsolutePath().normalize(), roots.get(0));
    assertEquals(Path.of(DataSetLocator.DEBIAN_DATASETS), roots.get(roots.size() - 1));
  }

  @Test
  void findsMnistInASubFolderGzippedOrNot() throws IOException {
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    Files.write(mnist.resolve("train-images-idx3-ubyte"), idxImages(5));
    Files.write(mnist.resolve("train-labels-idx1-ubyte"), idxLabels(5));
    Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idxImages(3));
    Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idxLabels(3));
    DataSetLoader loader = DataSets.resolve("mnist", dir, onlyTemp());
    assertEquals(mnist, loader.location());
    ImageDataset d = assertInstanceOf(ImageLoader.class, loader).load();
    assertEquals(5, d.trainSize());
    assertEquals(3, d.testSize());
    assertEquals(10, d.numClasses());

    Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idxLabels(4));
    DataFormatException e = assertThrows(DataFormatException.class, ((ImageLoader) loader)::load);
    assertTrue(e.getMessage().contains("4 labels for 3 images"), e.getMessage());
  }

  @Test
  void findsCifarAndNcfAndMovieLens() throws IOException {
    Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
    for (String f : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      byte[] rec = new byte[2 * 3073];
      rec[3073] = 7;
      Files.write(cifar.resolve(f + ".bin"), rec);
    }
    Files.writeString(cifar.resolve("batches.meta.txt"),
        "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    ImageDataset c = ((ImageLoader) DataSets.resolve("cifar10", dir, onlyTemp())).load();
    assertEquals(10, c.trainSize());
    assertEquals(2, c.testSize());
    assertEquals(32, c.height());
    assertEquals(3, c.channels());
    assertEquals("truck", c.classNames().get(9));
    assertEquals(7, c.testLabels()[1]);

    Path ncf = Files.createDirectories(dir.resolve("ncf"));
    Files.writeString(ncf.resolve("a.train.rating"), "0\t1\t1\t1\n1\t0\t1\t1\n");
    Files.writeString(ncf.resolve("a.test.rating"), "0\t2\t1\t2\n1\t2\t1\t2\n");
    Files.writeString(ncf.resolve("a.test.negative"), "(0,2)\t3\n(1,2)\t3\n");
    RecommendationDataset n = ((RecommendationLoader) DataSets.resolve("ncf", dir, onlyTemp())).load(SplitOptions.ncf());
    assertEquals(2, n.numUsers());
    Files.copy(ncf.resolve("a.train.rating"), ncf.resolve("b.train.rating"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSets.resolve("ncf", dir, onlyTemp()))
        .getMessage().contains("ncf:a"));
    assertThrows(DataSetNotFoundException.class, () -> DataSets.resolve("ncf:b", dir, onlyTemp()));
    assertEquals(ncf, DataSets.resolve("ncf:a", dir, onlyTemp()).location());

    Path ml = Files.createDirectories(dir.resolve("ml-latest-small"));
    Files.writeString(ml.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,10,4.0,5\n1,11,3.5,6\n");
    RecommendationDataset m = ((RecommendationLoader) DataSets.resolve("movielens-latest", dir, onlyTemp()))
        .load(SplitOptions.ncf().withEvalNegatives(0));
    assertEquals(1, m.numUsers());
    assertEquals(11, m.rawItemId(m.testItem(0)));
  }

  @Test
  void fashionMnistFromTheDebianPackageWithoutConfiguration() {
    Path pkg = Path.of(DataSetLocator.DEBIAN_DATASETS, "fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(pkg), "Debian package dataset-fashion-mnist is not installed");
    DataSetLoader loader = DataSets.resolve("fashion-mnist", null);
    ImageDataset d = ((ImageLoader) loader).load();
    assertEquals(60_000, d.trainSize());
    assertEquals(10_000, d.testSize());
    assertEquals(28, d.height());
    assertEquals(28, d.width());
    assertEquals(1, d.channels());
    assertEquals(10, d.numClasses());
    int[] perClass = new int[10];
    for (int y : d.trainLabels()) {
      perClass[y]++;
    }
    for (int count : perClass) {
      assertEquals(6000, count, "Fashion-MNIST is balanced");
    }
  }

  @Test
  void movieLens100kIsFoundUnderTheSharedDataFolder() {
    Assumptions.assumeTrue(SharedData.dataSet("ml-100k", "u.data").isPresent(),
        "ml-100k not found (LAWN_DATA_DIR or ../shared/data)");
    Path root = SharedData.root().orElseThrow();
    DataSetLoader loader = DataSets.resolve("movielens-100k", root);
    assertEquals(root.resolve("ml-100k"), loader.location());
    assertEquals(943, ((RecommendationLoader) loader).load(SplitOptions.ncf()).numUsers());
  }
}
