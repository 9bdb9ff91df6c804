package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneDnnHazardTest {

  private static final String ZEN4 = "fpu vme sse2 avx2 avx512f avx512dq avx512_bf16 avx_vnni";
  private static final String ZEN3 = "fpu vme sse2 avx2 fma";

  private static Optional<String> warning(String onednn, String flags, boolean convolutional) {
    return OneDnnHazard.warning(new ComputeEnvironment("cpu", flags, onednn), convolutional);
  }

  @Test
  void warnsForConvolutionsOnAvx512WithOneDnnOn() {
    Optional<String> w = warning(null, ZEN4, true);
    assertTrue(w.orElseThrow().contains("TF_ENABLE_ONEDNN_OPTS=0"), w.toString());
    assertTrue(warning("1", ZEN4, true).isPresent());
    assertTrue(warning("True", ZEN4, true).isPresent());
  }

  @Test
  void quietOtherwise() {
    assertEquals(Optional.empty(), warning("0", ZEN4, true), "oneDNN off");
    assertEquals(Optional.empty(), warning("false", ZEN4, true), "oneDNN off");
    assertEquals(Optional.empty(), warning(null, ZEN3, true), "no AVX-512");
    assertEquals(Optional.empty(), warning(null, ZEN4, false), "no convolution");
    assertEquals(Optional.empty(), warning(null, "", true), "flags unknown");
  }
}
