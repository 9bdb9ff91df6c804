package dev.lawn.train.distributed;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GraphImportGraphDef;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ImportGraphDefOptionsAddInputMapping;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ImportGraphDefOptionsRemapControlDependency;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_ImportGraphDefOptionsSetPrefix;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_ImportGraphDefOptions;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;

/**
 * The only place that reaches below TF-Java 1.1.0's public API. Two things distribution needs have
 * no public entry point there:
 *
 * <ul>
 *   <li>a {@link Session} on a target ({@code grpc://host:port}): {@code Session} ignores its
 *       {@code target}; we create the native session with the C API's {@code TF_SetTarget} and wrap
 *       it with the package-private {@code Session(Graph, TF_Session)} constructor;
 *   <li>importing a {@code GraphDef} into an existing graph with an input map (how towers share the
 *       model's variables and get their own devices): {@code Graph.importGraphDef} has no input
 *       map, so we call {@code TF_GraphImportGraphDef} on the graph's native handle
 *       ({@code Graph.ref().nativeHandle()}, package-private).
 * </ul>
 *
 * <p>Why reflection rather than a class of ours in package {@code org.tensorflow}: a split package
 * is refused under the module system and surprises every reader of a jar, while two reflective
 * look-ups keep the dependency on TF-Java's internals in this one file, fail at the first call with
 * a message naming the missing member, and need nothing outside {@code dev.lawn}. Both ways are tied to TF-Java 1.1.0's internals; re-check on upgrade (1.2.0 may
 * expose a session target).
 */
final class TensorFlowInternals {

  private static final String HINT = " (TF-Java internals changed? This code was written against 1.1.0)";

  private TensorFlowInternals() {}

  /** A native session and the names of the devices it can place ops on. */
  record OpenedSession(Session session, List<String> devices) {}

  /**
   * Opens a session on {@code graph}: in this process when {@code target} is null, else on the
   * TensorFlow server at {@code target} ({@code grpc://host:port}). Creating the session does not
   * contact the server; listing its devices does.
   */
  static OpenedSession openSession(Graph graph, String target, ConfigProto config) {
    TF_Session nativeSession;
    try (GraphHandle handle = new GraphHandle(graph); PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      BytePointer bytes = new BytePointer(config.toByteArray());
      TF_SetConfig(options, bytes, bytes.capacity(), status);
      status.throwExceptionIfNotOK();
      if (target != null) {
        TF_SetTarget(options, target);
      }
      nativeSession = TF_Session.newSession(handle.graph, options, status);
      status.throwExceptionIfNotOK();
      nativeSession.retainReference(); // as Session.allocate does: the Session releases it on close
    }
    Session session = wrap(graph, nativeSession);
    try {
      return new OpenedSession(session, listDevices(nativeSession));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static List<String> listDevices(TF_Session session) {
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_DeviceList list = TF_SessionListDevices(session, status);
      status.throwExceptionIfNotOK();
      try {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(list); i++) {
          BytePointer name = TF_DeviceListName(list, i, status);
          status.throwExceptionIfNotOK();
          names.add(name.getString());
        }
        return names;
      } finally {
        TF_DeleteDeviceList(list);
      }
    }
  }

  /**
   * Imports {@code def} into {@code graph} under {@code prefix}. References in {@code def} to the
   * tensors named in {@code inputs} ({@code node:index}) are wired to the given outputs of
   * {@code graph}, control references to the nodes named in {@code controls} to those operations;
   * such nodes need not be part of {@code def}.
   */
  static void importGraphDef(Graph graph, GraphDef def, String prefix, Map<String, Output<?>> inputs,
      Map<String, GraphOperation> controls) {
    try (GraphHandle handle = new GraphHandle(graph); PointerScope scope = new PointerScope()) {
      TF_ImportGraphDefOptions options = TF_ImportGraphDefOptions.newImportGraphDefOptions();
      TF_ImportGraphDefOptionsSetPrefix(options, prefix);
      for (Map.Entry<String, Output<?>> e : inputs.entrySet()) {
        int colon = e.getKey().lastIndexOf(':');
        TF_Output to = new TF_Output();
        to.oper(((GraphOperation) e.getValue().op()).getUnsafeNativeHandle());
        to.index(e.getValue().index());
        TF_ImportGraphDefOptionsAddInputMapping(options, e.getKey().substring(0, colon),
            Integer.parseInt(e.getKey().substring(colon + 1)), to);
      }
      for (Map.Entry<String, GraphOperation> e : controls.entrySet()) {
        TF_ImportGraphDefOptionsRemapControlDependency(options, e.getKey(), e.getValue().getUnsafeNativeHandle());
      }
      TF_Buffer buffer = TF_Buffer.newBufferFromString(def);
      TF_Status status = TF_Status.newStatus();
      TF_GraphImportGraphDef(handle.graph, buffer, options, status);
      status.throwExceptionIfNotOK();
    }
  }

  private static Session wrap(Graph graph, TF_Session nativeSession) {
    try {
      Constructor<Session> c = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      c.setAccessible(true);
      return c.newInstance(graph, nativeSession);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new IllegalStateException("cannot reach Session(Graph, TF_Session)" + HINT, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Session(Graph, TF_Session) failed" + HINT, e.getCause());
    }
  }

  /** {@code graph.ref()}: keeps the native graph alive until closed. */
  private static final class GraphHandle implements AutoCloseable {
    final TF_Graph graph;
    private final AutoCloseable reference;

    GraphHandle(Graph g) {
      AutoCloseable ref = null;
      try {
        Method refMethod = Graph.class.getDeclaredMethod("ref");
        refMethod.setAccessible(true);
        ref = (AutoCloseable) refMethod.invoke(g);
        Method nativeHandle = ref.getClass().getDeclaredMethod("nativeHandle");
        nativeHandle.setAccessible(true);
        graph = (TF_Graph) nativeHandle.invoke(ref);
        reference = ref;
      } catch (NoSuchMethodException | IllegalAccessException e) {
        release(ref);
        throw new IllegalStateException("cannot reach Graph.ref().nativeHandle()" + HINT, e);
      } catch (InvocationTargetException e) {
        release(ref);
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }

    private static void release(AutoCloseable ref) {
      if (ref != null) {
        try {
          ref.close();
        } catch (Exception ignored) {
          // already failing: the first error is the one to report
        }
      }
    }

    @Override
    public void close() {
      try {
        reference.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
