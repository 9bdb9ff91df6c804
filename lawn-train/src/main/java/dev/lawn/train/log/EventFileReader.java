package dev.lawn.train.log;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;

/**
 * Reads TensorBoard events files back, for tests and tools.
 *
 * <p>An events file is a sequence of TFRecords: {@code uint64 length}, {@code uint32 masked
 * CRC32C(length bytes)}, {@code length} bytes of a serialized {@code Event} proto, {@code uint32
 * masked CRC32C(data)}, all little-endian. Both checksums are verified; a mismatch, or a file that
 * ends inside a record, throws {@link CorruptEventFileException} naming the file and byte offset.
 */
public final class EventFileReader {

  /** Marker in the file names TensorFlow gives events files. */
  public static final String FILE_MARKER = "tfevents";

  private static final int MASK_DELTA = 0xa282ead8;
  private static final int HEADER_BYTES = Long.BYTES + Integer.BYTES;

  private EventFileReader() {}

  /** Every event of one file, in file order. */
  public static List<Event> readEvents(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (bytes.hasRemaining()) {
      int start = bytes.position();
      if (bytes.remaining() < HEADER_BYTES) {
        throw new CorruptEventFileException(file, start, "file ends inside a record header");
      }
      long length = bytes.getLong(start);
      if (bytes.getInt(start + Long.BYTES) != maskedCrc32c(bytes.array(), start, Long.BYTES)) {
        throw new CorruptEventFileException(file, start, "length checksum mismatch");
      }
      if (length < 0 || length > bytes.remaining() - HEADER_BYTES - Integer.BYTES) {
        throw new CorruptEventFileException(
            file, start, "record of " + length + " bytes runs past the end of the file");
      }
      int dataStart = start + HEADER_BYTES;
      int dataEnd = dataStart + (int) length;
      if (bytes.getInt(dataEnd) != maskedCrc32c(bytes.array(), dataStart, (int) length)) {
        throw new CorruptEventFileException(file, start, "data checksum mismatch");
      }
      try {
        events.add(Event.parseFrom(ByteBuffer.wrap(bytes.array(), dataStart, (int) length)));
      } catch (InvalidProtocolBufferException e) {
        throw new CorruptEventFileException(file, start, "not an Event proto: " + e.getMessage());
      }
      bytes.position(dataEnd + Integer.BYTES);
    }
    return events;
  }

  /**
   * Scalar summaries of one file: values stored as {@code simple_value} (what {@code
   * WriteScalarSummary} writes) or as a scalar float/double tensor (what TF2's Python writer writes).
   * Other summaries are skipped.
   */
  public static List<ScalarEvent> readScalars(Path file) throws IOException {
    List<ScalarEvent> scalars = new ArrayList<>();
    for (Event event : readEvents(file)) {
      if (!event.hasSummary()) {
        continue; // e.g. the leading file_version event
      }
      for (Summary.Value v : event.getSummary().getValueList()) {
        Float value = scalarOf(v);
        if (value != null) {
          scalars.add(new ScalarEvent(v.getTag(), event.getStep(), value, event.getWallTime()));
        }
      }
    }
    return scalars;
  }

  /** Scalars of every events file in a directory (not recursive), files in name order. */
  public static List<ScalarEvent> readScalarsInDirectory(Path dir) throws IOException {
    List<ScalarEvent> scalars = new ArrayList<>();
    for (Path file : eventFiles(dir)) {
      scalars.addAll(readScalars(file));
    }
    return scalars;
  }

  /** Events files of a directory (names containing {@value #FILE_MARKER}), in name order. */
  public static List<Path> eventFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().contains(FILE_MARKER) && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  /** TFRecord's masked CRC32C: rotate right by 15 bits and add a constant. */
  static int maskedCrc32c(byte[] data, int offset, int length) {
    java.util.zip.CRC32C checksum = new java.util.zip.CRC32C();
    checksum.update(data, offset, length);
    int crc = (int) checksum.getValue();
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  private static Float scalarOf(Summary.Value v) {
    if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
      return v.getSimpleValue();
    }
    if (v.getValueCase() != Summary.Value.ValueCase.TENSOR) {
      return null;
    }
    TensorProto t = v.getTensor();
    if (t.getTensorShape().getDimCount() != 0) {
      return null;
    }
    if (t.getFloatValCount() == 1) {
      return t.getFloatVal(0);
    }
    if (t.getDoubleValCount() == 1) {
      return (float) t.getDoubleVal(0);
    }
    ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return switch (t.getDtype()) {
      case DT_FLOAT -> content.remaining() == Float.BYTES ? content.getFloat() : null;
      case DT_DOUBLE -> content.remaining() == Double.BYTES ? (float) content.getDouble() : null;
      default -> null;
    };
  }
}
