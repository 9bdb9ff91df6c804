package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsReaderTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsEachMovieLensLayout() throws IOException {
    Interactions a = RatingsReader.read(write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n\n"),
        RatingsFormat.MOVIELENS_100K);
    assertEquals(2, a.size());
    assertEquals(186, a.user(1));
    assertEquals(302, a.item(1));
    assertEquals(891717742L, a.timestamp(1));
    assertEquals(2, a.line(1));

    Interactions b = RatingsReader.read(write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"),
        RatingsFormat.MOVIELENS_1M);
    assertEquals(661, b.item(1));

    Interactions c = RatingsReader.read(
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n"),
        RatingsFormat.MOVIELENS_LATEST);
    assertEquals(2, c.size());
    assertEquals(3, c.item(1));
    assertEquals(3, c.line(1), "line numbers count the header");
  }

  @Test
  void wrongColumnCountNamesFileAndLine() throws IOException {
    Path p = write("u.data", "1\t2\t3\t4\n1\t2\t3\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(p, RatingsFormat.MOVIELENS_100K));
    assertEquals(2, e.line().getAsLong());
    assertEquals(p, e.file());
    assertTrue(e.getMessage().startsWith(p + ":2:"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 4 columns"), e.getMessage());
    assertTrue(e.getMessage().contains("found 3"), e.getMessage());

    Path q = write("ratings.dat", "1::2::3::4::5\n");
    assertTrue(assertThrows(DataFormatException.class, () -> RatingsReader.read(q, RatingsFormat.MOVIELENS_1M))
        .getMessage().contains("found 5"));
  }

  @Test
  void nonNumericIdNamesColumnAndValue() throws IOException {
    Path p = write("ratings.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n1,abc,3,4\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(p, RatingsFormat.MOVIELENS_LATEST));
    assertEquals(3, e.line().getAsLong());
    assertTrue(e.getMessage().contains("item id (column 2) is 'abc'"), e.getMessage());

    Path q = write("u.data", "x1\t2\t3\t4\n");
    assertTrue(assertThrows(DataFormatException.class, () -> RatingsReader.read(q, RatingsFormat.MOVIELENS_100K))
        .getMessage().contains("user id (column 1) is 'x1'"));
    Path r = write("u2.data", "1\t2\tgood\t4\n");
    assertTrue(assertThrows(DataFormatException.class, () -> RatingsReader.read(r, RatingsFormat.MOVIELENS_100K))
        .getMessage().contains("rating (column 3)"));
  }

  @Test
  void emptyFileAndBadHeaderAreRejected() throws IOException {
    Path empty = write("empty.data", "");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(empty, RatingsFormat.MOVIELENS_100K));
    assertTrue(e.getMessage().contains("no interactions") && e.getMessage().contains("empty.data"), e.getMessage());

    Path emptyCsv = write("empty.csv", "");
    assertTrue(assertThrows(DataFormatException.class,
        () -> RatingsReader.read(emptyCsv, RatingsFormat.MOVIELENS_LATEST)).getMessage().contains("empty"));

    Path headerOnly = write("h.csv", "userId,movieId,rating,timestamp\n");
    assertThrows(DataFormatException.class, () -> RatingsReader.read(headerOnly, RatingsFormat.MOVIELENS_LATEST));

    Path noHeader = write("n.csv", "1,2,3,4\n");
    DataFormatException h = assertThrows(DataFormatException.class,
        () -> RatingsReader.read(noHeader, RatingsFormat.MOVIELENS_LATEST));
    assertEquals(1, h.line().getAsLong());
    assertTrue(h.getMessage().contains("expected 'userId,movieId,rating,timestamp'"), h.getMessage());
  }
}
