package dev.lawn.serving;

/**
 * One recommended item.
 *
 * @param userId the data set's id of the user
 * @param rank 1 for the best item
 * @param itemId the data set's id of the item
 * @param title the item's title, or "" where the data set has none
 * @param score the model's score (sigmoid probability of an interaction)
 */
public record Recommendation(int userId, int rank, int itemId, String title, float score) {}
