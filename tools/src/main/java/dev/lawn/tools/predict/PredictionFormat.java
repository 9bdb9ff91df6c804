package dev.lawn.tools.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lawn.serving.ClassPrediction;
import dev.lawn.serving.ImageClassifier;
import dev.lawn.serving.Recommendation;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lawn predict}'s output as CSV (a header, then one row per recommendation or image; fields
 * quoted as RFC 4180 says) or JSON (an array of objects with the same keys).
 */
final class PredictionFormat {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PredictionFormat() {}

  /** Rows {@code user, rank, item, title, score}. */
  static String recommendations(List<Recommendation> all, String format) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Recommendation r : all) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user", r.userId());
      row.put("rank", r.rank());
      row.put("item", r.itemId());
      row.put("title", r.title());
      row.put("score", r.score());
      rows.add(row);
    }
    return render(rows, List.of("user", "rank", "item", "title", "score"), format);
  }

  /** Rows {@code source, label, class, probability}, then one {@code p_<class>} per class. */
  static String classes(List<ClassPrediction> predictions, ImageClassifier classifier, String format) {
    List<String> columns = new ArrayList<>(List.of("source", "label", "class", "probability"));
    int numClasses = predictions.isEmpty() ? 0 : predictions.get(0).probabilities().length;
    for (int c = 0; c < numClasses; c++) {
      columns.add("p_" + classifier.className(c));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ClassPrediction p : predictions) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source", p.source());
      row.put("label", p.label() < 0 ? "" : classifier.className(p.label()));
      row.put("class", p.className());
      row.put("probability", p.probability());
      for (int c = 0; c < numClasses; c++) {
        row.put(columns.get(4 + c), p.probabilities()[c]);
      }
      rows.add(row);
    }
    return render(rows, columns, format);
  }

  private static String render(List<Map<String, Object>> rows, List<String> columns, String format) {
    if (format.equals("json")) {
      try {
        return JSON.writeValueAsString(rows) + "\n";
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    StringBuilder s = new StringBuilder(String.join(",", columns.stream().map(PredictionFormat::quote).toList()))
        .append('\n');
    for (Map<String, Object> row : rows) {
      s.append(String.join(",", columns.stream().map(c -> quote(String.valueOf(row.get(c)))).toList())).append('\n');
    }
    return s.toString();
  }

  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
