package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.data.image.JpegDecoder;
import java.nio.file.Path;
import java.util.List;

/**
 * JPEG bytes decoded by {@link JpegDecoder} (TF's DecodeJpeg op), one decoder and graph for the whole
 * run. Each case decodes all three seeds, one of them corrupted. A decoded image must be finite and in
 * [0, 1]; what it shows is not checked (a corrupt but decodable JPEG shows something else).
 */
final class JpegDecoderTarget extends SeededTarget {

  static final int SIDE = 8;

  private final JpegDecoder decoder = new JpegDecoder(SIDE, SIDE, 3);

  JpegDecoderTarget() {
    super("jpeg-decoder", List.of(
        SeedFile.jpeg("baseline.jpg", JpegSeeds.jpeg(24, 16, false, false)),
        SeedFile.jpeg("progressive.jpg", JpegSeeds.jpeg(20, 20, false, true)),
        SeedFile.jpeg("grey.jpg", JpegSeeds.jpeg(16, 12, true, false))),
        Corruptor.forBinary(false), List.of("not a decodable JPEG"));
  }

  @Override
  public Object read(Path dir) {
    List<SeedFile> seeds = seeds();
    float[] out = new float[seeds.size() * decoder.imageSize()];
    for (int i = 0; i < seeds.size(); i++) {
      Path file = dir.resolve(seeds.get(i).name());
      decoder.decode(FuzzFiles.read(file), file, out, i * decoder.imageSize());
    }
    return out;
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    checkPixels((float[]) parsed);
  }

  static void checkPixels(float[] pixels) {
    for (int i = 0; i < pixels.length; i++) {
      float v = pixels[i];
      assertTrue(v >= 0f && v <= 1f, "pixel " + i + " is " + v);
    }
  }

  @Override
  public void close() {
    decoder.close();
  }
}
