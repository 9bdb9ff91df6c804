package dev.lawn.models;

import dev.lawn.models.layers.LayerSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/** Formats a Keras-like {@code model.summary()} table: layers, output shapes, parameter counts. */
final class ModelSummary {

  private ModelSummary() {}

  static String format(GraphModel model) {
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Operand<?>> input : model.inputs().entrySet()) {
      rows.add(new String[] {
        input.getKey() + " (Input)", shape(input.getValue().shape()), "0"});
    }
    for (LayerSummary layer : model.layers()) {
      rows.add(new String[] {
        layer.name() + " (" + layer.type() + ")",
        shape(layer.outputShape()),
        count(layer.trainableParameters() + layer.nonTrainableParameters())});
    }
    int nameWidth = "Layer (type)".length();
    int shapeWidth = "Output Shape".length();
    for (String[] row : rows) {
      nameWidth = Math.max(nameWidth, row[0].length());
      shapeWidth = Math.max(shapeWidth, row[1].length());
    }
    String rowFormat = " %-" + nameWidth + "s  %-" + shapeWidth + "s  %12s%n";
    int lineWidth = nameWidth + shapeWidth + 17;
    StringBuilder out = new StringBuilder();
    out.append("Model: \"").append(model.name()).append("\"\n");
    out.append("_".repeat(lineWidth)).append('\n');
    out.append(String.format(Locale.ROOT, rowFormat, "Layer (type)", "Output Shape", "Param #"));
    out.append("=".repeat(lineWidth)).append('\n');
    for (String[] row : rows) {
      out.append(String.format(Locale.ROOT, rowFormat, row[0], row[1], row[2]));
    }
    out.append("=".repeat(lineWidth)).append('\n');
    long trainable = model.parameterCount();
    long nonTrainable = model.nonTrainableParameterCount();
    out.append("Total params: ").append(count(trainable + nonTrainable)).append('\n');
    out.append("Trainable params: ").append(count(trainable)).append('\n');
    out.append("Non-trainable params: ").append(count(nonTrainable)).append('\n');
    return out.toString();
  }

  /** Keras style: {@code (None, 32, 32, 3)}. */
  static String shape(Shape shape) {
    if (shape.isUnknown()) {
      return "?";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.numDimensions(); i++) {
      if (i > 0) {
        s.append(", ");
      }
      long d = shape.get(i);
      s.append(d < 0 ? "None" : Long.toString(d));
    }
    if (shape.numDimensions() == 1) {
      s.append(',');
    }
    return s.append(')').toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
