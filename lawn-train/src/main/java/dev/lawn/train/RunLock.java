package dev.lawn.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An operating-system lock on a run folder, held for the length of a run so that two processes
 * never write one folder: the second fails at once, naming the folder and the holder's PID.
 *
 * <p>The lock is {@link FileChannel#tryLock()} on {@value #FILE} inside the folder, which records the
 * holder's PID (for the message only: the lock is what excludes). The operating system drops the
 * lock when the holding process dies, however it dies, so a run killed with {@code kill -9} never
 * blocks the next one; the file itself stays (deleting it would let a process that opened it just
 * before lock a file no one else sees).
 *
 * <p>Locks are per process, not per thread: on Linux, closing <em>any</em> channel of a file
 * releases every lock this JVM holds on it. So this class never opens a second channel on a folder
 * it already holds; it keeps the folders it holds in a table and refuses a second holder in the
 * same JVM with the same message.
 */
public final class RunLock implements AutoCloseable {

  /** The lock file's name inside the run folder. */
  public static final String FILE = ".lock";

  /** Folders locked by this JVM (real paths), so that a second attempt never opens a channel. */
  private static final Map<Path, RunLock> HELD = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path dir, Path key, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, creating it (and the lock file) if needed, and records this process's PID.
   *
   * @throws InUseException when another process, or another run of this JVM, holds the folder
   * @throws IOException when the folder or the lock file cannot be created or locked
   */
  public static RunLock acquire(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.toRealPath();
    Path file = dir.resolve(FILE);
    synchronized (HELD) {
      if (HELD.containsKey(key)) {
        throw new InUseException(dir, ProcessHandle.current().pid() + ", this process");
      }
      // CREATE without TRUNCATE_EXISTING: opening a held lock file leaves it (and the folder) unchanged.
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held in this JVM through another channel (not through this class)
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw new IOException("cannot lock " + file + ": " + e.getMessage(), e);
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new InUseException(dir, holder);
      }
      RunLock held = new RunLock(dir, key, channel, lock);
      held.recordPid();
      HELD.put(key, held);
      return held;
    }
  }

  /**
   * Whether this JVM holds {@code dir} through this class (a run of this process is writing it).
   * Opens nothing: it only consults the table of held folders.
   */
  public static boolean isHeldByThisProcess(Path dir) {
    try {
      return HELD.containsKey(dir.toRealPath());
    } catch (IOException e) {
      return false; // a folder that cannot be resolved cannot have been locked
    }
  }

  /**
   * What {@code dir}'s lock file says, for a reader that must not disturb a holder: empty when this
   * JVM holds the folder (reading the file would open, then close, a descriptor on it, which on Linux
   * releases this process's lock) or when there is no lock file; else the file's text, stripped.
   * Runs under the table's monitor, so no {@link #acquire} of this JVM can start between the check
   * and the read. The text is whatever the file holds: the caller checks that it is a PID.
   *
   * @throws IOException when the file exists but cannot be read
   */
  static Optional<String> recordedHolderUnlessHeldHere(Path dir) throws IOException {
    synchronized (HELD) {
      Path file = dir.resolve(FILE);
      if (isHeldByThisProcess(dir) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      // Another process's lock is not ours to lose; a PID takes a few bytes, a stranger's file may be huge.
      try (var in = Files.newInputStream(file)) {
        return Optional.of(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
      }
    }
  }

  /** The folder this lock holds. */
  public Path directory() {
    return dir;
  }

  /** Releases the lock (the file stays, with the last holder's PID). Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (HELD) {
      if (HELD.remove(key, this)) {
        try {
          lock.release();
        } finally {
          channel.close();
        }
      }
    }
  }

  /**
   * Writes this process's PID into the lock file. Best effort: the PID only serves the message of a
   * second process, and a disk that cannot take a few bytes fails the run's first real write anyway.
   */
  private void recordPid() {
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
    } catch (IOException e) {
      // see above: the lock holds without the PID
    }
  }

  /** The PID the holder recorded, or "unknown" when it has not written it yet (or could not). */
  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
      return text.matches("[0-9]{1,19}") ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A run folder held by another process (or another run in this one): a user error, to wait for or to avoid. */
  public static final class InUseException extends IllegalArgumentException {

    private final transient Path dir;

    InUseException(Path dir, String holder) {
      super(dir + " is in use by another lawn run (PID " + holder + "; lock file " + dir.resolve(FILE)
          + "); wait for it to end or choose another output folder");
      this.dir = dir;
    }

    /** The folder in use. */
    public Path directory() {
      return dir;
    }
  }
}
