package dev.lawn.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a tiny MNIST-format data set (four IDX files) whose classes differ by where their pixels are bright. */
final class SyntheticImages {

  private SyntheticImages() {}

  /** Writes {@code dir/mnist/*-ubyte} with {@code side x side} images and returns {@code dir}. */
  static Path write(Path dir, int train, int test, int side, long seed) throws IOException {
    Random r = new Random(seed);
    Path folder = Files.createDirectories(dir.resolve("mnist"));
    write(folder, "train", train, side, r);
    write(folder, "t10k", test, side, r);
    return dir;
  }

  private static void write(Path folder, String split, int count, int side, Random r) throws IOException {
    ByteBuffer images = ByteBuffer.allocate(16 + count * side * side);
    images.putInt(0x803).putInt(count).putInt(side).putInt(side);
    ByteBuffer labels = ByteBuffer.allocate(8 + count);
    labels.putInt(0x801).putInt(count);
    for (int i = 0; i < count; i++) {
      int label = r.nextInt(10);
      labels.put((byte) label);
      for (int p = 0; p < side * side; p++) {
        // Class c lights up the band of rows around c; noise everywhere.
        boolean band = Math.abs(p / side * 10 / side - label) <= 1;
        images.put((byte) Math.min(255, r.nextInt(80) + (band ? 150 : 0)));
      }
    }
    Files.write(folder.resolve(split + "-images-idx3-ubyte"), images.array());
    Files.write(folder.resolve(split + "-labels-idx1-ubyte"), labels.array());
  }
}
