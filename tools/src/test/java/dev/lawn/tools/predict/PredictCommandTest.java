package dev.lawn.tools.predict;

import static dev.lawn.tools.LawnRun.lawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.tools.LawnRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lawn train} on image folders of one and of several sizes, and {@code lawn predict} end to end. */
class PredictCommandTest {

  static void jpeg(Path file, int w, int h, int shade) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(file.toString().hashCode());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = Math.min(255, shade + r.nextInt(60));
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    ImageIO.write(img, "jpg", file.toFile());
  }

  static String[] train(Path data, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "small-cnn", "--data", "image-folder",
        "--data-dir", data.toString(), "--optimizer", "adam", "--batch-size", "8", "--warmup-epochs", "0",
        "--width-multiplier", "0.25", "--threads", "1", "--out", out.toString()));
    if (!List.of(extra).contains("--epochs")) {
      args.addAll(List.of("--epochs", "1"));
    }
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void imageFolderOfMixedSizesNeedsImageSizeAndWritesNothing(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("images");
    jpeg(data.resolve("train/a/1.jpg"), 32, 32, 0);
    jpeg(data.resolve("val/a/2.jpg"), 32, 32, 0);
    jpeg(data.resolve("train/b/3.jpg"), 24, 16, 150);
    Path run = dir.resolve("run");
    LawnRun o = lawn(train(data, run));
    assertEquals(1, o.code(), o.err());
    List<String> lines = o.err().lines().toList();
    assertEquals(1, lines.size(), o.err());
    assertTrue(lines.get(0).startsWith("lawn train: the images in " + data + " differ in size: 32x32 (2 images"),
        lines.get(0));
    assertTrue(lines.get(0).contains("16x24 (1 image"), lines.get(0));
    assertTrue(lines.get(0).contains("--image-size"), lines.get(0));
    assertFalse(Files.exists(run), "nothing is written for a rejected command");

    lawn(train(data, run, "--image-size", "8x12")).ok();
    assertTrue(Files.readString(run.resolve("model.json")).contains("\"height\" : 8"));

    // A flat folder has no test split: one line says what to do.
    Path flat = dir.resolve("flat");
    jpeg(flat.resolve("a/1.jpg"), 8, 8, 0);
    jpeg(flat.resolve("b/1.jpg"), 8, 8, 200);
    LawnRun noTest = lawn(train(flat, dir.resolve("flat-run")));
    assertEquals(1, noTest.code());
    assertTrue(noTest.err().contains("has no test split") && noTest.err().contains("--validation"), noTest.err());
    LawnRun bad = lawn(train(data, dir.resolve("bad"), "--image-size", "8x"));
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("--image-size must be H or HxW"), bad.err());
  }

  @Test
  void classifierPredictionsAsCsvAndJson(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("images");
    for (int i = 0; i < 6; i++) {
      jpeg(data.resolve("train/dark/" + i + ".jpg"), 10, 10, 10);
      jpeg(data.resolve("train/light/" + i + ".jpg"), 10, 10, 180);
    }
    jpeg(data.resolve("val/dark/v.jpg"), 10, 10, 10);
    jpeg(data.resolve("val/light/v.jpg"), 10, 10, 180);
    Path run = dir.resolve("run");
    lawn(train(data, run, "--epochs", "2")).ok();
    assertTrue(Files.readString(run.resolve("model.json")).contains("\"height\" : 10"), "trained at the images' own size");

    LawnRun csv = lawn("predict", run.toString(), "--images", data.resolve("val").toString()).ok();
    List<String> rows = csv.out().lines().toList();
    assertEquals("source,label,class,probability,p_dark,p_light", rows.get(0));
    assertEquals(3, rows.size(), csv.out());
    assertTrue(rows.get(1).startsWith("dark" + java.io.File.separator + "v.jpg,dark,"), rows.get(1));
    assertTrue(csv.err().contains("accuracy"), csv.err());

    Path json = dir.resolve("p.json");
    lawn("predict", run.toString(), "--images", data.resolve("val").toString(), "--format", "json",
        "--out", json.toString()).ok();
    JsonNode parsed = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, parsed.size());
    assertEquals(1.0, parsed.get(0).get("p_dark").asDouble() + parsed.get(0).get("p_light").asDouble(), 1e-5);

    LawnRun wrong = lawn("predict", run.toString(), "--users", "1");
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("not a recommender: give images (--images) instead of --users"), wrong.err());
  }

  @Test
  void recommenderTopKFromTheRunAndFromItsExportAgree(@TempDir Path dir) throws IOException {
    Random r = new Random(1);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 30; u++) {
      for (int k = 0; k < 12; k++) {
        s.append(u * 10).append('\t').append(1 + (u * 7 + k * 13 + r.nextInt(3)) % 140).append("\t4\t")
            .append(880000000 + k * 100).append('\n');
      }
    }
    Path ml = Files.createDirectories(dir.resolve("data/ml-100k"));
    Files.writeString(ml.resolve("u.data"), s.toString());
    Files.writeString(ml.resolve("u.item"), "8|Eight, the film (1994)|x\n");
    Path run = dir.resolve("run");
    lawn("train", "--model", "ncf-mlp", "--data", "movielens-100k", "--data-dir",
        dir.resolve("data").toString(), "--optimizer", "adam", "--batch-size", "256", "--epochs", "1",
        "--warmup-epochs", "0", "--threads", "1", "--out", run.toString()).ok();
    assertTrue(Files.readString(run.resolve("vocabulary/users.csv")).startsWith("index,id\n0,10\n1,20\n"));

    LawnRun fromRun = lawn("predict", run.toString(), "--users", "10,300", "--k", "3").ok();
    List<String> rows = fromRun.out().lines().toList();
    assertEquals("user,rank,item,title,score", rows.get(0));
    assertEquals(7, rows.size(), fromRun.out());
    assertTrue(rows.get(1).startsWith("10,1,") && rows.get(4).startsWith("300,1,"), fromRun.out());

    assertEquals(0, lawn("export", run.toString()).code());
    LawnRun fromExport = lawn("predict", run.resolve("saved_model").toString(), "--users", "10,300", "--k", "3");
    assertEquals(fromRun.out(), fromExport.out());
    LawnRun all = lawn("predict", run.toString(), "--users", "10", "--k", "1000");
    assertTrue(all.out().contains("\"Eight, the film (1994)\""), "titles come from u.item, quoted");

    LawnRun unknown = lawn("predict", run.toString(), "--users", "11");
    assertEquals(1, unknown.code());
    assertEquals(1, unknown.err().lines().count(), unknown.err());
    assertTrue(unknown.err().contains("user 11 is not in the model's vocabulary (30 users, ids 10 .. 300)"), unknown.err());
    LawnRun both = lawn("predict", run.toString(), "--users", "10", "--images", dir.toString());
    assertTrue(both.code() == 1 && both.err().contains("either --users"), both.err());
  }
}
