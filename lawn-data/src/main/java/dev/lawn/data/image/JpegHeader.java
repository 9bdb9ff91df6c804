package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The stored size of a JPEG, read from its frame header (SOF marker) in Java: no pixel is decoded and
 * no native code runs, so a file's size can be checked before TensorFlow allocates for it. As tolerant
 * as libjpeg of stray bytes between markers; anything it could not decode either (no start-of-image,
 * no frame header before the scan, a header cut short, a zero side) is refused, naming the file and
 * the byte, and so is a header declaring more than {@link JpegDecoder#MAX_PIXELS} pixels.
 */
final class JpegHeader {

  private JpegHeader() {}

  /**
   * The height and width a frame header declares.
   *
   * @throws DataFormatException naming {@code file} and the byte offset, for bytes that are not a JPEG
   *     with a frame header
   */
  static ImageSize size(byte[] jpeg, Path file) {
    if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      throw DataFormatException.atOffset(file, 0, "not a decodable JPEG: it does not start with FF D8");
    }
    int pos = 2;
    while (true) {
      // A marker is FF, any FF fill bytes, then its code; other bytes before it are skipped, as libjpeg does.
      while (pos < jpeg.length && (jpeg[pos] & 0xFF) != 0xFF) {
        pos++;
      }
      while (pos < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos >= jpeg.length) {
        throw DataFormatException.atOffset(file, jpeg.length, "not a decodable JPEG: no frame header (SOF)");
      }
      int marker = jpeg[pos] & 0xFF;
      int at = pos - 1;
      pos++;
      if (marker == 0xD9 || marker == 0xDA) {
        throw DataFormatException.atOffset(file, at, "not a decodable JPEG: "
            + (marker == 0xDA ? "a scan" : "the end of the image") + " before any frame header (SOF)");
      }
      if (marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // TEM, a stuffed zero, restart markers: no length
      }
      if (pos + 2 > jpeg.length) {
        throw DataFormatException.atOffset(file, pos, "not a decodable JPEG: cut short in a marker's length");
      }
      int length = ((jpeg[pos] & 0xFF) << 8) | (jpeg[pos + 1] & 0xFF);
      if (length < 2) {
        throw DataFormatException.atOffset(file, pos, "not a decodable JPEG: marker length " + length);
      }
      if (isFrameHeader(marker)) {
        if (length < 8 || pos + 7 > jpeg.length) {
          throw DataFormatException.atOffset(file, pos, "not a decodable JPEG: frame header cut short");
        }
        int height = ((jpeg[pos + 3] & 0xFF) << 8) | (jpeg[pos + 4] & 0xFF);
        int width = ((jpeg[pos + 5] & 0xFF) << 8) | (jpeg[pos + 6] & 0xFF);
        if (height == 0 || width == 0) {
          throw DataFormatException.atOffset(file, pos + 3, "not a decodable JPEG: frame header declares "
              + height + "x" + width);
        }
        if ((long) height * width > JpegDecoder.MAX_PIXELS) {
          throw DataFormatException.atOffset(file, pos + 3, "refused: it declares " + height + "x" + width
              + " pixels, more than the " + String.format(Locale.ROOT, "%,d", JpegDecoder.MAX_PIXELS)
              + " lawn decodes (a decompression bomb, or an image to shrink before training)");
        }
        return new ImageSize(height, width);
      }
      pos += length;
    }
  }

  /** SOF0-SOF15, but DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
