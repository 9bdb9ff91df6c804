package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.fuzz.JpegSeeds;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** A JPEG's size read in Java from its frame header: what TensorFlow reads, and a guard before it decodes. */
class JpegHeaderTest {

  private static final Path FILE = Path.of("img.jpg");

  @TempDir Path dir;

  /** TensorFlow's own reading of the header ({@code ExtractJpegShape}). */
  private static ImageSize tensorFlowSize(byte[] jpeg) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TString> in = tf.placeholder(TString.class);
      var shape = tf.image.extractJpegShape(in);
      try (Session s = new Session(g);
          TString t = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg));
          Result r = s.runner().feed(in, t).fetch(shape).run()) {
        TInt32 hwc = (TInt32) r.get(0);
        return new ImageSize(hwc.getInt(0), hwc.getInt(1));
      }
    }
  }

  /** The offset of the frame header's marker code (C0 or C2) in a JDK-written JPEG. */
  private static int frameHeader(byte[] jpeg) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
        return i + 1;
      }
    }
    throw new AssertionError("no SOF0/SOF2");
  }

  /** {@code jpeg} with {@code insert} put in at {@code at}. */
  private static byte[] spliced(byte[] jpeg, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, at);
    out.writeBytes(insert);
    out.write(jpeg, at, jpeg.length - at);
    return out.toByteArray();
  }

  @Test
  void readsWhatTensorFlowReads() {
    for (byte[] jpeg : new byte[][] {JpegSeeds.jpeg(24, 16, false, false), JpegSeeds.jpeg(20, 33, false, true),
        JpegSeeds.jpeg(16, 12, true, false), JpegSeeds.jpeg(300, 7, false, false)}) {
      assertEquals(tensorFlowSize(jpeg), JpegHeader.size(jpeg, FILE));
    }
  }

  @Test
  void straySegmentsAndBytesBeforeTheFrameHeaderAreSkipped() {
    byte[] jpeg = JpegSeeds.jpeg(24, 16, false, false);
    byte[] comment = {(byte) 0xFF, (byte) 0xFE, 0, 5, 'h', 'i', '!'};
    byte[] fill = {(byte) 0xFF, (byte) 0xFF};
    byte[] odd = spliced(spliced(jpeg, 2, comment), 2, fill);
    assertEquals(new ImageSize(16, 24), JpegHeader.size(odd, FILE));
    try (JpegDecoder decoder = new JpegDecoder(16, 24, 3)) {
      float[] out = new float[decoder.imageSize()];
      decoder.decode(odd, FILE, out, 0); // libjpeg decodes it too
    }
  }

  @Test
  void whatIsNotAJpegIsRefusedNamingTheByte() {
    byte[] jpeg = JpegSeeds.jpeg(24, 16, false, false);
    int sof = frameHeader(jpeg);
    DataFormatException e = assertThrows(DataFormatException.class, () -> JpegHeader.size(new byte[] {1, 2}, FILE));
    assertTrue(e.getMessage().contains("does not start with FF D8"), e.getMessage());
    assertEquals(FILE, e.file());
    e = assertThrows(DataFormatException.class, () -> JpegHeader.size(Arrays.copyOf(jpeg, sof - 4), FILE));
    assertTrue(e.getMessage().contains("not a decodable JPEG"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> JpegHeader.size(Arrays.copyOf(jpeg, sof + 5), FILE));
    assertTrue(e.getMessage().contains("frame header cut short"), e.getMessage());
    byte[] zero = jpeg.clone();
    zero[sof + 4] = 0;
    zero[sof + 5] = 0;
    e = assertThrows(DataFormatException.class, () -> JpegHeader.size(zero, FILE));
    assertTrue(e.getMessage().contains("declares 0x24"), e.getMessage());
    byte[] scanFirst = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2};
    e = assertThrows(DataFormatException.class, () -> JpegHeader.size(scanFirst, FILE));
    assertTrue(e.getMessage().contains("a scan before any frame header"), e.getMessage());
  }

  @Test
  void aDecompressionBombIsRefusedBeforeDecoding() {
    byte[] bomb = JpegSeeds.jpeg(24, 16, false, false);
    int sof = frameHeader(bomb);
    for (int at : new int[] {sof + 4, sof + 6}) { // height, then width: 65,535 x 65,535
      bomb[at] = (byte) 0xFF;
      bomb[at + 1] = (byte) 0xFF;
    }
    try (JpegDecoder decoder = new JpegDecoder(8, 8, 3)) {
      float[] out = new float[decoder.imageSize()];
      DataFormatException e = assertThrows(DataFormatException.class, () -> decoder.decode(bomb, FILE, out, 0));
      assertTrue(e.getMessage().contains("refused: it declares 65535x65535 pixels, more than the 100,000,000"),
          e.getMessage());
      assertEquals(FILE, e.file());
      e = assertThrows(DataFormatException.class,
          () -> decoder.decodeCrop(bomb, FILE, own -> new RandomResizedCrop.Box(0, 0, 8, 8), out, 0));
      assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
    byte[] large = JpegSeeds.jpeg(24, 16, false, false);
    large[sof + 4] = 0x27; // 10,000 x 10,000: exactly the limit, still read
    large[sof + 5] = 0x10;
    large[sof + 6] = 0x27;
    large[sof + 7] = 0x10;
    assertEquals(new ImageSize(10_000, 10_000), JpegDecoder.size(large, FILE));
  }

  @Test
  void aFolderReadsAHeaderBehindLargeSegments() throws Exception {
    byte[] jpeg = JpegSeeds.jpeg(24, 16, false, false);
    byte[] segment = new byte[40_000];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) 0xEF; // APP15
    segment[2] = (byte) (39_998 >> 8);
    segment[3] = (byte) (39_998 & 0xFF);
    byte[] late = spliced(spliced(jpeg, 2, segment), 2, segment); // the frame header past 64 KB
    assertTrue(frameHeader(late) > ImageFolderReader.HEADER_BYTES);
    Path file = Files.write(dir.resolve("late.jpg"), late);
    assertEquals(new ImageSize(16, 24), ImageFolderReader.headerSize(file));
    Path small = Files.write(dir.resolve("small.jpg"), jpeg);
    assertEquals(new ImageSize(16, 24), ImageFolderReader.headerSize(small));
    Path broken = Files.write(dir.resolve("broken.jpg"), Arrays.copyOf(late, 70_000));
    DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderReader.headerSize(broken));
    assertEquals(broken, e.file());
  }
}
