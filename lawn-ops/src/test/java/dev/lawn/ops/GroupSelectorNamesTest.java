package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** Each named selector picks exactly the variables it names, batch-norm scales and offsets included. */
class GroupSelectorNamesTest {

  /** A conv + BN + conv + BN + dense + classifier network's variables, plus one of role OTHER. */
  private static List<TrainableVariable> network(Ops tf) {
    String[][] spec = {
        {"conv/kernel", "conv", "KERNEL"}, {"conv/bias", "conv", "BIAS"},
        {"bn/gamma", "bn", "NORM_SCALE"}, {"bn/beta", "bn", "NORM_OFFSET"},
        {"conv_1/kernel", "conv_1", "KERNEL"}, {"conv_1/bias", "conv_1", "BIAS"},
        {"bn_1/gamma", "bn_1", "NORM_SCALE"}, {"bn_1/beta", "bn_1", "NORM_OFFSET"},
        {"dense/kernel", "dense", "KERNEL"}, {"dense/bias", "dense", "BIAS"},
        {"temperature/t", "temperature", "OTHER"},
        {"classifier/kernel", "classifier", "KERNEL"}, {"classifier/bias", "classifier", "BIAS"}};
    List<TrainableVariable> vars = new ArrayList<>();
    for (String[] s : spec) {
      vars.add(new TrainableVariable(s[0], s[1], VariableRole.valueOf(s[2]),
          tf.withName(s[0].replace('/', '_')).variable(tf.withInitScope().constant(new float[] {1f, 2f}))));
    }
    return vars;
  }

  /** Group name -> member names. */
  private static Map<String, List<String>> groups(String selector, List<TrainableVariable> vars) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ParameterGroup g : GroupSelector.named(selector).select(vars)) {
      out.put(g.name(), g.members().stream().map(TrainableVariable::name).toList());
    }
    return out;
  }

  @Test
  void eachSelectorPicksExactlyWhatItNames() {
    try (Graph graph = new Graph()) {
      List<TrainableVariable> vars = network(Ops.create(graph));
      Map<String, List<String>> perLayer = new LinkedHashMap<>();
      perLayer.put("conv", List.of("conv/kernel", "conv/bias"));
      perLayer.put("conv_1", List.of("conv_1/kernel", "conv_1/bias"));
      perLayer.put("dense", List.of("dense/kernel", "dense/bias"));
      perLayer.put("classifier", List.of("classifier/kernel", "classifier/bias"));
      assertEquals(perLayer, groups("per-layer", vars));

      assertEquals(List.of("conv/kernel", "conv/bias", "conv_1/kernel", "conv_1/bias", "dense/kernel", "dense/bias",
          "classifier/kernel", "classifier/bias"), List.copyOf(groups("per-variable", vars).keySet()));
      groups("per-variable", vars).forEach((name, members) -> assertEquals(List.of(name), members));

      assertEquals(Map.of("classifier", List.of("classifier/kernel", "classifier/bias")), groups("classifier", vars));

      Map<String, List<String>> allButBn = new LinkedHashMap<>(perLayer);
      allButBn.put("temperature", List.of("temperature/t"));
      assertEquals(List.of("conv", "conv_1", "dense", "temperature", "classifier"),
          List.copyOf(groups("all-but-bn", vars).keySet()));
      assertEquals(allButBn, groups("all-but-bn", vars));

      Map<String, List<String>> scales = groups("with-bn-scales", vars);
      assertEquals(List.of("conv", "bn", "conv_1", "bn_1", "dense", "temperature", "classifier"),
          List.copyOf(scales.keySet()));
      assertEquals(List.of("bn/gamma"), scales.get("bn"));
      assertEquals(List.of("bn_1/gamma"), scales.get("bn_1"));

      Map<String, List<String>> withBn = groups("with-bn", vars);
      assertEquals(scales.keySet(), withBn.keySet());
      assertEquals(List.of("bn/gamma", "bn/beta"), withBn.get("bn"));
      assertEquals(List.of("bn_1/gamma", "bn_1/beta"), withBn.get("bn_1"));
      for (String name : GroupSelector.NAMES) {
        if (!name.startsWith("with-bn")) {
          groups(name, vars).values().forEach(members -> assertTrue(
              members.stream().noneMatch(m -> m.contains("gamma") || m.contains("beta")), name + ": " + members));
        }
      }
    }
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> GroupSelector.named("bn-only"));
    assertTrue(e.getMessage().contains("bn-only") && e.getMessage().contains("with-bn-scales"), e.getMessage());
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var onlyNorms = List.of(new TrainableVariable("bn/gamma", "bn", VariableRole.NORM_SCALE,
          tf.variable(tf.withInitScope().constant(new float[] {1f}))));
      assertThrows(IllegalArgumentException.class, () -> GroupSelector.classifierOnly().select(onlyNorms));
    }
  }
}
