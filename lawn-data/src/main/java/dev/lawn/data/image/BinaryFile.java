package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The bytes of a binary data file, transparently gunzipped when it starts with the gzip magic. */
record BinaryFile(Path path, byte[] bytes, boolean gzipped) {

  static BinaryFile read(Path path) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    if (raw.length == 0) {
      throw DataFormatException.inFile(path, "file is empty");
    }
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
        byte[] data = in.readAllBytes();
        if (data.length == 0) {
          throw DataFormatException.inFile(path, "gzip stream is empty");
        }
        return new BinaryFile(path, data, true);
      } catch (IOException e) {
        // An EOFException has no message: its class says what happened.
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw DataFormatException.inFile(path, "corrupt or truncated gzip data: " + why, e);
      }
    }
    return new BinaryFile(path, raw, false);
  }

  /** An error at a byte offset, saying whether the offset is in the decompressed stream. */
  DataFormatException errorAt(long offset, String problem) {
    return DataFormatException.atOffset(path, offset, problem + (gzipped ? " (offset in the decompressed data)" : ""));
  }

  int u8(int offset) {
    return bytes[offset] & 0xFF;
  }

  int u32(int offset) {
    return (u8(offset) << 24) | (u8(offset + 1) << 16) | (u8(offset + 2) << 8) | u8(offset + 3);
  }
}
