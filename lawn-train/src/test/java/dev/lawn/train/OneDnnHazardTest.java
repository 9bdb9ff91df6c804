package dev.lawn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneDnnHazardTest {

  private static final String ZEN4 = "flags\t\t: fpu vme sse2 avx2 avx512f avx512dq avx512_bf16 avx_vnni";
  private static final String ZEN3 = "flags\t\t: fpu vme sse2 avx2 fma";

  @Test
  void warnsForConvolutionsOnAvx512WithOneDnnOn() {
    Optional<String> w = OneDnnHazard.warning(null, ZEN4, true);
    assertTrue(w.orElseThrow().contains("TF_ENABLE_ONEDNN_OPTS=0"), w.toString());
    assertTrue(OneDnnHazard.warning("1", ZEN4, true).isPresent());
    assertTrue(OneDnnHazard.warning("True", ZEN4, true).isPresent());
  }

  @Test
  void quietOtherwise() {
    assertEquals(Optional.empty(), OneDnnHazard.warning("0", ZEN4, true), "oneDNN off");
    assertEquals(Optional.empty(), OneDnnHazard.warning("false", ZEN4, true), "oneDNN off");
    assertEquals(Optional.empty(), OneDnnHazard.warning(null, ZEN3, true), "no AVX-512");
    assertEquals(Optional.empty(), OneDnnHazard.warning(null, "flags : avx512fx", true), "a flag's prefix is not the flag");
    assertEquals(Optional.empty(), OneDnnHazard.warning(null, ZEN4, false), "no convolution");
    assertEquals(Optional.empty(), OneDnnHazard.warning(null, "", true), "flags unknown");
  }
}
