package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.image.IdxReader;
import dev.lawn.data.rec.Interactions;
import dev.lawn.data.rec.LeaveOneOutSplitter;
import dev.lawn.data.rec.NcfFilesReader;
import dev.lawn.data.rec.RatingsFormat;
import dev.lawn.data.rec.RatingsReader;
import dev.lawn.data.rec.SplitOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the reader bugs the fuzz tests found, one per finding, each reduced to a small case. */
class ReaderFindingsTest {

  @TempDir Path dir;

  /** Finding: an error quoted the whole offending field, megabytes of it for an enormous line. */
  @Test
  void errorsQuoteAnExcerptOfAnEnormousField() throws IOException {
    String huge = "7".repeat(3_000_000);
    Path ratings = dir.resolve("u.data");
    Files.writeString(ratings, "1\t2\t3\t4\n1\t" + huge + "\t4\t5\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(ratings, RatingsFormat.MOVIELENS_100K));
    assertEquals(2, e.line().getAsLong());
    assertTrue(e.getMessage().length() < 400, () -> e.getMessage().length() + " chars");
    assertTrue(e.getMessage().contains("item id (column 2) is '777"), e.getMessage());
    assertTrue(e.getMessage().contains("(3000000 chars)"), e.getMessage());

    Path csv = dir.resolve("ratings.csv");
    Files.writeString(csv, huge + "\n1,2,3,4\n");
    DataFormatException h = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(csv, RatingsFormat.MOVIELENS_LATEST));
    assertEquals(1, h.line().getAsLong());
    assertTrue(h.getMessage().length() < 400, () -> h.getMessage().length() + " chars");

    Files.writeString(dir.resolve("t.train.rating"), "0\t1\t5\t1\n0\t2\t5\t2\n");
    Files.writeString(dir.resolve("t.test.rating"), "0\t3\t5\t3\n");
    Files.writeString(dir.resolve("t.test.negative"), "(0," + huge + ")\t4\n");
    DataFormatException n = assertThrows(DataFormatException.class,
        () -> NcfFilesReader.read(dir, "t", SplitOptions.ncf().withEvalNegatives(1)));
    assertEquals(1, n.line().getAsLong());
    assertTrue(n.getMessage().length() < 400, () -> n.getMessage().length() + " chars");
  }

  /**
   * Finding: NCF ids sized arrays before any check, so a corrupt id of 2147483647 threw
   * NegativeArraySizeException, one of 10^9 exhausted the heap, and an item id whose "+ 1" overflowed
   * was silently left out of numItems. Ids are now bounded by what dense ids allow, at the line.
   */
  @Test
  void ncfIdsTooLargeForDenseIdsAreRejectedAtTheirLine() throws IOException {
    String train = "0\t1\t5\t1\n0\t2\t5\t2\n1\t1\t5\t1\n1\t3\t5\t2\n";
    String test = "0\t3\t5\t3\n1\t4\t5\t3\n";
    String negatives = "(0,3)\t5\n(1,4)\t6\n";
    for (String id : new String[] {"2147483647", "1000000000", "2"}) {
      ncf(train + id + "\t1\t5\t1\n", test, negatives);
      DataFormatException e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "t", NCF));
      assertEquals(dir.resolve("t.train.rating"), e.file());
      assertEquals(5, e.line().getAsLong(), e.getMessage());
      assertTrue(e.getMessage().contains("user " + id + " has no test item: t.test.rating has 2 line(s)"),
          e.getMessage());

      ncf(train, "0\t3\t5\t3\n" + id + "\t4\t5\t3\n", negatives);
      e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "t", NCF));
      assertEquals(2, e.line().getAsLong(), e.getMessage());
      assertTrue(e.getMessage().contains("user id " + id + ", but t.test.rating has 2 line(s)"), e.getMessage());
    }
    for (String id : new String[] {"2147483647", "1000000000", "15"}) {
      ncf(train, test, "(0,3)\t5\n(1,4)\t" + id + "\n");
      DataFormatException e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "t", NCF));
      assertEquals(dir.resolve("t.test.negative"), e.file());
      assertEquals(2, e.line().getAsLong(), e.getMessage());
      assertTrue(e.getMessage().contains("item id " + id + " is not below 8"), e.getMessage());

      ncf(train, "0\t3\t5\t3\n1\t" + id + "\t5\t3\n", "(0,3)\t5\n(1," + id + ")\t6\n");
      e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "t", NCF));
      assertEquals(dir.resolve("t.test.rating"), e.file());
      assertEquals(2, e.line().getAsLong(), e.getMessage());
    }
    // The largest id the files allow still reads: 8 ids in the files, so items 0..7.
    ncf(train, test, "(0,3)\t7\n(1,4)\t6\n");
    assertEquals(8, NcfFilesReader.read(dir, "t", NCF).numItems());
  }

  /** Finding: with validation, a user with no training line was reported without any line. */
  @Test
  void ncfUserWithoutTrainingLinesIsNamedAtItsTestLine() throws IOException {
    ncf("0\t1\t5\t1\n0\t2\t5\t2\n", "0\t3\t5\t3\n1\t4\t5\t3\n", "(0,3)\t0\n(1,4)\t1\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NcfFilesReader.read(dir, "t", NCF.withValidation(true)));
    assertEquals(dir.resolve("t.test.rating"), e.file());
    assertEquals(2, e.line().getAsLong(), e.getMessage());
    assertTrue(e.getMessage().contains("user 1 has 0 training interaction(s) in t.train.rating"), e.getMessage());
  }

  private static final SplitOptions NCF = SplitOptions.ncf().withEvalNegatives(1);

  private void ncf(String train, String test, String negatives) throws IOException {
    Files.writeString(dir.resolve("t.train.rating"), train);
    Files.writeString(dir.resolve("t.test.rating"), test);
    Files.writeString(dir.resolve("t.test.negative"), negatives);
  }

  /**
   * Finding: IDX rows * cols was an int product, so a corrupt header threw ArithmeticException or
   * NegativeArraySizeException, or (65536 x 65536 wraps to 0) returned images without pixels.
   */
  @Test
  void idxImageSizesThatOverflowAnIntAreRejectedAtTheHeader() throws IOException {
    int[][] headers = {{5, 65536, 65536}, {5, 46341, 46341}, {1, 657924242, 12}, {0, 65536, 65536}};
    for (int[] h : headers) {
      ByteBuffer b = ByteBuffer.allocate(16 + 64);
      b.putInt(IdxReader.IMAGES_MAGIC).putInt(h[0]).putInt(h[1]).putInt(h[2]);
      Path file = Files.write(dir.resolve("images-idx3-ubyte"), b.array());
      DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
      assertEquals(8, e.byteOffset().getAsLong(), e.getMessage());
      assertTrue(e.getMessage().contains("exceeds 2^31-1 pixels"), e.getMessage());
    }
    // A header claiming 2^31-1 images of 28x28 is measured against the file, not allocated.
    ByteBuffer b = ByteBuffer.allocate(16 + 784);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(Integer.MAX_VALUE).putInt(28).putInt(28);
    Path file = Files.write(dir.resolve("images-idx3-ubyte"), b.array());
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
    assertEquals(16 + 784, e.byteOffset().getAsLong(), e.getMessage());
  }

  /** Finding: a gzip stream cut short was reported as "corrupt or truncated gzip data: null". */
  @Test
  void truncatedGzipSaysWhatWentWrong() throws IOException {
    byte[] z = Bytes.gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 3});
    Path file = Files.write(dir.resolve("labels-idx1-ubyte.gz"), Arrays.copyOf(z, z.length - 6));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file, 10));
    assertTrue(e.getMessage().endsWith("corrupt or truncated gzip data: EOFException"), e.getMessage());
  }

  /**
   * Finding: a user with too few other items to draw the evaluation negatives from was reported
   * without a line; the error now names the line of the held-out interaction.
   */
  @Test
  void tooFewItemsForNegativesNamesTheHeldOutLine() throws IOException {
    Path p = dir.resolve("ratings.dat");
    Files.writeString(p, "1::5::3::10\n1::6::3::11\n1::7::3::12\n2::5::3::1\n2::8::3::2\n");
    Interactions data = RatingsReader.read(p, RatingsFormat.MOVIELENS_1M);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> LeaveOneOutSplitter.split(data, SplitOptions.ncf().withEvalNegatives(2), "scarce"));
    assertEquals(3, e.line().getAsLong(), e.getMessage());
    assertTrue(e.getMessage().contains("user 1: cannot sample 2 distinct negatives"), e.getMessage());

    ncf("0\t1\t5\t1\n0\t2\t5\t2\n", "0\t0\t5\t3\n", "(0,0)\t3\n");
    DataFormatException v = assertThrows(DataFormatException.class,
        () -> NcfFilesReader.read(dir, "t", SplitOptions.ncf().withEvalNegatives(2).withValidation(true)));
    assertEquals(dir.resolve("t.train.rating"), v.file());
    assertEquals(2, v.line().getAsLong(), "the validation item's line: " + v.getMessage());
  }
}
