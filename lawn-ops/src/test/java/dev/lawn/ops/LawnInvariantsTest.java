package dev.lawn.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lawn.ops.kernels.KernelChoice;
import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;
import dev.lawn.ops.optim.StepTransform;
import dev.lawn.ops.schedule.ConstantRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

class LawnInvariantsTest {

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void projectedGradientIsOrthogonalToEveryGroup(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(12, 0.5f);
    try (var h = new LawnHarness(init, OptimizerSpec.defaults(Kind.ADAM, 0), new ConstantRate(0.01), kernels)) {
      h.run(h.lawn.switchOp());
      float[][] g = LawnHarness.randomInit(13, 1f);
      var runner = h.session.runner();
      List<org.tensorflow.Tensor> fed = new ArrayList<>();
      for (int i = 0; i < h.grads.size(); i++) {
        var t = TFloat32.tensorOf((org.tensorflow.ndarray.Shape) LawnHarness.LAYOUT[i][3],
            org.tensorflow.ndarray.buffer.DataBuffers.of(g[i], true, false));
        fed.add(t);
        runner.feed(h.grads.get(i), t);
      }
      List<Integer> members = new ArrayList<>();
      for (int[] group : LawnHarness.GROUPS) {
        for (int i : group) {
          members.add(i);
          runner.fetch(h.lawn.projectedGradients().get(i));
        }
      }
      float[][] p = new float[g.length][];
      try (Result r = runner.run()) {
        for (int k = 0; k < members.size(); k++) {
          TFloat32 t = (TFloat32) r.get(k);
          p[members.get(k)] = new float[(int) t.size()];
          t.asRawTensor().data().asFloats().read(p[members.get(k)]);
        }
      } finally {
        fed.forEach(org.tensorflow.Tensor::close);
      }
      for (int[] group : LawnHarness.GROUPS) {
        double wp = 0;
        double ww = 0;
        double pp = 0;
        for (int i : group) {
          for (int j = 0; j < p[i].length; j++) {
            wp += (double) init[i][j] * p[i][j];
            ww += (double) init[i][j] * init[i][j];
            pp += (double) p[i][j] * p[i][j];
          }
        }
        double cosine = wp / Math.sqrt(ww * pp);
        assertTrue(Math.abs(cosine) <= 1e-5, "cosine(w, projected g) = " + cosine);
      }
      assertSame(h.grads.get(3), h.lawn.projectedGradients().get(3), "a free variable's gradient passes through");
    }
  }

  @Test
  void freeStepIsBitwiseTheBaseOptimizerStep() {
    OptimizerSpec spec = OptimizerSpec.defaults(Kind.ADAM, 0);
    float[][] init = LawnHarness.randomInit(9, 0.5f);
    try (var withLawn = new LawnHarness(init, spec, new ConstantRate(0.01));
        var plain = new LawnHarness(init, (tf, v) -> spec.build(tf, "opt", v, new ConstantRate(0.01)), b -> b)) {
      // The plain harness runs the base's own step, built without LAWN's transform.
      var plainStep = plain.base.step(new ArrayList<>(plain.grads), StepTransform.IDENTITY);
      Random random = new Random(2);
      for (int i = 0; i < 30; i++) {
        float[][] g = LawnHarness.randomInit(random.nextLong(), 1f);
        withLawn.run(withLawn.lawn.freeStep(), g);
        plain.run(plainStep, g);
      }
      float[][] a = withLawn.weights();
      float[][] b = plain.weights();
      for (int i = 0; i < a.length; i++) {
        assertArrayEquals(b[i], a[i], 0f, "variable " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void zeroNormGroupStaysFreeWithoutNaN(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(4, 0.5f);
    init[4] = new float[init[4].length]; // out/kernel
    init[5] = new float[init[5].length]; // out/bias: the whole "out" group is zero
    try (var h = new LawnHarness(init, OptimizerSpec.defaults(Kind.ADAM, 0), new ConstantRate(0.01), kernels)) {
      h.run(h.lawn.switchOp());
      assertEquals(0f, h.vector(h.lawn.activeFlags())[2]);
      assertEquals(1f, h.vector(h.lawn.activeFlags())[0]);
      Random random = new Random(3);
      for (int i = 0; i < 20; i++) {
        h.run(h.lawn.constrainedStep(), LawnHarness.randomInit(random.nextLong(), 1f));
      }
      for (float[] w : h.weights()) {
        for (float x : w) {
          assertFalse(Float.isNaN(x) || Float.isInfinite(x));
        }
      }
      assertTrue(h.scalar(h.lawn.groupNorms().get(2)) > 0, "an inactive group trains freely");
    }
  }

  @ParameterizedTest
  @EnumSource(value = KernelChoice.class, names = {"GRAPH_OPS", "FUSED"})
  void zeroGradientKeepsWeightsAndNoNaN(KernelChoice kernels) {
    float[][] init = LawnHarness.randomInit(4, 0.5f);
    try (var h = new LawnHarness(init, OptimizerSpec.defaults(Kind.LAMB, 0), new ConstantRate(0.01), kernels)) {
      h.run(h.lawn.switchOp());
      float[][] zeros = LawnHarness.randomInit(1, 0f);
      h.run(h.lawn.constrainedStep(), zeros);
      float[][] w = h.weights();
      for (int i = 0; i < w.length; i++) {
        assertArrayEquals(init[i], w[i], 1e-6f);
      }
    }
  }

  @Test
  void groupSelectorIsDeclarative() {
    try (var h = new LawnHarness(LawnHarness.randomInit(1, 1f), OptimizerSpec.defaults(Kind.ADAM, 0), new ConstantRate(0.01))) {
      List<ParameterGroup> perLayer = GroupSelector.perLayer().select(h.vars);
      assertEquals(List.of("dense1", "emb", "out"), perLayer.stream().map(ParameterGroup::name).toList());
      assertEquals(2, perLayer.get(0).members().size());
      List<ParameterGroup> perVariable = GroupSelector.perVariable().select(h.vars);
      assertEquals(5, perVariable.size());
      List<ParameterGroup> kernelsOnly = GroupSelector.perLayer().roles(Set.of(VariableRole.KERNEL))
          .excludingLayers(Set.of("out")).select(h.vars);
      assertEquals(List.of("dense1"), kernelsOnly.stream().map(ParameterGroup::name).toList());
      assertEquals(1, kernelsOnly.get(0).members().size());
      // Invalid choices fail when building, naming what is wrong.
      var e = assertThrows(IllegalArgumentException.class,
          () -> Lawn.over(h.base).attenuate("nope", 0.2f).build(h.tf, new ArrayList<>(h.grads)));
      assertTrue(e.getMessage().contains("nope"));
      assertThrows(IllegalArgumentException.class, () -> Lawn.over(h.base).attenuate("out", -1f));
      assertThrows(IllegalArgumentException.class, () -> GroupSelector.perLayer().roles(Set.of()));
    }
  }

  @Test
  void invalidOptimizerSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.defaults(Kind.ADAM, -0.1f));
    assertThrows(IllegalArgumentException.class, () -> new dev.lawn.ops.transform.ScaleByAdam(1f, 0.999f, 1e-8f));
    assertThrows(IllegalArgumentException.class, () -> new dev.lawn.ops.transform.ScaleByAdam(0.9f, 0.999f, 0f));
    assertThrows(IllegalArgumentException.class, () -> new dev.lawn.ops.transform.Trace(-0.5f, false));
    var e = assertThrows(IllegalArgumentException.class, () -> Kind.parse("adagrad"));
    assertTrue(e.getMessage().contains("adagrad"));
    assertEquals(Kind.ADAMW, Kind.parse("AdamW"));
  }
}
