package dev.lawn.train.distributed;

import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;

/** How {@link Towers} rewrites a template node for one tower: its device and its random seed. */
final class NodePlacement {

  private NodePlacement() {}

  /**
   * The node with the tower's device. Ops that write a variable in place (batch-norm statistics
   * updates) keep no device: they run where the variable lives. Stateful random ops get a
   * per-tower seed so towers draw different numbers.
   */
  static NodeDef placed(NodeDef node, DeviceSpec device, int tower, List<String> variables) {
    // Colocation hints ("_class", set by gradient builders) would name nodes by their template
    // names; every node gets an explicit device instead.
    NodeDef.Builder b = node.toBuilder().removeAttr("_class");
    if (!writesVariable(node, variables)) {
      b.setDevice(device.toString());
    }
    AttrValue seed2 = node.getAttrMap().get("seed2");
    if (tower > 0 && seed2 != null && node.getAttrMap().containsKey("seed") && !node.getOp().startsWith("Stateless")) {
      b.putAttr("seed2", AttrValue.newBuilder().setI(seed2.getI() + 0x9E3779B97F4A7C15L * tower).build());
    }
    return b.build();
  }

  private static boolean writesVariable(NodeDef node, List<String> variables) {
    if (node.getOp().equals("Identity")) {
      return false; // a read: runs on the tower, copying the value there
    }
    for (String ref : node.getInputList()) {
      if (!ref.startsWith("^") && variables.contains(TowerTemplate.nodeOf(ref))) {
        return true;
      }
    }
    return false;
  }

  /** The static shape a variable node declares. */
  static long[] dimsOf(NodeDef variable) {
    var shape = variable.getAttrMap().get("shape").getShape();
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.getDim(i).getSize();
    }
    return dims;
  }
}
