package dev.lawn.serving;

/**
 * The predicted class of one image.
 *
 * @param source where the image came from: a file relative to the folder given, or {@code FILE#index} for IDX
 * @param label the image's true class when its folder names one of the model's classes, else -1
 * @param predicted the most probable class (the lower index on ties)
 * @param className the predicted class's name, or its index as text when the model has no names
 * @param probability the predicted class's probability
 * @param probabilities every class's probability, in class order
 */
public record ClassPrediction(String source, int label, int predicted, String className, float probability,
    float[] probabilities) {}
