package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.nio.file.Path;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Decodes JPEG bytes with TensorFlow's {@code DecodeJpeg} op in a small graph of its own, resizes
 * them bilinearly to a fixed size and scales pixels to [0, 1]: the decoding a TF model would see in
 * Python. Not thread-safe; one decoder per thread.
 *
 * <p>A file's frame header is read first ({@link #size}), and a file declaring more than
 * {@link #MAX_PIXELS} pixels is refused before TensorFlow allocates for it: a JPEG of a few hundred
 * bytes may declare 65,535 x 65,535 pixels, 12 GB decoded (a decompression bomb).
 */
public final class JpegDecoder implements AutoCloseable {

  /**
   * The most pixels a JPEG may declare to be decoded: 100 megapixels, 300 MB as RGB bytes, far above
   * the images a classifier trains on and far below what a bomb declares.
   */
  public static final long MAX_PIXELS = 100_000_000L;

  private final int height;
  private final int width;
  private final int channels;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TString> contents;
  private final Operand<TFloat32> pixels;
  /** {@code [top, left, height, width]} of the box {@link #croppedPixels} decodes. */
  private final Placeholder<TInt32> window;
  private final Operand<TFloat32> croppedPixels;

  /**
   * @param height output height
   * @param width output width
   * @param channels 1 (grey) or 3 (RGB); DecodeJpeg converts as needed
   */
  public JpegDecoder(int height, int width, int channels) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      contents = tf.placeholder(TString.class);
      pixels = scaled(tf, tf.image.decodeJpeg(contents, DecodeJpeg.channels((long) channels)));
      window = tf.placeholder(TInt32.class);
      // Decodes only the box's blocks (what TF's Inception pipeline does before resizing a crop).
      croppedPixels = scaled(tf,
          tf.image.decodeAndCropJpeg(contents, window, DecodeAndCropJpeg.channels((long) channels)));
      session = new Session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The decoded bytes resized bilinearly (half-pixel centres) to the output size, in [0, 1]. */
  private Operand<TFloat32> scaled(Ops tf, Operand<TUint8> decoded) {
    Operand<TFloat32> resized = tf.image.resizeBilinear(tf.expandDims(tf.dtypes.cast(decoded, TFloat32.class),
        tf.constant(0)), tf.constant(new int[] {height, width}), ResizeBilinear.halfPixelCenters(true));
    return tf.math.mul(resized, tf.constant(1f / 255f));
  }

  /** Floats per decoded image. */
  public int imageSize() {
    return height * width * channels;
  }

  /**
   * Decodes one image into {@code out[offset, offset + imageSize())}, HWC.
   *
   * @param file named in the error when the bytes are not a decodable JPEG
   */
  public void decode(byte[] jpeg, Path file, float[] out, int offset) {
    size(jpeg, file);
    try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg));
        Result result = session.runner().feed(contents, input).fetch(pixels).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out, offset, imageSize());
    } catch (IllegalArgumentException | TensorFlowException e) {
      // TF reports undecodable input as TFInvalidArgumentException, an IllegalArgumentException.
      throw DataFormatException.inFile(file, "not a decodable JPEG: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Decodes a box of one image, {@code boxOf} the file's own size (read from its header, which is
   * checked as {@link #size} checks it), into {@code out[offset, offset + imageSize())}, HWC, resized
   * to the output size: a crop cut from the original, not from the image at its training size.
   *
   * @param file named in the error when the bytes are not a decodable JPEG or the box does not fit
   */
  void decodeCrop(byte[] jpeg, Path file, Function<ImageSize, RandomResizedCrop.Box> boxOf, float[] out, int offset) {
    RandomResizedCrop.Box box = boxOf.apply(size(jpeg, file));
    try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg));
        TInt32 crop = TInt32.vectorOf(box.top(), box.left(), box.height(), box.width());
        Result result = session.runner().feed(contents, input).feed(window, crop).fetch(croppedPixels).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out, offset, imageSize());
    } catch (IllegalArgumentException | TensorFlowException e) {
      throw DataFormatException.inFile(file, "not a decodable JPEG, or crop " + box + " outside it: "
          + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The stored size of a JPEG, from its frame header (nothing is decoded, no native code runs).
   *
   * @param file named in the error when the bytes are not a JPEG
   * @throws DataFormatException naming the file for bytes that are not a JPEG, or that declare more
   *     than {@link #MAX_PIXELS} pixels
   */
  public static ImageSize size(byte[] jpeg, Path file) {
    return JpegHeader.size(jpeg, file);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
