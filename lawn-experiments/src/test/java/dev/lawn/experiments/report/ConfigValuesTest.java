package dev.lawn.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

  @Test
  void flattensNestedMapsToDottedKeys() {
    Map<String, String> flat =
        ConfigValues.flatten(RunFixtures.map("model", RunFixtures.map("name", "ncf", "layers", List.of(64, 32)), "lr", 0.001));
    assertEquals(Map.of("model.name", "ncf", "model.layers", "[64, 32]", "lr", "0.001"), flat);
  }

  @Test
  void numbersHaveOneCanonicalText() {
    assertEquals("0.0001", ConfigValues.text(1.0e-4));
    assertEquals("256", ConfigValues.text(256.0));
    assertEquals("256", ConfigValues.text(256));
    assertEquals("true", ConfigValues.text(true));
    assertEquals("NaN", ConfigValues.text(Double.NaN));
  }

  @Test
  void ordersNumbersByValueThenWords() {
    List<String> values = new ArrayList<>(List.of("adam", "1024", "256", "0.5", "lamb"));
    values.sort(ConfigValues.NATURAL_ORDER);
    assertEquals(List.of("0.5", "256", "1024", "adam", "lamb"), values);
  }
}
