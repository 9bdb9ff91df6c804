package dev.lawn.bench.reliability;

/**
 * Least-squares line {@code y = intercept + slope * x}.
 *
 * @param slope change of y per unit of x
 * @param intercept y at x = 0
 */
public record LinearFit(double slope, double intercept) {

  /**
   * Fits {@code ys} against {@code xs}.
   *
   * @throws IllegalArgumentException for fewer than two points, unequal lengths or all-equal xs
   */
  public static LinearFit of(double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length < 2) {
      throw new IllegalArgumentException("need two or more (x, y) pairs, got " + xs.length + " x and " + ys.length + " y");
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < xs.length; i++) {
      mx += xs[i];
      my += ys[i];
    }
    mx /= xs.length;
    my /= ys.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) * (xs[i] - mx);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("all x values are equal: no slope");
    }
    double slope = sxy / sxx;
    return new LinearFit(slope, my - slope * mx);
  }
}
