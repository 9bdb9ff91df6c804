package dev.lawn.ops.gpu;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * Lists the devices TensorFlow registers in this process. TF-Java 1.1.0 has no public API for it, so
 * this goes through the C API ({@code TFE_ContextListDevices}) of a throw-away eager context, which
 * registers the process's local devices just as a graph {@code Session} does.
 */
final class VisibleDevices {

  /** One device as TensorFlow names it, e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0}. */
  record Device(String name, String type) {}

  private VisibleDevices() {}

  /** The local devices, in TensorFlow's order. */
  static List<Device> list() {
    try (TF_Status status = TF_Status.newStatus();
        TFE_ContextOptions options = TFE_ContextOptions.newContextOptions();
        TFE_Context context = TFE_Context.newContext(options, status)) {
      status.throwExceptionIfNotOK();
      TF_DeviceList devices = TFE_ContextListDevices(context, status);
      status.throwExceptionIfNotOK();
      try {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          String name = TF_DeviceListName(devices, i, status).getString();
          String type = TF_DeviceListType(devices, i, status).getString();
          status.throwExceptionIfNotOK();
          out.add(new Device(name, type));
        }
        return out;
      } finally {
        TF_DeleteDeviceList(devices);
      }
    }
  }
}
