package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lawn.ops.kernels.FusedKernelLibrary;
import dev.lawn.ops.kernels.FusedSphereOps;
import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.FrameworkOptimizer;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.schedule.ConstantRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The native kernels' wiring: where they are used, where LAWN falls back to graph ops, and how bad
 * input fails. Their arithmetic is checked against the float64 reference in {@link LawnReferenceTest}
 * and {@link LawnInvariantsTest}, which run every case with both kernel choices.
 */
class FusedKernelsTest {

  @Test
  void libraryLoadsAndAutoUsesItOnThisPlatform() {
    assertTrue(FusedKernelLibrary.load(), "liblawn_kernels.so did not load: " + FusedKernelLibrary.failure());
    assertNull(FusedKernelLibrary.failure());
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "AUTO keeps graph ops where an NVIDIA GPU is present");
    try (var h = new LawnHarness(LawnHarness.randomInit(1, 0.5f), OptimizerSpec.defaults(Kind.ADAM, 0),
        new ConstantRate(0.01), KernelChoice.AUTO)) {
      assertTrue(h.lawn.fusedKernels());
    }
  }

  @Test
  void theLibraryReadsNoSystemProperty() {
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "AUTO keeps graph ops where an NVIDIA GPU is present");
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    String before = System.setProperty(KernelChoice.PROPERTY, "graph");
    try (var h = new LawnHarness(LawnHarness.randomInit(1, 0.5f), OptimizerSpec.defaults(Kind.ADAM, 0),
        new ConstantRate(0.01))) {
      assertTrue(h.lawn.fusedKernels(), "the builder's default is AUTO whatever -Dlawn.kernels says");
    } finally {
      if (before == null) {
        System.clearProperty(KernelChoice.PROPERTY);
      } else {
        System.setProperty(KernelChoice.PROPERTY, before);
      }
    }
  }

  @Test
  void anOptimizerThatAppliesItsOwnStepKeepsGraphOps() {
    try (var h = new LawnHarness(LawnHarness.randomInit(2, 0.5f),
        (tf, vars) -> new FrameworkOptimizer(tf, new Momentum((Graph) tf.scope().env(), 0.1f, 0.9f, false), vars),
        b -> b.kernels(KernelChoice.AUTO))) {
      assertFalse(h.lawn.fusedKernels());
    }
    var e = assertThrows(IllegalStateException.class, () -> new LawnHarness(LawnHarness.randomInit(2, 0.5f),
        (tf, vars) -> new FrameworkOptimizer(tf, new Momentum((Graph) tf.scope().env(), 0.1f, 0.9f, false), vars),
        b -> b.kernels(KernelChoice.FUSED)).close());
    assertTrue(e.getMessage().contains("applies its own"), e.getMessage());
  }

  @Test
  void groupsAboveTheKernelLimitUseGraphOps() {
    int members = FusedSphereOps.MAX_MEMBERS + 1;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<TrainableVariable> vars = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        vars.add(new TrainableVariable("v" + i, "big", VariableRole.KERNEL,
            tf.withName("v" + i).variable(tf.withInitScope().constant(new float[] {1f, 2f}))));
      }
      List<Operand<TFloat32>> grads = new ArrayList<>();
      vars.forEach(v -> grads.add(tf.zerosLike(v.variable())));
      var base = OptimizerSpec.defaults(Kind.ADAM, 0).build(tf, "opt", vars, new ConstantRate(0.01));
      List<ParameterGroup> one = List.of(new ParameterGroup("big", vars));
      assertFalse(Lawn.over(base).groups(one).kernels(KernelChoice.AUTO).build(tf, grads).fusedKernels());
      var e = assertThrows(IllegalStateException.class,
          () -> Lawn.over(base).groups(one).kernels(KernelChoice.FUSED).build(tf, grads));
      assertTrue(e.getMessage().contains("at most " + FusedSphereOps.MAX_MEMBERS), e.getMessage());
    }
  }

  @Test
  void mismatchedSizesFailWithTheKernelsMessage() {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
      Placeholder<TFloat32> g = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
      var out = FusedSphereOps.tangentGradients(tf, 0, List.of(w), List.of(g), tf.constant(new float[] {1f}));
      try (TFloat32 a = TFloat32.vectorOf(1f, 2f, 3f); TFloat32 b = TFloat32.vectorOf(1f, 2f)) {
        var e = assertThrows(TFInvalidArgumentException.class,
            () -> session.runner().feed(w, a).feed(g, b).fetch(out.squaredNorm()).run().close());
        assertTrue(e.getMessage().contains("different shapes"), e.getMessage());
      }
    }
  }

  @Test
  void theOpBuildersLoadTheLibraryThemselves() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), FusedOpsInFreshJvm.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(output.contains("ww=25.0"), output);
  }

  @Test
  void sphereStepRejectsNonScalarNormAndRateWhenRunAndWhenBuilt() {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      var v = tf.variable(tf.withInitScope().constant(new float[] {3f, 4f}));
      Operand<TFloat32> d = tf.constant(new float[] {1f, 0f});
      Operand<TFloat32> flags = tf.constant(new float[] {1f});
      // Shapes unknown when built: the kernel checks them (an empty ww used to be read out of bounds).
      Placeholder<TFloat32> ww = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
      Placeholder<TFloat32> rate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.unknown()));
      var step = FusedSphereOps.sphereStep(tf, 0, List.of(v), List.of(d), ww, rate, flags, flags);
      session.initialize();
      try (TFloat32 empty = TFloat32.vectorOf(); TFloat32 one = TFloat32.scalarOf(0.1f);
          TFloat32 two = TFloat32.vectorOf(0.1f, 0.2f); TFloat32 norm = TFloat32.scalarOf(25f)) {
        var e = assertThrows(TFInvalidArgumentException.class,
            () -> session.runner().feed(ww, empty).feed(rate, one).addTarget(step).run().close());
        assertTrue(e.getMessage().contains("ww must be a scalar"), e.getMessage());
        e = assertThrows(TFInvalidArgumentException.class,
            () -> session.runner().feed(ww, norm).feed(rate, two).addTarget(step).run().close());
        assertTrue(e.getMessage().contains("rate must be a scalar"), e.getMessage());
      }
      // Shapes known when built: the shape function rejects them.
      assertThrows(IllegalArgumentException.class, () -> FusedSphereOps.sphereStep(tf, 0, List.of(v), List.of(d),
          tf.constant(new float[] {}), tf.constant(0.1f), flags, flags));
      assertThrows(IllegalArgumentException.class, () -> FusedSphereOps.sphereStep(tf, 0, List.of(v), List.of(d),
          tf.constant(25f), tf.constant(0.1f), tf.constant(1f), flags));
      assertThrows(IllegalArgumentException.class, () -> FusedSphereOps.sphereStep(tf, 0, List.of(v),
          List.of(tf.constant(new float[] {1f, 0f, 0f})), tf.constant(25f), tf.constant(0.1f), flags, flags));
      assertThrows(IllegalArgumentException.class, () -> FusedSphereOps.tangentGradients(tf, 0,
          List.of(tf.constant(new float[] {1f, 2f})), List.of(tf.constant(new float[][] {{1f, 2f}})), flags));
      assertThrows(IllegalArgumentException.class, () -> FusedSphereOps.tangentGradients(tf, 0,
          List.of(d), List.of(d, d), flags));
    }
  }

  @Test
  void groupIndexOutsideThePerGroupVectorFails() {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> w = tf.constant(new float[] {3f, 4f});
      var out = FusedSphereOps.tangentGradients(tf, 5, List.of(w), List.of(w), tf.constant(new float[] {1f}));
      var e = assertThrows(TFInvalidArgumentException.class,
          () -> session.runner().fetch(out.squaredNorm()).run().close());
      assertTrue(e.getMessage().contains("outside the per-group vector"), e.getMessage());
    }
  }

  @Test
  void projectedGradientsKeepTheirShapesAndTheNormIsAScalar() {
    assertTrue(FusedKernelLibrary.load(), FusedKernelLibrary.failure());
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> w1 = tf.constant(new float[][] {{1f, 0f}, {0f, 1f}, {1f, 1f}});
      Operand<TFloat32> w2 = tf.constant(new float[] {2f});
      Operand<TFloat32> g1 = tf.constant(new float[][] {{1f, 1f}, {1f, 1f}, {1f, 1f}});
      Operand<TFloat32> g2 = tf.constant(new float[] {1f});
      var out = FusedSphereOps.tangentGradients(tf, 0, List.of(w1, w2), List.of(g1, g2), tf.constant(new float[] {1f}));
      assertEquals(Shape.of(3, 2), out.projected().get(0).shape());
      assertEquals(Shape.of(1), out.projected().get(1).shape());
      assertEquals(Shape.scalar(), out.squaredNorm().shape());
      try (var r = session.runner().fetch(out.squaredNorm()).fetch(out.projected().get(1)).run()) {
        assertEquals(8f, ((TFloat32) r.get(0)).getFloat(), 1e-6f); // 1+1+1+1+4
        // <w,g> = 1+1+2+2 = 6, coef = 6/8: 1 - 0.75 * 2
        assertEquals(-0.5f, ((TFloat32) r.get(1)).getFloat(0), 1e-6f);
      }
    }
  }
}
