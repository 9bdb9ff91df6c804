package dev.lawn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lawn.data.image.ImageDataset;
import dev.lawn.data.image.ImageFolderReader;
import java.nio.file.Path;
import java.util.List;

/**
 * An ImageNet-style folder ({@code train/<class>/*.jpg}, {@code val/<class>/*.jpg}) read end to end
 * by {@link ImageFolderReader}, one JPEG corrupted per case. Each read builds its own TF graph and
 * session (about 10 ms here).
 */
final class ImageFolderTarget extends SeededTarget {

  ImageFolderTarget() {
    super("image-folder", List.of(
        SeedFile.jpeg("train/cat/1.jpg", JpegSeeds.jpeg(24, 16, false, false)),
        SeedFile.jpeg("train/dog/1.jpg", JpegSeeds.jpeg(16, 16, true, true)),
        SeedFile.jpeg("val/cat/2.jpeg", JpegSeeds.jpeg(12, 20, false, false))),
        Corruptor.forBinary(false), List.of("not a decodable JPEG", "file is empty"));
  }

  @Override
  public Object read(Path dir) {
    return ImageFolderReader.read(dir, JpegDecoderTarget.SIDE, JpegDecoderTarget.SIDE, 3);
  }

  @Override
  public void verifyParse(Path dir, Object parsed) {
    ImageDataset d = (ImageDataset) parsed;
    assertEquals(List.of("cat", "dog"), d.classNames());
    assertArrayEquals(new int[] {0, 1}, d.trainLabels());
    assertArrayEquals(new int[] {0}, d.testLabels());
    JpegDecoderTarget.checkPixels(d.trainImages());
    JpegDecoderTarget.checkPixels(d.testImages());
  }
}
