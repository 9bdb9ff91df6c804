package dev.lawn.train.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes scalar summaries to a TensorBoard events file with TensorFlow's own summary ops ({@code
 * CreateSummaryFileWriter}, {@code WriteScalarSummary}, {@code FlushSummaryWriter}, {@code
 * CloseSummaryWriter}), so the file format is TensorFlow's by construction.
 *
 * <p>The writer owns a small graph and session of its own, separate from the training graph: the
 * summary writer is a resource op, and keeping it out of the training graph keeps it out of
 * checkpoints and exports. Each {@link #scalar} call is one session run with tag, step and value
 * fed through placeholders (0.13-0.6 ms measured on a busy 2-core CPU). TensorFlow writes the
 * queue to disk every {@value #FLUSH_MILLIS} ms or {@value #MAX_QUEUE} queued events; {@link
 * #flush()} forces it. Writing out is the expensive part: with a queue of 10 a call cost about
 * three times as much.
 */
public final class TensorBoardWriter implements AutoCloseable {

  /** Subdirectory of the run directory that {@link #inRunDir} writes to. */
  public static final String SUBDIR = "tensorboard";
  /** Events queued before TensorFlow writes them out. */
  public static final int MAX_QUEUE = 100;
  /** Longest time TensorFlow keeps events before writing them out. */
  public static final int FLUSH_MILLIS = 10_000;
  /** Suffix of the events file name (TensorFlow 2 uses the same). */
  public static final String FILENAME_SUFFIX = ".v2";

  private final Path logDir;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TString> tag;
  private final Placeholder<TInt64> step;
  private final Placeholder<TFloat32> value;
  private final Op writeScalar;
  private final Op flushWriter;
  private final Op closeWriter;
  private boolean closed;

  /** Writer for {@code runDir/tensorboard}. */
  public static TensorBoardWriter inRunDir(Path runDir) throws IOException {
    return new TensorBoardWriter(runDir.resolve(SUBDIR));
  }

  /**
   * Creates {@code logDir} if needed and opens a new events file in it.
   *
   * @throws IOException if the directory cannot be created or TensorFlow cannot open the file
   */
  public TensorBoardWriter(Path logDir) throws IOException {
    this.logDir = logDir;
    Files.createDirectories(logDir);
    graph = new Graph();
    Op create;
    try {
      Ops tf = Ops.create(graph);
      tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("lawn_scalars"));
      create =
          tf.summary.createSummaryFileWriter(
              writer,
              tf.constant(logDir.toAbsolutePath().toString()),
              tf.constant(MAX_QUEUE),
              tf.constant(FLUSH_MILLIS),
              tf.constant(FILENAME_SUFFIX));
      writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
      flushWriter = tf.summary.flushSummaryWriter(writer);
      closeWriter = tf.summary.closeSummaryWriter(writer);
      session = new Session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    try {
      session.run(create);
    } catch (RuntimeException e) {
      session.close();
      graph.close();
      throw new IOException("cannot open a TensorBoard events file in " + logDir + ": " + e.getMessage(), e);
    }
  }

  /** The directory holding the events file. */
  public Path logDir() {
    return logDir;
  }

  /**
   * Queues one scalar.
   *
   * @param name tag shown by TensorBoard, e.g. {@code train/loss}
   * @param globalStep x-axis value
   * @param scalar the value (NaN and infinities are written as they are)
   */
  public synchronized void scalar(String name, long globalStep, float scalar) {
    checkOpen();
    try (TString t = TString.scalarOf(name);
        TInt64 s = TInt64.scalarOf(globalStep);
        TFloat32 v = TFloat32.scalarOf(scalar)) {
      session.runner().feed(tag, t).feed(step, s).feed(value, v).addTarget(writeScalar).run().close();
    }
  }

  /** Writes queued events to disk. */
  public synchronized void flush() {
    checkOpen();
    session.run(flushWriter);
  }

  /** Flushes, closes the events file and releases the graph and session; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.run(closeWriter); // CloseSummaryWriter flushes first
    } finally {
      session.close();
      graph.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("TensorBoardWriter for " + logDir + " is closed");
    }
  }
}
