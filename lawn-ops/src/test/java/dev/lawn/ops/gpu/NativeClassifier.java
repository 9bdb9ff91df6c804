package dev.lawn.ops.gpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.TensorFlow;

/**
 * Which TensorFlow native classifier ({@code linux-x86_64} or {@code linux-x86_64-gpu}) is on the
 * classpath, and which one the loaded libraries actually came from.
 *
 * <p>Both jars put their libraries under {@code org/tensorflow/internal/c_api/<classifier>/}; JavaCPP
 * extracts each library separately into its cache, so two classifiers on one classpath can end up
 * loading a CPU {@code libtensorflow_framework} next to a GPU {@code libtensorflow_cc}.
 */
final class NativeClassifier {

  static final String CPU = "linux-x86_64";
  static final String GPU = "linux-x86_64-gpu";
  private static final String RESOURCE_DIR = "org/tensorflow/internal/c_api/";
  private static final String MARKER_LIBRARY = "libjnitensorflow.so";

  private NativeClassifier() {}

  /** The classifiers whose JNI library is visible as a class-path resource. */
  static Set<String> onClasspath() {
    ClassLoader loader = NativeClassifier.class.getClassLoader();
    return List.of(CPU, GPU).stream()
        .filter(c -> loader.getResource(RESOURCE_DIR + c + "/" + MARKER_LIBRARY) != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Loads TensorFlow (if not yet loaded) and returns the cache files of every loaded TensorFlow
   * library, keyed by JavaCPP's library name.
   */
  static Map<String, String> loadedTensorFlowLibraries() {
    TensorFlow.version(); // forces JavaCPP to extract and load the natives
    return Loader.getLoadedLibraries().entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue().contains("tensorflow"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  /** The classifier directory names ({@code .../c_api/<name>/lib...so}) the loaded libraries sit in. */
  static Set<String> loadedFrom(Map<String, String> libraries) {
    return libraries.values().stream()
        .map(p -> Path.of(p).getParent().getFileName().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
