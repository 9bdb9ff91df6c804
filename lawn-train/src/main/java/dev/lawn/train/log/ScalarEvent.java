package dev.lawn.train.log;

/**
 * One scalar read back from an events file.
 *
 * @param tag summary tag, e.g. {@code train/loss}
 * @param step global step of the event
 * @param value the scalar
 * @param wallTime seconds since the epoch when it was written
 */
public record ScalarEvent(String tag, long step, float value, double wallTime) {}
