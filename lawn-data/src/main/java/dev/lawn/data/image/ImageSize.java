package dev.lawn.data.image;

import java.util.Locale;

/**
 * The height and width images are trained at: {@code --image-size H[xW]}.
 *
 * @param height pixels, >= 1
 * @param width pixels, >= 1
 */
public record ImageSize(int height, int width) {

  public ImageSize {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image size must be at least 1x1, got " + height + "x" + width);
    }
  }

  /**
   * Parses {@code H} (square) or {@code HxW}, e.g. {@code 32} or {@code 224x160}.
   *
   * @return null for a null or blank text (no size asked for)
   * @throws IllegalArgumentException naming {@code --image-size} for anything else
   */
  public static ImageSize parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 1) {
        int side = Integer.parseInt(parts[0].trim());
        return new ImageSize(side, side);
      }
      if (parts.length == 2) {
        return new ImageSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--image-size: " + e.getMessage());
    }
    throw new IllegalArgumentException("--image-size must be H or HxW in pixels (e.g. 32 or 224x160), got '" + text + "'");
  }

  /** {@code HxW}. */
  @Override
  public String toString() {
    return height + "x" + width;
  }
}
