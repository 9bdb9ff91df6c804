package dev.lawn.ops;

import dev.lawn.ops.optim.OptimizerSpec;
import dev.lawn.ops.optim.OptimizerSpec.Kind;

/**
 * Plain-Java float64 reference of the base optimizers and of LAWN (free steps, switch, Algorithm 1),
 * written straight from the papers, independent of the graph code.
 */
final class ReferenceOptimizer {

  final OptimizerSpec spec;
  final double[][] w;
  final boolean[] decays; // weight decay / trust ratio applies (LAMB: not bias/norm)
  final double[][] m;
  final double[][] v;
  final int[][] groups; // variable indices per constrained group
  final double[] c;
  final boolean[] active;
  boolean constrained;
  long t;
  /**
   * Where LAMB's trust ratio is taken. LAWN's choice is {@link TrustRatio#PER_VARIABLE}; the others
   * exist so that tests can show the choice matters.
   */
  TrustRatio trustRatio = TrustRatio.PER_VARIABLE;
  /**
   * Whether {@link OptimizerSpec#clipNorm} clips the raw gradient before LAWN projects it; LAWN's
   * chain clips the projected one (false), this exists so that tests can show the order matters.
   */
  boolean clipBeforeProjection;

  enum TrustRatio {
    /** {@code ||w_i|| / ||u_i||} per variable, on the direction before the step is projected. */
    PER_VARIABLE,
    /** The same ratio, on the direction after it is projected onto the tangent space. */
    AFTER_PROJECTION,
    /** One ratio per constrained group (kernel and bias together), before the projection. */
    PER_GROUP
  }

  ReferenceOptimizer(OptimizerSpec spec, float[][] init, boolean[] weightsOnly, int[][] groups) {
    this.spec = spec;
    this.w = new double[init.length][];
    this.m = new double[init.length][];
    this.v = new double[init.length][];
    for (int i = 0; i < init.length; i++) {
      w[i] = new double[init[i].length];
      for (int j = 0; j < init[i].length; j++) {
        w[i][j] = init[i][j];
      }
      m[i] = new double[init[i].length];
      v[i] = new double[init[i].length];
    }
    this.decays = weightsOnly;
    this.groups = groups;
    this.c = new double[groups.length];
    this.active = new boolean[groups.length];
  }

  void switchToConstrained(String unused, double alpha, int attenuatedGroup) {
    for (int g = 0; g < groups.length; g++) {
      if (g == attenuatedGroup) {
        for (int i : groups[g]) {
          for (int j = 0; j < w[i].length; j++) {
            w[i][j] *= alpha;
          }
        }
      }
      c[g] = Math.sqrt(dot(g, w, w));
      active[g] = c[g] > Lawn.MIN_NORM;
    }
    constrained = true;
  }

  /** Forgets the optimizer's state (m, v and the bias-correction count): the choice LAWN does not make. */
  void resetState() {
    for (int i = 0; i < w.length; i++) {
      java.util.Arrays.fill(m[i], 0);
      java.util.Arrays.fill(v[i], 0);
    }
    t = 0;
  }

  void step(float[][] grads, double lr) {
    double[][] g = new double[grads.length][];
    for (int i = 0; i < grads.length; i++) {
      g[i] = new double[grads[i].length];
      for (int j = 0; j < g[i].length; j++) {
        g[i][j] = grads[i][j];
      }
    }
    double[][] wBefore = copy(w);
    if (clipBeforeProjection) {
      clip(g);
    }
    if (constrained) {
      project(g, wBefore);
    }
    if (!clipBeforeProjection) {
      clip(g);
    }
    double[][] r = direction(g);
    if (trustRatio == TrustRatio.PER_GROUP) {
      groupTrustRatios(r);
    }
    if (constrained) {
      project(r, wBefore);
    }
    if (trustRatio == TrustRatio.AFTER_PROJECTION) {
      variableTrustRatios(r);
    }
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w[i].length; j++) {
        w[i][j] -= lr * r[i][j];
      }
    }
    if (constrained) {
      for (int gi = 0; gi < groups.length; gi++) {
        if (!active[gi]) {
          continue;
        }
        double factor = c[gi] / Math.sqrt(dot(gi, w, w));
        for (int i : groups[gi]) {
          for (int j = 0; j < w[i].length; j++) {
            w[i][j] *= factor;
          }
        }
      }
    }
    t++;
  }

  /** Scales all of {@code g} by {@code min(1, clipNorm / ||g||)} (optax's clip_by_global_norm); 0 = off. */
  private void clip(double[][] g) {
    double max = spec.clipNorm();
    if (max == 0) {
      return;
    }
    double norm = Math.sqrt(globalSquaredNorm(g));
    if (norm > max) {
      for (double[] x : g) {
        scale(x, max / norm);
      }
    }
  }

  static double globalSquaredNorm(double[][] x) {
    double s = 0;
    for (double[] xi : x) {
      s += sq(xi);
    }
    return s;
  }

  private double[][] direction(double[][] g) {
    double wd = spec.weightDecay();
    double[][] r = new double[g.length][];
    long count = t + 1;
    for (int i = 0; i < g.length; i++) {
      r[i] = new double[g[i].length];
      double[] gi = g[i].clone();
      if (spec.kind() == Kind.SGD || spec.kind() == Kind.ADAM) {
        for (int j = 0; j < gi.length; j++) {
          gi[j] += wd * w[i][j];
        }
      }
      if (spec.kind() == Kind.SGD) {
        for (int j = 0; j < gi.length; j++) {
          m[i][j] = spec.momentum() * m[i][j] + gi[j];
          r[i][j] = m[i][j];
        }
        continue;
      }
      double b1 = spec.beta1();
      double b2 = spec.beta2();
      for (int j = 0; j < gi.length; j++) {
        m[i][j] = b1 * m[i][j] + (1 - b1) * gi[j];
        v[i][j] = b2 * v[i][j] + (1 - b2) * gi[j] * gi[j];
        double mHat = m[i][j] / (1 - Math.pow(b1, count));
        double vHat = v[i][j] / (1 - Math.pow(b2, count));
        r[i][j] = mHat / (Math.sqrt(vHat) + spec.epsilon());
      }
      if (spec.kind() == Kind.ADAMW || (spec.kind() == Kind.LAMB && decays[i])) {
        for (int j = 0; j < gi.length; j++) {
          r[i][j] += wd * w[i][j];
        }
      }
    }
    if (trustRatio == TrustRatio.PER_VARIABLE) {
      variableTrustRatios(r);
    }
    return r;
  }

  /** LAMB's {@code ||w_i|| / ||r_i||} on each variable the mask selects (1 where either norm is 0). */
  private void variableTrustRatios(double[][] r) {
    for (int i = 0; i < r.length; i++) {
      if (spec.kind() == Kind.LAMB && decays[i]) {
        scale(r[i], ratio(sq(w[i]), sq(r[i])));
      }
    }
  }

  /** One ratio per group over all its members; variables outside the groups per variable. */
  private void groupTrustRatios(double[][] r) {
    if (spec.kind() != Kind.LAMB) {
      return;
    }
    boolean[] grouped = new boolean[r.length];
    for (int g = 0; g < groups.length; g++) {
      double ratio = ratio(dot(g, w, w), dot(g, r, r));
      for (int i : groups[g]) {
        grouped[i] = true;
        scale(r[i], ratio);
      }
    }
    for (int i = 0; i < r.length; i++) {
      if (!grouped[i] && decays[i]) {
        scale(r[i], ratio(sq(w[i]), sq(r[i])));
      }
    }
  }

  private static double ratio(double wSquared, double rSquared) {
    return wSquared > 0 && rSquared > 0 ? Math.sqrt(wSquared) / Math.sqrt(rSquared) : 1;
  }

  private static void scale(double[] x, double factor) {
    for (int j = 0; j < x.length; j++) {
      x[j] *= factor;
    }
  }

  private void project(double[][] x, double[][] at) {
    for (int gi = 0; gi < groups.length; gi++) {
      if (!active[gi]) {
        continue;
      }
      double coef = dotAcross(gi, at, x) / dot(gi, at, at);
      for (int i : groups[gi]) {
        for (int j = 0; j < x[i].length; j++) {
          x[i][j] -= coef * at[i][j];
        }
      }
    }
  }

  double groupNorm(int g) {
    return Math.sqrt(dot(g, w, w));
  }

  private double dot(int g, double[][] a, double[][] b) {
    return dotAcross(g, a, b);
  }

  private double dotAcross(int g, double[][] a, double[][] b) {
    double s = 0;
    for (int i : groups[g]) {
      for (int j = 0; j < a[i].length; j++) {
        s += a[i][j] * b[i][j];
      }
    }
    return s;
  }

  private static double sq(double[] x) {
    double s = 0;
    for (double d : x) {
      s += d * d;
    }
    return s;
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }
}
