package dev.lawn.data.fuzz;

import java.util.List;

/**
 * A {@link FuzzTarget} whose description is fixed when it is built: its report name, its valid seed
 * files, the corruptions suited to their format and the whole-file problems its reader may report.
 * Subclasses add only what is theirs: how to run the reader and the oracles that judge its answer.
 */
abstract class SeededTarget implements FuzzTarget {

  private final String name;
  private final List<SeedFile> seeds;
  private final Corruptor corruptor;
  private final List<String> wholeFileProblems;

  SeededTarget(String name, List<SeedFile> seeds, Corruptor corruptor, List<String> wholeFileProblems) {
    this.name = name;
    this.seeds = List.copyOf(seeds);
    this.corruptor = corruptor;
    this.wholeFileProblems = List.copyOf(wholeFileProblems);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<SeedFile> seeds() {
    return seeds;
  }

  @Override
  public final Corruptor corruptor() {
    return corruptor;
  }

  @Override
  public final List<String> wholeFileProblems() {
    return wholeFileProblems;
  }
}
