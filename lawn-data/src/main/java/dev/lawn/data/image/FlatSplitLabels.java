package dev.lawn.data.image;

import dev.lawn.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of a test split whose JPEGs lie in one folder rather than in class folders, as ImageNet's
 * validation set comes: from {@code labels.csv} in that folder ({@code file,class} per line, the class
 * a training folder's name, an optional {@code file,class} header), or else from Kaggle's
 * {@code LOC_val_solution.csv} in the folder or the data set's root ({@code ImageId,PredictionString},
 * the class the first word of the prediction string). A file is matched by its name without
 * extension. Every JPEG of the folder needs a label; labels of files not there are ignored, so that
 * a subset of the folder reads.
 */
final class FlatSplitLabels {

  /** The simple format's file name. */
  static final String LABELS_CSV = "labels.csv";
  /** Kaggle's ImageNet validation labels. */
  static final String KAGGLE_CSV = "LOC_val_solution.csv";

  private FlatSplitLabels() {}

  /**
   * The label file for {@code dir}, or null when there is none.
   */
  static Path find(Path root, Path dir) {
    for (Path p : List.of(dir.resolve(LABELS_CSV), dir.resolve(KAGGLE_CSV), root.resolve(KAGGLE_CSV))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Each file's class name, by file name without extension.
   *
   * @throws DataFormatException naming the file and line of a malformed line or a name given twice
   */
  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    boolean kaggle = file.getFileName().toString().equals(KAGGLE_CSV);
    Map<String, String> classes = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && (line.equals("ImageId,PredictionString") || line.equals("file,class")))) {
        continue;
      }
      int comma = line.indexOf(',');
      if (comma <= 0 || comma == line.length() - 1) {
        throw DataFormatException.atLine(file, i + 1, "expected " + (kaggle ? "ImageId,PredictionString" : "file,class")
            + ", got '" + line + "'");
      }
      String name = stem(line.substring(0, comma).strip());
      String rest = line.substring(comma + 1).strip();
      String label = kaggle ? rest.split("\\s+")[0] : rest;
      if (!kaggle && label.contains(",")) {
        throw DataFormatException.atLine(file, i + 1, "expected file,class, got '" + line + "'");
      }
      if (classes.put(name, label) != null) {
        throw DataFormatException.atLine(file, i + 1, "'" + name + "' is labelled twice");
      }
    }
    return classes;
  }

  /** The file name without its extension. */
  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
