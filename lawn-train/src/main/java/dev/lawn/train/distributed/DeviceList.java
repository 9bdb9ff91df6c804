package dev.lawn.train.distributed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;

/**
 * Tower device lists of this process ({@code cpu:N} / {@code gpu:N}): parsed from text as
 * {@code --devices} takes it, checked when given as {@link DeviceSpec}s, and written back as text.
 * Every message names the setting the list came from.
 */
public final class DeviceList {

  private static final Pattern DEVICE = Pattern.compile("(?i)(?:/device:)?(cpu|gpu):([0-9]{1,4})");

  private DeviceList() {}

  /**
   * Parses comma-separated {@code cpu:N} / {@code gpu:N}; null or blank is no device.
   *
   * @param option the setting named in messages
   * @throws IllegalArgumentException naming {@code option} and the malformed or repeated device
   */
  public static List<DeviceSpec> parse(String option, String devices) {
    List<DeviceSpec> out = new ArrayList<>();
    if (devices == null || devices.isBlank()) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (String part : devices.split(",", -1)) {
      Matcher m = DEVICE.matcher(part.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(option + ": '" + part.strip()
            + "' is not a device; use cpu:N or gpu:N, comma-separated (e.g. gpu:0,gpu:1)");
      }
      DeviceSpec.DeviceType type = m.group(1).equalsIgnoreCase("gpu") ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU;
      int index = Integer.parseInt(m.group(2));
      if (!seen.add(type + ":" + index)) {
        throw new IllegalArgumentException(option + ": " + part.strip() + " is listed twice");
      }
      out.add(DeviceSpec.newBuilder().deviceType(type).deviceIndex(index).build());
    }
    return out;
  }

  /**
   * Checks devices given as specs: at least one, each a type and index of this process (no job,
   * replica or task), none twice.
   *
   * @return the devices with nothing but their type and index
   * @throws IllegalArgumentException naming {@code option} and what is wrong
   */
  public static List<DeviceSpec> check(String option, List<DeviceSpec> devices) {
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException(option + ": no devices; name at least one, e.g. cpu:0,cpu:1");
    }
    List<DeviceSpec> out = new ArrayList<>();
    Set<DeviceSpec> seen = new HashSet<>();
    for (DeviceSpec d : devices) {
      if (d == null) {
        throw new IllegalArgumentException(option + ": a device is null");
      }
      if (d.job() != null || d.replica() != null || d.task() != null) {
        throw new IllegalArgumentException(option + ": " + d + " names a job, replica or task; only this process's"
            + " cpu:N and gpu:N are listed here (for a cluster, give a Placement.of(devices, cluster, timeoutSeconds))");
      }
      if (d.deviceType() == null || d.deviceIndex() == null) {
        throw new IllegalArgumentException(option + ": " + d + " needs a device type and index (cpu:N or gpu:N)");
      }
      DeviceSpec plain = DeviceSpec.newBuilder().deviceType(d.deviceType()).deviceIndex(d.deviceIndex()).build();
      if (!seen.add(plain)) {
        throw new IllegalArgumentException(option + ": " + text(List.of(plain)) + " is listed twice");
      }
      out.add(plain);
    }
    return out;
  }

  /** The devices as {@code --devices} writes them: {@code cpu:0,cpu:1}. */
  public static String text(List<DeviceSpec> devices) {
    List<String> names = new ArrayList<>();
    for (DeviceSpec d : devices) {
      names.add(d.deviceType().name().toLowerCase(Locale.ROOT) + ":" + d.deviceIndex());
    }
    return String.join(",", names);
  }
}
