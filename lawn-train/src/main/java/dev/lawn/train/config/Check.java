package dev.lawn.train.config;

/** The one-line checks the settings' constructors share; each message names its option in kebab case. */
final class Check {

  private Check() {}

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  static void positive(String option, int value) {
    require(value >= 1, option + " must be positive, got " + value);
  }

  static void nonNegative(String option, int value) {
    require(value >= 0, option + " must be >= 0, got " + value);
  }

  static void nonNegative(String option, double value) {
    require(Double.isFinite(value) && value >= 0, option + " must be a finite number >= 0, got " + value);
  }

  static void positive(String option, double value) {
    require(Double.isFinite(value) && value > 0, option + " must be a finite number > 0, got " + value);
  }

  static String named(String option, String value) {
    require(value != null && !value.isBlank(), option + " is required");
    return value.strip();
  }
}
