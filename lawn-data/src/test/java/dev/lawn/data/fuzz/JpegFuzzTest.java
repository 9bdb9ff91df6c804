package dev.lawn.data.fuzz;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutation fuzzing of JPEG decoding through TF's DecodeJpeg op: the decoder alone and a whole image folder. */
class JpegFuzzTest {

  /**
   * Random cases of the image-folder target in the regular run: each read builds a TF graph and
   * session, about 10-50 ms on this machine; the nightly run uses {@code lawn.fuzz.cases} for both.
   */
  static final int REGULAR_FOLDER_CASES = 200;

  @TempDir Path work;

  @Test
  void jpegDecoder() {
    FuzzSettings settings = FuzzSettings.fromSystemProperties(FuzzSettings.REGULAR_CASES);
    try (JpegDecoderTarget target = new JpegDecoderTarget()) {
      FuzzAssertions.assertCleanUnlocated(FuzzCampaign.run(target, settings, work));
    }
  }

  @Test
  void imageFolder() {
    FuzzSettings settings = FuzzSettings.fromSystemProperties(REGULAR_FOLDER_CASES);
    FuzzAssertions.assertCleanUnlocated(FuzzCampaign.run(new ImageFolderTarget(), settings, work));
  }
}
