package dev.lawn.models.layers;

/** Spatial padding of convolutions and pools, as TensorFlow defines it. */
public enum Padding {
  /** Output size {@code ceil(in / stride)}; pads (more at the bottom/right) as needed. */
  SAME,
  /** No padding: output size {@code ceil((in - window + 1) / stride)}. */
  VALID
}
