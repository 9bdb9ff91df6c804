package dev.lawn.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lawn.data.DataFormatException;
import dev.lawn.data.image.IdxReader;
import dev.lawn.data.image.CenterCrop;
import dev.lawn.data.image.ImageFolderReader;
import dev.lawn.data.image.ImageResizer;
import dev.lawn.data.image.ImageSize;
import dev.lawn.data.image.JpegDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Class predictions from an exported classifier: images are read as in training (JPEGs decoded by
 * TensorFlow and resized to the model's input size, IDX bytes scaled to [0, 1]), normalized with
 * the run's per-channel statistics (from the export's {@code model.json}) and passed through the
 * serving signature ({@value SavedModelLayout#IMAGE} to {@value SavedModelLayout#PROBABILITIES}) in
 * batches of {@value #BATCH}.
 */
public final class ImageClassifier {

  /** Images per signature call. */
  static final int BATCH = 256;

  private final ServingModel model;
  private final ImageSize size;
  private final int channels;
  private final int numClasses;
  private final float[] mean;
  private final float[] std;
  /** The central crop the run's evaluation saw (a model trained on random resized crops), or null. */
  private final CenterCrop crop;
  private final List<String> classNames = new ArrayList<>();

  /**
   * A classifier over {@code model}, which the caller keeps open (and closes) while this is used.
   *
   * @throws IllegalArgumentException when the model is not a classifier, has no {@code model.json},
   *     or its {@code model.json} has no normalization
   */
  public ImageClassifier(ServingModel model) {
    if (!model.kind().equals(SavedModelLayout.CLASSIFIER)) {
      throw new IllegalArgumentException("the model is a " + model.kind() + ", not a classifier: ask a TopKRecommender"
          + " for users' items instead");
    }
    JsonNode json = model.modelJson();
    this.model = model;
    this.size = new ImageSize(json.get("height").asInt(), json.get("width").asInt());
    this.channels = json.get("channels").asInt();
    this.numClasses = json.get("num_classes").asInt();
    JsonNode norm = json.get("normalization");
    if (norm == null) {
      throw new IllegalArgumentException("the model's model.json has no normalization (trained by an older lawn): "
          + "train it again to predict with it");
    }
    this.mean = floats(norm.get("mean"));
    this.std = floats(norm.get("std"));
    this.crop = json.has(SavedModelLayout.CENTER_CROP)
        ? new CenterCrop(json.get(SavedModelLayout.CENTER_CROP).asDouble()) : null;
    if (json.has("class_names")) {
      json.get("class_names").forEach(n -> classNames.add(n.asText()));
    }
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  /** The model's input size. */
  public ImageSize inputSize() {
    return size;
  }

  /** Name of class {@code c}: the data set's, or the index as text. */
  public String className(int c) {
    return classNames.isEmpty() ? Integer.toString(c) : classNames.get(c);
  }

  /**
   * Predicts every JPEG under {@code folder} (any depth, sorted by path). An image whose parent
   * folder is named like one of the model's classes gets that class as its {@link ClassPrediction#label}.
   */
  public List<ClassPrediction> predictFolder(Path folder) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).filter(ImageFolderReader::isJpeg).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    if (files.isEmpty()) {
      throw DataFormatException.inFile(folder, "no .jpg/.jpeg files");
    }
    List<ClassPrediction> out = new ArrayList<>();
    int imageSize = size.height() * size.width() * channels;
    try (JpegDecoder decoder = new JpegDecoder(size.height(), size.width(), channels)) {
      for (int first = 0; first < files.size(); first += BATCH) {
        List<Path> batch = files.subList(first, Math.min(files.size(), first + BATCH));
        float[] pixels = new float[batch.size() * imageSize];
        List<String> sources = new ArrayList<>();
        int[] labels = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
          Path f = batch.get(i);
          decoder.decode(readAll(f), f, pixels, i * imageSize);
          sources.add(folder.relativize(f).toString());
          labels[i] = f.getParent() == null ? -1 : classNames.indexOf(f.getParent().getFileName().toString());
        }
        out.addAll(predict(pixels, sources, labels));
      }
    }
    return out;
  }

  /**
   * Predicts every image of an IDX images file (grey-scale; resized when the model's size differs).
   * The labels file next to it ({@code ...-labels-idx1-ubyte[.gz]} for {@code ...-images-idx3-ubyte[.gz]}),
   * when present, gives the true classes.
   */
  public List<ClassPrediction> predictIdx(Path file) {
    if (channels != 1) {
      throw new IllegalArgumentException(file + ": IDX images are grey-scale but the model takes " + channels
          + " channels");
    }
    IdxReader.Images images = IdxReader.readImages(file);
    Path labelsFile = file.resolveSibling(file.getFileName().toString().replace("images-idx3", "labels-idx1")
        .replace("images.idx3", "labels.idx1"));
    int[] labels = !labelsFile.equals(file) && Files.isRegularFile(labelsFile)
        ? IdxReader.readLabels(labelsFile, numClasses) : null;
    if (labels != null && labels.length != images.count()) {
      throw DataFormatException.inFile(labelsFile, labels.length + " labels for the " + images.count() + " images of " + file);
    }
    ImageSize stored = new ImageSize(images.rows(), images.cols());
    float[] pixels = stored.equals(size) ? images.pixels()
        : ImageResizer.resize(images.pixels(), images.count(), stored, 1, size);
    int imageSize = size.height() * size.width();
    List<ClassPrediction> out = new ArrayList<>();
    for (int first = 0; first < images.count(); first += BATCH) {
      int n = Math.min(BATCH, images.count() - first);
      float[] batch = new float[n * imageSize];
      System.arraycopy(pixels, first * imageSize, batch, 0, batch.length);
      List<String> sources = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sources.add(file.getFileName() + "#" + (first + i));
      }
      int[] batchLabels = new int[n];
      for (int i = 0; i < n; i++) {
        batchLabels[i] = labels == null ? -1 : labels[first + i];
      }
      out.addAll(predict(batch, sources, batchLabels));
    }
    return out;
  }

  /**
   * Crops {@code pixels} (in [0, 1], NHWC, modified in place) as the run's evaluation did, if it did,
   * normalizes them and runs the signature.
   */
  private List<ClassPrediction> predict(float[] pixels, List<String> sources, int[] labels) {
    if (crop != null) {
      crop.applyTo(pixels, sources.size(), size.height(), size.width(), channels);
    }
    float[] inverse = new float[channels];
    for (int c = 0; c < channels; c++) {
      inverse[c] = 1f / std[c]; // as ChannelNormalization computes it, so results match training's evaluation
    }
    for (int i = 0; i < pixels.length; i++) {
      int c = i % channels;
      pixels[i] = (pixels[i] - mean[c]) * inverse[c];
    }
    int n = sources.size();
    float[] probs = new float[n * numClasses];
    try (TFloat32 image = TFloat32.tensorOf(Shape.of(n, size.height(), size.width(), channels),
            DataBuffers.of(pixels, true, false));
        Result r = model.call(Map.<String, Tensor>of(SavedModelLayout.IMAGE, image))) {
      TFloat32 p = (TFloat32) r.get(SavedModelLayout.PROBABILITIES).orElseThrow(
          () -> new IllegalStateException("the signature has no '" + SavedModelLayout.PROBABILITIES + "' output"));
      p.asRawTensor().data().asFloats().read(probs);
    }
    List<ClassPrediction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] row = new float[numClasses];
      System.arraycopy(probs, i * numClasses, row, 0, numClasses);
      int best = 0;
      for (int c = 1; c < numClasses; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      out.add(new ClassPrediction(sources.get(i), labels[i], best, className(best), row[best], row));
    }
    return out;
  }

  private static byte[] readAll(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
