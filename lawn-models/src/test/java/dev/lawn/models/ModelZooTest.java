package dev.lawn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.TrainableVariable;
import dev.lawn.ops.VariableRole;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** Graph construction only (no session): names, parameter counts, shapes, roles, summaries. */
class ModelZooTest {

  private static final ClassifierOptions DEFAULTS = ClassifierOptions.defaults();

  @Test
  void resNet50HasThePublishedParameterCount() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "resnet50", 224, 224, 3, 1000, DEFAULTS);
      assertEquals(25_557_032L, m.parameterCount());
      assertArrayEquals(new long[] {-1, 1000}, m.logits().shape().asArray());
      // 53 batch norms: 2 x (64+64+256 + ...) moving statistics are not trainable.
      assertEquals(53_120L, ((GraphModel) m).nonTrainableParameterCount());
    }
  }

  @Test
  void resNet18HasThePublishedParameterCount() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "resnet18", 224, 224, 3, 1000, DEFAULTS);
      assertEquals(11_689_512L, m.parameterCount());
      assertArrayEquals(new long[] {-1, 1000}, m.logits().shape().asArray());
    }
  }

  @Test
  void resNet18WithCifarStemKeepsResolutionAndCountsLikeTheCifarVariant() {
    try (Graph g = new Graph()) {
      GraphModel m = (GraphModel) ModelZoo.classifier(
          Ops.create(g), "resnet18", 32, 32, 3, 10, DEFAULTS.withCifarStem(true));
      // The CIFAR ResNet-18 (3x3 stem, no pooling, 10 classes) has 11,173,962 parameters.
      assertEquals(11_173_962L, m.parameterCount());
      Shape afterLastStage = m.layers().stream()
          .filter(l -> l.name().equals("layer4/block1/relu_out")).findFirst().orElseThrow().outputShape();
      assertArrayEquals(new long[] {-1, 4, 4, 512}, afterLastStage.asArray());
    }
  }

  @Test
  void vgg19ForCifarHasOneDenseLayer() {
    try (Graph g = new Graph()) {
      GraphModel m = (GraphModel) ModelZoo.classifier(Ops.create(g), "vgg19", 32, 32, 3, 10, DEFAULTS);
      assertEquals(20_040_522L, m.parameterCount());
      assertArrayEquals(new long[] {-1, 10}, m.logits().shape().asArray());
      long denseKernels = m.trainableVariables().stream()
          .filter(v -> v.role() == VariableRole.KERNEL && v.shape().numDimensions() == 2).count();
      assertEquals(1, denseKernels);
      assertEquals(16, m.trainableVariables().stream()
          .filter(v -> v.role() == VariableRole.KERNEL && v.shape().numDimensions() == 4).count());
    }
    try (Graph g = new Graph()) {
      assertEquals(20_086_692L,
          ModelZoo.classifier(Ops.create(g), "vgg19", 32, 32, 3, 100, DEFAULTS).parameterCount());
    }
  }

  @Test
  void smallModelsHaveTheDocumentedSizes() {
    try (Graph g = new Graph()) {
      assertEquals(467_818L, ModelZoo.classifier(Ops.create(g), "small-cnn", 28, 28, 1, 10, DEFAULTS).parameterCount());
    }
    try (Graph g = new Graph()) {
      assertEquals(235_146L, ModelZoo.classifier(Ops.create(g), "mlp", 28, 28, 1, 10, DEFAULTS).parameterCount());
    }
  }

  @Test
  void ncfMlpDefaultsAreThePapers() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.recommender(Ops.create(g), "ncf-mlp", 100, 50, RecommenderOptions.defaults());
      List<TrainableVariable> vars = m.trainableVariables();
      assertEquals(Shape.of(100, 32), vars.get(0).shape());
      assertEquals(VariableRole.EMBEDDING, vars.get(0).role());
      assertEquals(Shape.of(50, 32), vars.get(1).shape());
      List<Shape> kernels = vars.stream().filter(v -> v.role() == VariableRole.KERNEL).map(TrainableVariable::shape).toList();
      assertEquals(List.of(Shape.of(64, 32), Shape.of(32, 16), Shape.of(16, 8), Shape.of(8, 1)), kernels);
      long expected = 150 * 32 + (64 * 32 + 32) + (32 * 16 + 16) + (16 * 8 + 8) + (8 + 1);
      assertEquals(expected, m.parameterCount());
      assertArrayEquals(new long[] {-1}, m.logits().shape().asArray());
      assertEquals(Set.of("user", "item"), m.inputs().keySet());
      assertTrue(m.updateOps().isEmpty());
    }
  }

  @Test
  void gmfAndNeuMfHaveTheirBranches() {
    RecommenderOptions opts = RecommenderOptions.defaults();
    try (Graph g = new Graph()) {
      Model gmf = ModelZoo.recommender(Ops.create(g), "ncf-gmf", 100, 50, opts);
      assertEquals(150 * 8 + 8 + 1, gmf.parameterCount());
    }
    try (Graph g = new Graph()) {
      Model neumf = ModelZoo.recommender(Ops.create(g), "ncf-neumf", 100, 50, opts);
      long mlp = 150 * 32 + (64 * 32 + 32) + (32 * 16 + 16) + (16 * 8 + 8);
      long gmf = 150 * 8;
      assertEquals(mlp + gmf + (8 + 8) + 1, neumf.parameterCount());
      assertArrayEquals(new long[] {-1}, neumf.logits().shape().asArray());
    }
  }

  @Test
  void everyVariableIsTaggedAndUniquelyNamed() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "resnet18", 64, 64, 3, 10, DEFAULTS);
      List<TrainableVariable> vars = m.trainableVariables();
      Set<String> names = new HashSet<>();
      for (TrainableVariable v : vars) {
        assertTrue(names.add(v.name()), "duplicate " + v.name());
        assertEquals(v.name(), v.variable().op().name());
        assertEquals("VariableV2", v.variable().op().type());
        assertTrue(v.name().startsWith(v.layer() + "/"), v.name() + " vs " + v.layer());
      }
      // ResNet convolutions carry no bias: the only bias is the final dense layer's.
      assertEquals(List.of("fc/bias"), vars.stream().filter(v -> v.role() == VariableRole.BIAS).map(TrainableVariable::name).toList());
      TrainableVariable kernel = vars.stream().filter(v -> v.name().equals("layer2/block0/shortcut_conv/kernel")).findFirst().orElseThrow();
      assertEquals(Shape.of(1, 1, 64, 128), kernel.shape());
      assertEquals("layer2/block0/shortcut_conv", kernel.layer());
      Map<String, Set<VariableRole>> rolesByLayer = vars.stream().collect(
          Collectors.groupingBy(TrainableVariable::layer, Collectors.mapping(TrainableVariable::role, Collectors.toSet())));
      assertEquals(Set.of(VariableRole.NORM_SCALE, VariableRole.NORM_OFFSET), rolesByLayer.get("layer1/block0/bn1"));
      assertEquals(Set.of(VariableRole.KERNEL, VariableRole.BIAS), rolesByLayer.get("fc"));
      // 2 moving statistics per batch norm, each with an update op.
      long batchNorms = vars.stream().filter(v -> v.role() == VariableRole.NORM_SCALE).count();
      assertEquals(2 * batchNorms, m.updateOps().size());
    }
  }

  @Test
  void aSubScopePrefixesEveryName() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.recommender(Ops.create(g).withSubScope("tower0"), "ncf-mlp", 10, 10, RecommenderOptions.defaults());
      assertEquals("tower0/user_embedding/embeddings", m.trainableVariables().get(0).name());
      assertEquals("tower0/mlp/dense/kernel", m.trainableVariables().get(2).name());
      assertEquals("tower0/mlp/dense", m.trainableVariables().get(2).layer());
      assertEquals("tower0/training", m.training().op().name());
      assertEquals("tower0/user", m.inputs().get("user").op().name());
    }
  }

  @Test
  void summaryListsLayersShapesAndCounts() {
    try (Graph g = new Graph()) {
      Model m = ModelZoo.classifier(Ops.create(g), "small-cnn", 28, 28, 1, 10, DEFAULTS);
      String s = m.summary();
      assertTrue(s.startsWith("Model: \"small-cnn\""), s);
      assertTrue(s.matches("(?s).*image \\(Input\\)\\s+\\(None, 28, 28, 1\\)\\s+0\n.*"), s);
      assertTrue(s.matches("(?s).*conv2d \\(Conv2D\\)\\s+\\(None, 28, 28, 32\\)\\s+320\n.*"), s);
      assertTrue(s.matches("(?s).*flatten \\(Flatten\\)\\s+\\(None, 3136\\)\\s+0\n.*"), s);
      assertTrue(s.matches("(?s).*dense \\(Dense\\)\\s+\\(None, 128\\)\\s+401,536\n.*"), s);
      assertTrue(s.contains("Total params: 467,818\n"), s);
      assertTrue(s.contains("Trainable params: 467,818\n"), s);
      assertTrue(s.contains("Non-trainable params: 0\n"), s);
    }
    try (Graph g = new Graph()) {
      String s = ModelZoo.classifier(Ops.create(g), "vgg19", 32, 32, 3, 10, DEFAULTS).summary();
      assertTrue(s.matches("(?s).*block1_conv1_bn \\(BatchNorm\\)\\s+\\(None, 32, 32, 64\\)\\s+256\n.*"), s);
      assertTrue(s.contains("Non-trainable params: 11,008\n"), s);
    }
  }

  @Test
  void widthMultiplierScalesChannels() {
    try (Graph g = new Graph()) {
      GraphModel m = (GraphModel) ModelZoo.classifier(
          Ops.create(g), "vgg19", 32, 32, 3, 10, DEFAULTS.withWidthMultiplier(0.25));
      assertEquals(Shape.of(3, 3, 3, 16), m.trainableVariables().get(0).shape());
      assertEquals(Shape.of(128, 10), m.trainableVariables().stream()
          .filter(v -> v.name().equals("classifier/kernel")).findFirst().orElseThrow().shape());
    }
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelZoo.classifier(tf, "resnet101", 32, 32, 3, 10, DEFAULTS));
      assertTrue(e.getMessage().contains("resnet101") && e.getMessage().contains("small-cnn, small-cnn-bn, vgg11, vgg19, resnet18, resnet50"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> ModelZoo.recommender(tf, "resnet50", 10, 10, RecommenderOptions.defaults()));
      assertTrue(e.getMessage().contains("ncf-mlp, ncf-gmf, ncf-neumf"), e.getMessage());
    }
  }

  @Test
  void invalidSizesAreRejectedWithTheirName() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      assertMessage("numClasses", () -> ModelZoo.classifier(tf, "mlp", 28, 28, 1, 1, DEFAULTS));
      assertMessage("height, width, channels", () -> ModelZoo.classifier(tf, "mlp", 0, 28, 1, 10, DEFAULTS));
      assertMessage("at least 4x4", () -> ModelZoo.classifier(tf, "small-cnn", 3, 3, 1, 10, DEFAULTS));
      assertMessage("resnet18 needs images of at least 32x32", () -> ModelZoo.classifier(tf, "resnet18", 16, 16, 3, 10, DEFAULTS));
      assertMessage("at least 8x8", () -> ModelZoo.classifier(tf, "resnet50", 6, 8, 3, 10, DEFAULTS.withCifarStem(true)));
      assertMessage("numUsers", () -> ModelZoo.recommender(tf, "ncf-mlp", 0, 10, RecommenderOptions.defaults()));
    }
  }

  @Test
  void optionsValidateEveryField() {
    ClassifierOptions c = ClassifierOptions.defaults();
    assertMessage("widthMultiplier", () -> c.withWidthMultiplier(0));
    assertMessage("widthMultiplier", () -> c.withWidthMultiplier(Double.NaN));
    assertMessage("dropoutRate", () -> c.withDropoutRate(1f));
    assertMessage("dropoutRate", () -> c.withDropoutRate(-0.1f));
    assertMessage("mlpHiddenUnits", () -> c.withMlpHiddenUnits(List.of(10, 0)));
    RecommenderOptions r = RecommenderOptions.defaults();
    assertMessage("embeddingDim", () -> r.withEmbeddingDim(0));
    assertMessage("gmfEmbeddingDim", () -> r.withGmfEmbeddingDim(-1));
    assertMessage("hiddenUnits", () -> r.withHiddenUnits(List.of()));
    assertMessage("hiddenUnits", () -> r.withHiddenUnits(List.of(8, 0)));
    assertEquals(List.of(32, 16, 8), r.hiddenUnits());
    assertEquals(32, r.embeddingDim());
    assertEquals(3, c.scaled(3));
    assertEquals(1, c.withWidthMultiplier(0.01).scaled(64));
    assertFalse(c.cifarStem());
  }

  private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
