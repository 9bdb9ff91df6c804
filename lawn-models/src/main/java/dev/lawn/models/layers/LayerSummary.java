package dev.lawn.models.layers;

import org.tensorflow.ndarray.Shape;

/**
 * One row of a model summary.
 *
 * @param name model-relative path of the layer, e.g. {@code "stage1_block0/conv1"}
 * @param type layer type, e.g. {@code "Conv2D"}
 * @param outputShape static output shape ({@code -1} for the dynamic batch dimension)
 * @param trainableParameters number of trainable scalars the layer owns
 * @param nonTrainableParameters number of non-trainable scalars (batch-norm moving statistics)
 */
public record LayerSummary(
    String name, String type, Shape outputShape, long trainableParameters, long nonTrainableParameters) {}
