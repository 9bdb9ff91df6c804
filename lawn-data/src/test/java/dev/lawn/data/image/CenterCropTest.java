package dev.lawn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CenterCropTest {

  /** Two 8x6x1 images: the first's pixel is its column, the second's 10 times its row. */
  private static float[] ramps() {
    float[] x = new float[2 * 48];
    for (int y = 0; y < 8; y++) {
      for (int c = 0; c < 6; c++) {
        x[y * 6 + c] = c;
        x[48 + y * 6 + c] = 10f * y;
      }
    }
    return x;
  }

  @Test
  void theWholeImageIsItself() {
    float[] x = ramps();
    float[] y = x.clone();
    new CenterCrop(1.0).applyTo(y, 2, 8, 6, 1);
    assertArrayEquals(x, y);
  }

  @Test
  void theCentralHalfIsSampledAsAFloat64ReferenceSays() {
    float[] x = ramps();
    CenterCrop crop = new CenterCrop(0.5);
    assertEquals(new RandomResizedCrop.Box(2, 1, 4, 3), crop.box(8, 6));
    crop.applyTo(x, 2, 8, 6, 1);
    for (int y = 0; y < 8; y++) {
      double row = Math.max(2, Math.min(5, 2 + (y + 0.5) * 4 / 8.0 - 0.5));
      for (int c = 0; c < 6; c++) {
        double col = Math.max(1, Math.min(3, 1 + (c + 0.5) * 3 / 6.0 - 0.5));
        assertEquals(col, x[y * 6 + c], 1e-5, "first image at " + y + "," + c);
        assertEquals(10 * row, x[48 + y * 6 + c], 1e-4, "second image at " + y + "," + c);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new CenterCrop(0));
    assertThrows(IllegalArgumentException.class, () -> new CenterCrop(1.5));
  }
}
