package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NcfFilesReaderTest {

  @TempDir Path dir;

  private static final String TRAIN = "0\t1\t5\t10\n0\t2\t5\t30\n0\t3\t5\t20\n1\t1\t4\t10\n1\t4\t4\t11\n";
  private static final String TEST = "0\t5\t5\t40\n1\t6\t4\t12\n";
  private static final String NEG = "(0,5)\t7\t8\t9\n(1,6)\t2\t3\t9\n";

  private void write(String train, String test, String negative) throws IOException {
    Files.writeString(dir.resolve("tiny.train.rating"), train);
    Files.writeString(dir.resolve("tiny.test.rating"), test);
    Files.writeString(dir.resolve("tiny.test.negative"), negative);
  }

  @Test
  void readsTheThreeFiles() throws IOException {
    write(TRAIN, TEST, NEG);
    RecommendationDataset d = NcfFilesReader.read(dir, "tiny", SplitOptions.ncf());
    assertEquals(2, d.numUsers());
    assertEquals(10, d.numItems(), "largest id among train, test and negatives, plus one");
    assertArrayEquals(new int[] {5, 7, 8, 9}, d.testCandidates()[0]);
    assertArrayEquals(new int[] {1, 2, 3}, d.trainItemsOf(0));
    assertTrue(d.isPositive(1, 6), "test items are positives for training-negative sampling");
    assertEquals(5, d.numTrainPositives());
    assertFalse(d.hasValidation());
  }

  @Test
  void timestampColumnIsOptionalInNcfFiles() throws IOException {
    write("0\t1\t1\n0\t2\t1\n1\t1\t1\n1\t4\t1\n", "0\t5\t1\n1\t6\t1\n", NEG);
    RecommendationDataset d = NcfFilesReader.read(dir, "tiny", SplitOptions.ncf().withEvalNegatives(2).withValidation(true));
    assertEquals(2, d.validationItem(0), "without timestamps the later line is the later interaction");
    write("0\t1\n", TEST, NEG);
    DataFormatException e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("expected 3 or 4 columns"), e.getMessage());
  }

  @Test
  void validationIsTheLatestTrainingInteraction() throws IOException {
    write(TRAIN, TEST, NEG);
    RecommendationDataset d = NcfFilesReader.read(dir, "tiny", SplitOptions.ncf().withEvalNegatives(2).withValidation(true));
    assertEquals(2, d.validationItem(0), "t=30 is user 0's latest training interaction");
    assertEquals(4, d.validationItem(1));
    assertArrayEquals(new int[] {1, 3}, d.trainItemsOf(0));
    assertEquals(3, d.validationCandidates()[0].length);
    for (int k = 1; k < 3; k++) {
      assertFalse(d.isPositive(0, d.validationCandidates()[0][k]));
    }
    write("0\t1\t5\t10\n0\t2\t5\t30\n1\t1\t4\t10\n", TEST, NEG);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf().withEvalNegatives(2).withValidation(true)));
    assertEquals(3, e.line().getAsLong());
    assertTrue(e.getMessage().contains("user 1 has 1 training interaction(s)"), e.getMessage());
  }

  @Test
  void inconsistentFilesAreRejectedWithFileAndLine() throws IOException {
    write(TRAIN, TEST, "(0,5)\t7\t8\t9\n(1,6)\t2\t3\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("tiny.test.negative:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("found 3"), e.getMessage());

    write(TRAIN, TEST, "(0,5)\t7\t8\t9\n(1,7)\t2\t3\t9\n");
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("test item of user 1 is 7 here but 6"), e.getMessage());

    write(TRAIN, TEST, "0,5\t7\t8\t9\n");
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertEquals(1, e.line().getAsLong());
    assertTrue(e.getMessage().contains("expected '(user,item)'"), e.getMessage());

    write(TRAIN, TEST, "(0,5)\t7\tx\t9\n(1,6)\t2\t3\t9\n");
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("'x', expected an integer"), e.getMessage());

    write(TRAIN, "0\t5\t5\t40\n", NEG);
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("user 1") && e.getMessage().contains("no test item"), e.getMessage());

    write(TRAIN, TEST + "0\t6\t1\t1\n", NEG);
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertEquals(3, e.line().getAsLong());

    write(TRAIN + "-1\t2\t3\t4\n", TEST, NEG);
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertEquals(6, e.line().getAsLong());

    write(TRAIN, TEST, "");
    e = assertThrows(DataFormatException.class, () -> NcfFilesReader.read(dir, "tiny", SplitOptions.ncf()));
    assertTrue(e.getMessage().contains("no lines"), e.getMessage());
  }
}
