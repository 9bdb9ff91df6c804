package dev.lawn.data.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdVocabularyTest {

  @TempDir Path dir;

  @Test
  void roundTripsIdsAndTitlesWithCommasAndQuotes() throws IOException {
    String[] titles = {"Heat, the (1995)", "", "Say \"Anything\" (1989)", "Amélie (2001)"};
    IdVocabulary v = new IdVocabulary(new int[] {7, 3, 1000}, new int[] {50, 2, 9, 11}, titles);
    v.write(dir);
    assertTrue(IdVocabulary.existsIn(dir));
    assertEquals("index,id,title", Files.readAllLines(dir.resolve(IdVocabulary.ITEMS_FILE)).get(0));
    assertEquals("0,50,\"Heat, the (1995)\"", Files.readAllLines(dir.resolve(IdVocabulary.ITEMS_FILE)).get(1));

    IdVocabulary back = IdVocabulary.read(dir);
    assertEquals(3, back.numUsers());
    assertEquals(4, back.numItems());
    for (int u = 0; u < 3; u++) {
      assertEquals(v.userId(u), back.userId(u));
      assertEquals(u, back.userIndex(v.userId(u)).getAsInt());
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(v.itemId(i), back.itemId(i));
      assertEquals(titles[i], back.itemTitle(i));
      assertEquals(i, back.itemIndex(v.itemId(i)).getAsInt());
    }
    assertFalse(back.userIndex(8).isPresent());
    assertTrue(back.hasTitles());
  }

  @Test
  void malformedFilesNameTheLine() throws IOException {
    new IdVocabulary(new int[] {1, 2}, new int[] {3}, null).write(dir);
    Files.writeString(dir.resolve(IdVocabulary.USERS_FILE), "index,id\n0,1\n2,2\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdVocabulary.read(dir));
    assertTrue(e.getMessage().contains("users.csv") && e.getMessage().contains("3"), e.getMessage());
    Files.writeString(dir.resolve(IdVocabulary.USERS_FILE), "index,id\n0,1\n1,1\n");
    assertTrue(assertThrows(DataFormatException.class, () -> IdVocabulary.read(dir)).getMessage().contains("twice"));
  }

  @Test
  void movieLensTitlesAreReadFromEachFormat() throws IOException {
    Files.write(dir.resolve("u.item"), List.of("1|Toy Story (1995)|01-Jan-1995||http://x|0|0", "2|GoldenEye (1995)|x"),
        StandardCharsets.ISO_8859_1);
    assertEquals(Map.of(1, "Toy Story (1995)", 2, "GoldenEye (1995)"), ItemTitles.find(dir));
    Files.delete(dir.resolve("u.item"));
    Files.writeString(dir.resolve("movies.csv"),
        "movieId,title,genres\n1,Toy Story (1995),Animation\n6,\"Heat, the \"\"Big\"\" (1995)\",Action\nbad line\n");
    assertEquals(Map.of(1, "Toy Story (1995)", 6, "Heat, the \"Big\" (1995)"), ItemTitles.find(dir));
    Path ml1m = Files.createDirectories(dir.resolve("ml-1m"));
    Files.write(ml1m.resolve("movies.dat"), List.of("1::Toy Story (1995)::Animation"), StandardCharsets.ISO_8859_1);
    assertEquals(Map.of(1, "Toy Story (1995)"), ItemTitles.find(ml1m));
    assertEquals(Map.of(), ItemTitles.find(dir.resolve("ml-1m/none")));
  }
}
