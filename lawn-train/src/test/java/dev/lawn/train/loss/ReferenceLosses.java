package dev.lawn.train.loss;

/** Plain-Java float64 definitions of the losses and margins, written from their formulas. */
final class ReferenceLosses {

  private ReferenceLosses() {}

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** log(1 + exp(z)) without overflow. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** -y' log sigmoid(z) - (1 - y') log(1 - sigmoid(z)), y' = y (1 - eps) + eps / 2. */
  static double bce(double z, double y, double eps) {
    double t = y * (1 - eps) + eps / 2;
    return t * softplus(-z) + (1 - t) * softplus(z);
  }

  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  static double logSumExp(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** -sum_k q_k log softmax(z)_k with q = (1 - eps) onehot(y) + eps / K. */
  static double softmaxCe(double[] z, int y, double eps) {
    double lse = logSumExp(z);
    double loss = 0;
    for (int k = 0; k < z.length; k++) {
      double q = (k == y ? 1 - eps : 0) + eps / z.length;
      loss -= q * (z[k] - lse);
    }
    return loss;
  }

  /** -(1 - p)^gamma log p with p = sigmoid((2y - 1) z). */
  static double focalBinary(double z, double y, double gamma) {
    double s = (2 * y - 1) * z;
    double oneMinusP = sigmoid(-s);
    return Math.pow(oneMinusP, gamma) * softplus(-s);
  }

  /** -(1 - p_y)^gamma log p_y with p = softmax(z). */
  static double focalMulti(double[] z, int y, double gamma) {
    double logP = z[y] - logSumExp(z);
    double oneMinusP = -Math.expm1(logP);
    return Math.pow(oneMinusP, gamma) * -logP;
  }

  static double marginMulti(double[] z, int y) {
    double best = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < z.length; k++) {
      if (k != y) {
        best = Math.max(best, z[k]);
      }
    }
    return z[y] - best;
  }

  static double marginBinary(double z, double y) {
    return y == 1 ? z : -z;
  }
}
