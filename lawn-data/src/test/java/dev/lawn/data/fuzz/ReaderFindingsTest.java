package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.rec.NcfFilesReader;
import dev.lawn.data.rec.RatingsFormat;
import dev.lawn.data.rec.RatingsReader;
import dev.lawn.data.rec.SplitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
