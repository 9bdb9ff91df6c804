/**
 * Keras-like layers on TF-Java graph ops. A layer creates its {@code VariableV2}s in its own name
 * scope through a {@link dev.lawn.models.layers.LayerScope}, which tags each trainable one with the
 * layer and a role (kernel, bias, embedding, batch-norm scale/offset) so that optimizers choose
 * constrained groups and weight-decay exclusions by role, not by name.
 */
package dev.lawn.models.layers;
