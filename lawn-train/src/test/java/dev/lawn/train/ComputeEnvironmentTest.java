package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeEnvironmentTest {

  @Test
  void recordsTheCpuAndTheKernelChoice() {
    ComputeEnvironment zen4 = new ComputeEnvironment("AMD EPYC", "fpu sse2 avx2 avx512f avx512_bf16", null);
    assertTrue(zen4.avx512());
    assertTrue(zen4.onednn(), "TensorFlow's default");
    assertEquals(Map.of("cpu", "AMD EPYC", "cpu_avx512", true, "onednn", true), zen4.summaryFields());
    ComputeEnvironment off = new ComputeEnvironment("x", "avx2 avx512fx", "0");
    assertFalse(off.avx512(), "a flag's prefix is not the flag");
    assertFalse(off.onednn());
    Map<String, Object> unknown = new HashMap<>();
    unknown.put("cpu", null);
    unknown.put("cpu_avx512", null);
    unknown.put("onednn", true);
    assertEquals(unknown, new ComputeEnvironment("", "", "TRUE").summaryFields(), "off Linux: unknown, not false");
  }
}
