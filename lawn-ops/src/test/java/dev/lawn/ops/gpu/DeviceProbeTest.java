package dev.lawn.ops.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Probe of the TensorFlow natives actually in use: which classifier loaded, which devices TF sees,
 * and where an op pinned to {@code GPU:0} runs. Opt-in ({@code -Dlawn.gpu.probe=true}) because it
 * checks the build set-up rather than lawn's code; run it under {@code -Pgpu} to check the GPU
 * natives (see {@code docs/GPU.md}). Optional {@code -Dlawn.gpu.expect=linux-x86_64-gpu} asserts
 * which classifier must be in use.
 *
 * <p>Without an NVIDIA driver the GPU natives must still load and run every op on the CPU; with a
 * driver the device list is printed but GPU execution is not asserted.
 */
@EnabledIfSystemProperty(named = "lawn.gpu.probe", matches = "true")
class DeviceProbeTest {

  private static final DeviceSpec GPU_0 =
      DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();
  private static final String PINNED_OP = "probe_square";

  /** The kernel driver exposes this file; without it CUDA cannot initialise (cuInit fails). */
  static boolean nvidiaDriverPresent() {
    return Files.exists(Path.of("/proc/driver/nvidia/version"));
  }

  private static void report(String line) {
    System.out.println("[gpu-probe] " + line);
  }

  @Test
  void exactlyOneNativeClassifierIsOnTheClasspath() {
    Set<String> classifiers = NativeClassifier.onClasspath();
    report("native classifiers on the classpath: " + classifiers);
    assertEquals(1, classifiers.size(), "exactly one tensorflow-core-native classifier: " + classifiers);
    String expected = System.getProperty("lawn.gpu.expect");
    if (expected != null) {
      assertEquals(Set.of(expected), classifiers, "-Dlawn.gpu.expect");
    }
  }

  @Test
  void allNativesLoadFromTheClassifierOnTheClasspath() throws Exception {
    Map<String, String> libraries = NativeClassifier.loadedTensorFlowLibraries();
    report("TensorFlow " + TensorFlow.version() + ", JavaCPP cache " + Loader.getCacheDir());
    libraries.forEach((name, file) -> report("loaded " + name + " <- " + file));
    assertTrue(libraries.size() >= 3, "jnitensorflow, tensorflow_cc and tensorflow_framework: " + libraries);
    Set<String> dirs = NativeClassifier.loadedFrom(libraries);
    assertEquals(NativeClassifier.onClasspath(), dirs, "every loaded library from the one classifier");
  }

  @Test
  void listsDevicesAndHasNoGpuWithoutDriver() {
    List<VisibleDevices.Device> devices = VisibleDevices.list();
    devices.forEach(d -> report("device " + d.type() + " " + d.name()));
    report("NVIDIA driver present: " + nvidiaDriverPresent());
    assertTrue(devices.stream().anyMatch(d -> d.type().equals("CPU")), "a CPU device: " + devices);
    if (!nvidiaDriverPresent()) {
      assertFalse(devices.stream().anyMatch(d -> d.type().equals("GPU")), "no GPU without a driver: " + devices);
    }
  }

  @Test
  void opPinnedToGpuRunsWithSoftPlacement() {
    ConfigProto soft = ConfigProto.newBuilder().setAllowSoftPlacement(true).setLogDevicePlacement(true).build();
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (Graph g = new Graph(); Session s = new Session(g, soft);
        TFloat32 input = TFloat32.vectorOf(1f, 2f, 3f)) {
      Ops tf = Ops.create(g);
      // A placeholder, not a constant: Grappler would fold a constant product away.
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Operand<TFloat32> square = tf.withDevice(GPU_0).withName(PINNED_OP).math.mul(x, x);
      try (Result r = s.runner().feed(x, input).fetch(square).setOptions(trace).runAndFetchMetadata()) {
        TFloat32 out = (TFloat32) r.get(0);
        assertArrayEquals(new float[] {1f, 4f, 9f},
            new float[] {out.getFloat(0), out.getFloat(1), out.getFloat(2)});
        List<String> ranOn = devicesThatRan(r.getMetadata().orElseThrow(), PINNED_OP);
        report(PINNED_OP + " (pinned to " + GPU_0 + ") ran on " + ranOn);
        assertFalse(ranOn.isEmpty(), "the step stats name the pinned op's device");
        if (!nvidiaDriverPresent()) {
          assertTrue(ranOn.stream().allMatch(d -> d.contains("CPU")), "falls back to CPU: " + ranOn);
        }
      }
    }
  }

  @Test
  void strictGpuPlacementFailsWithoutDriver() {
    assumeFalse(nvidiaDriverPresent(), "a driver is present: strict GPU placement may succeed");
    ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
    try (Graph g = new Graph(); Session s = new Session(g, strict);
        TFloat32 input = TFloat32.vectorOf(1f)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Operand<TFloat32> square = tf.withDevice(GPU_0).math.mul(x, x);
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        try (Result r = s.runner().feed(x, input).fetch(square).run()) {
          r.get(0);
        }
      });
      report("strict placement on GPU:0 fails: " + e.getClass().getSimpleName() + ": "
          + e.getMessage().lines().findFirst().orElse(""));
      assertTrue(e.getMessage().contains("GPU"), "the error names the missing GPU: " + e.getMessage());
    }
  }

  private static List<String> devicesThatRan(RunMetadata metadata, String node) {
    return metadata.getStepStats().getDevStatsList().stream()
        .filter(d -> d.getNodeStatsList().stream().anyMatch(n -> n.getNodeName().equals(node)))
        .map(DeviceStepStats::getDevice)
        .toList();
  }
}
