package dev.lawn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What decides a CPU run's arithmetic beyond its configuration: the CPU (its vector instructions
 * choose TensorFlow's and oneDNN's kernels) and whether TensorFlow's oneDNN kernels are on. The same
 * configuration and seed give the same numbers only on the same of these (a run of the same settings on
 * another machine differed from the first epoch in lawn's Fashion-MNIST study), so summary.json
 * records them: {@code cpu}, {@code cpu_avx512}, {@code onednn}.
 *
 * @param cpu the CPU's model name ({@code /proc/cpuinfo}), or empty when unknown
 * @param cpuFlags the CPU's flags, space-separated, or empty when unknown
 * @param onednnSetting {@code TF_ENABLE_ONEDNN_OPTS} as this JVM sees it, or null when unset
 */
record ComputeEnvironment(String cpu, String cpuFlags, String onednnSetting) {

  /** This JVM's machine and environment. */
  static ComputeEnvironment current() {
    List<String> info;
    try {
      info = Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      info = List.of(); // not Linux: unknown
    }
    return new ComputeEnvironment(field(info, "model name"), field(info, "flags"), System.getenv("TF_ENABLE_ONEDNN_OPTS"));
  }

  private static String field(List<String> cpuinfo, String name) {
    return cpuinfo.stream().filter(l -> l.startsWith(name)).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
  }

  /** Whether the CPU has AVX-512 (its foundation instructions). */
  boolean avx512() {
    return Set.of(cpuFlags.split("\\s+")).contains("avx512f");
  }

  /** Whether TensorFlow's oneDNN kernels are on: unless the variable says 0 or false (TensorFlow's default on x86 Linux). */
  boolean onednn() {
    return onednnSetting == null || Set.of("1", "true").contains(onednnSetting.strip().toLowerCase(Locale.ROOT));
  }

  /** The fields summary.json gets. */
  Map<String, Object> summaryFields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpu", cpu.isEmpty() ? null : cpu);
    out.put("cpu_avx512", cpuFlags.isEmpty() ? null : avx512());
    out.put("onednn", onednn());
    return out;
  }
}
