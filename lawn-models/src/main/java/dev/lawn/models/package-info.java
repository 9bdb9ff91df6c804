/**
 * Models for LAWN experiments as TF-Java graph builders.
 *
 * <p>{@link dev.lawn.models.ModelZoo} builds the paper's models by name into a caller's
 * {@code Ops} scope and returns a {@link dev.lawn.models.Model}: inputs, logits, a training flag,
 * trainable variables tagged with their layer and {@link dev.lawn.ops.VariableRole}, update ops and
 * a Keras-like summary. Custom models compose layers from {@link dev.lawn.models.layers} with a
 * {@link dev.lawn.models.ModelBuilder} (functional) or a {@link dev.lawn.models.layers.Sequential}.
 * Every op used has a built-in graph-mode gradient; no custom gradient is registered.
 */
package dev.lawn.models;
