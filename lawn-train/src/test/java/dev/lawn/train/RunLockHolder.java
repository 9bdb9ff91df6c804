package dev.lawn.train;

import java.nio.file.Path;

/** A second process for {@link RunLockTest}: locks the folder {@code args[0]}, says so, and holds it until killed. */
public final class RunLockHolder {

  /** Printed once the lock is held. */
  static final String HELD = "held";

  private RunLockHolder() {}

  public static void main(String[] args) throws Exception {
    RunLock lock = RunLock.acquire(Path.of(args[0]));
    System.out.println(HELD + " " + lock.directory());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
