package dev.lawn.data.fuzz;

/** A corrupted copy of one seed file and how it was made, precise enough to redo by hand. */
record Mutant(String fileName, byte[] bytes, String description) {}
