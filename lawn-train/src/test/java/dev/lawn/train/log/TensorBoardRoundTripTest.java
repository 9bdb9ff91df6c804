package dev.lawn.train.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class TensorBoardRoundTripTest {

  @TempDir Path runDir;

  private Path writeSampleRun() throws IOException {
    try (TensorBoardWriter writer = TensorBoardWriter.inRunDir(runDir)) {
      for (int step = 0; step < 25; step++) {
        writer.scalar("train/loss", step, 1f / (step + 1));
        if (step % 5 == 0) {
          writer.scalar("eval/accuracy", step, 0.5f + step / 100f);
        }
      }
      writer.scalar("train/loss", 25, Float.NaN);
      writer.flush();
    }
    List<Path> files = EventFileReader.eventFiles(runDir.resolve(TensorBoardWriter.SUBDIR));
    assertEquals(1, files.size(), "one events file per writer");
    assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."));
    return files.get(0);
  }

  @Test
  void scalarsWrittenByTensorFlowReadBackExactly() throws IOException {
    Path file = writeSampleRun();
    List<Event> events = EventFileReader.readEvents(file);
    assertEquals("brain.Event:2", events.get(0).getFileVersion());

    List<ScalarEvent> scalars = EventFileReader.readScalars(file);
    List<ScalarEvent> loss = scalars.stream().filter(s -> s.tag().equals("train/loss")).toList();
    List<ScalarEvent> acc = scalars.stream().filter(s -> s.tag().equals("eval/accuracy")).toList();
    assertEquals(26, loss.size());
    assertEquals(5, acc.size());
    for (int step = 0; step < 25; step++) {
      assertEquals(step, loss.get(step).step());
      assertEquals(1f / (step + 1), loss.get(step).value());
    }
    assertTrue(Float.isNaN(loss.get(25).value()));
    assertEquals(20, acc.get(4).step());
    assertEquals(0.7f, acc.get(4).value());
    assertTrue(loss.get(0).wallTime() > 1.6e9, "wall time is seconds since the epoch");
  }

  @Test
  void aCorruptedDataByteIsDetected() throws IOException {
    Path file = writeSampleRun();
    byte[] bytes = Files.readAllBytes(file);
    byte[] corrupted = Arrays.copyOf(bytes, bytes.length);
    corrupted[bytes.length - 10] ^= 0x01; // inside the data of the last record
    Files.write(file, corrupted);
    CorruptEventFileException e =
        assertThrows(CorruptEventFileException.class, () -> EventFileReader.readScalars(file));
    assertTrue(e.getMessage().contains("data checksum"), e.getMessage());
    assertEquals(file, e.file());
  }

  @Test
  void aCorruptedLengthByteIsDetected() throws IOException {
    Path file = writeSampleRun();
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 0x04; // length of the first record
    Files.write(file, bytes);
    CorruptEventFileException e =
        assertThrows(CorruptEventFileException.class, () -> EventFileReader.readEvents(file));
    assertTrue(e.getMessage().contains("length checksum"), e.getMessage());
    assertEquals(0, e.offset());
  }

  @Test
  void aTruncatedFileIsDetected() throws IOException {
    Path file = writeSampleRun();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    CorruptEventFileException e =
        assertThrows(CorruptEventFileException.class, () -> EventFileReader.readEvents(file));
    assertTrue(e.getMessage().contains("past the end"), e.getMessage());
  }

  @Test
  void crc32cMatchesTheStandardCheckValue() {
    // CRC-32C check value of "123456789" (RFC 3720).
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32C jdk = new java.util.zip.CRC32C();
    jdk.update(check);
    assertEquals(0xE3069283, (int) jdk.getValue());
    int crc = 0xE3069283;
    assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, EventFileReader.maskedCrc32c(check, 0, 9));
  }

  @Test
  void manyScalarsAreCheapAndAllArrive() throws IOException {
    int n = 500;
    long start;
    long elapsed;
    try (TensorBoardWriter writer = new TensorBoardWriter(runDir.resolve("tb"))) {
      writer.scalar("warmup", 0, 0f);
      start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        writer.scalar("lr", i, i * 1e-4f);
      }
      elapsed = System.nanoTime() - start;
    }
    System.out.printf("TensorBoardWriter.scalar: %.1f us per call (%d calls)%n", elapsed / 1e3 / n, n);
    List<ScalarEvent> lr =
        EventFileReader.readScalarsInDirectory(runDir.resolve("tb")).stream()
            .filter(s -> s.tag().equals("lr"))
            .toList();
    assertEquals(n, lr.size());
    assertEquals(499 * 1e-4f, lr.get(n - 1).value());
  }

  @Test
  void writerRefusesUseAfterClose() throws IOException {
    TensorBoardWriter writer = new TensorBoardWriter(runDir.resolve("tb"));
    writer.close();
    writer.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> writer.scalar("x", 0, 1f));
  }
}
