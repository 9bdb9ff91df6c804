package dev.lawn.data.fuzz;

import dev.lawn.data.DataFormatException;
import dev.lawn.data.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one target: first the seeds themselves (which must parse), then the seeds cut at every
 * structural boundary, then {@link FuzzSettings#cases()} random corruptions. Each case runs on a
 * worker thread bounded by the per-case timeout and ends in a {@link Verdict}.
 */
final class FuzzCampaign {

  /** Longer messages are not "clean": they echo megabytes of a corrupt line into logs. */
  static final int MAX_MESSAGE_CHARS = 2000;
  /** A run stops after this many timeouts: each leaves a thread spinning. */
  private static final int MAX_TIMEOUTS = 3;
  /** Where reports and failing cases go, relative to the module directory. */
  private static final Path OUTPUT_DIR = Path.of("target");

  private final FuzzTarget target;
  private final FuzzSettings settings;
  private final CaseFiles files;
  private final FuzzReport report;
  private final Path outputDir;
  private final boolean echo;
  private ExecutorService worker = newWorker();
  private int timeouts;

  private FuzzCampaign(FuzzTarget target, FuzzSettings settings, Path workDir, Path outputDir, boolean echo) {
    this.target = target;
    this.outputDir = outputDir;
    this.echo = echo;
    this.settings = settings;
    this.files = new CaseFiles(workDir.resolve(target.name()), target.seeds());
    this.report = new FuzzReport(target.name(), settings);
  }

  /**
   * Runs the target in {@code workDir} and returns the report, also printed and appended to
   * {@code target/fuzz-report.txt}; failing cases are saved under {@code target/fuzz-failures/}.
   */
  static FuzzReport run(FuzzTarget target, FuzzSettings settings, Path workDir) {
    return run(target, settings, workDir, OUTPUT_DIR, true);
  }

  /**
   * As {@link #run(FuzzTarget, FuzzSettings, Path)}, writing outputs under {@code outputDir} and
   * printing the report only when {@code echo} (the harness's own tests stay quiet).
   */
  static FuzzReport run(FuzzTarget target, FuzzSettings settings, Path workDir, Path outputDir, boolean echo) {
    FuzzCampaign c = new FuzzCampaign(target, settings, workDir, outputDir, echo);
    try {
      return c.run();
    } finally {
      c.worker.shutdownNow();
    }
  }

  private FuzzReport run() {
    long start = System.nanoTime();
    files.write(null);
    Outcome seedOutcome = runCase(null);
    if (seedOutcome.verdict != Verdict.PARSED) {
      throw new AssertionError(target.name() + ": the valid seed files do not parse: " + seedOutcome.reason);
    }
    for (SeedFile seed : target.seeds()) {
      List<Mutant> cuts = Corruptor.boundaryTruncations(seed);
      for (int i = 0; i < cuts.size() && timeouts < MAX_TIMEOUTS; i++) {
        record(true, "boundary " + seed.name() + "#" + i, cuts.get(i));
      }
    }
    long nameHash = target.name().hashCode();
    for (int i = 0; i < settings.cases() && timeouts < MAX_TIMEOUTS; i++) {
      SplittableRandom r = new SplittableRandom(Seeds.derive(settings.seed(), nameHash, i));
      List<SeedFile> seeds = target.seeds();
      Mutant m = target.corruptor().corrupt(seeds.get(r.nextInt(seeds.size())), r);
      record(false, "case " + i, m);
    }
    if (timeouts >= MAX_TIMEOUTS) {
      report.failure("run", "-", "stopped after " + MAX_TIMEOUTS + " timeouts", "");
    }
    report.elapsed(System.nanoTime() - start);
    publish();
    return report;
  }

  private void record(boolean boundary, String caseId, Mutant m) {
    files.write(m);
    long t0 = System.nanoTime();
    Outcome o = runCase(m);
    report.count(boundary, o.verdict, System.nanoTime() - t0);
    if (o.verdict == Verdict.FAILURE) {
      report.failure(caseId, m.fileName() + ": " + m.description(), o.reason, files.dir().toString());
      save(caseId, m);
    } else if (o.verdict == Verdict.WHOLE_FILE_ERROR) {
      report.wholeFile(o.reason, files.dir().toString());
    }
  }

  private record Outcome(Verdict verdict, String reason) {}

  private Outcome runCase(Mutant m) {
    Future<Object> f = worker.submit(() -> target.read(files.dir()));
    Object parsed;
    try {
      parsed = f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      timeouts++;
      return new Outcome(Verdict.FAILURE, "timeout after " + settings.timeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      return classify(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    try {
      target.verifyParse(files.dir(), parsed);
      return new Outcome(Verdict.PARSED, "");
    } catch (AssertionError | RuntimeException e) {
      return new Outcome(Verdict.FAILURE, "wrong parse: " + e);
    }
  }

  private Outcome classify(Throwable t) {
    if (!(t instanceof DataFormatException)) {
      StackTraceElement[] st = t.getStackTrace();
      return new Outcome(Verdict.FAILURE, t.getClass().getName() + ": " + abbreviate(t.getMessage())
          + (st.length > 0 ? " at " + st[0] : ""));
    }
    DataFormatException e = (DataFormatException) t;
    String msg = e.getMessage();
    byte[] bytes = files.bytesOf(e.file());
    if (bytes == null) {
      return fail("blames " + e.file() + ", not a file of the case: " + abbreviate(msg));
    }
    if (!msg.startsWith(e.file().toString())) {
      return fail("message does not start with the file: " + abbreviate(msg));
    }
    if (msg.length() > MAX_MESSAGE_CHARS) {
      return fail("message of " + msg.length() + " chars: " + abbreviate(msg));
    }
    Verdict v;
    if (e.line().isPresent()) {
      long line = e.line().getAsLong();
      long lines = CaseFiles.lineCount(bytes);
      if (!msg.startsWith(e.file() + ":" + line + ": ") || line > Math.max(1, lines)) {
        return fail("line " + line + " of a " + lines + "-line file: " + abbreviate(msg));
      }
      v = Verdict.LOCATED_ERROR;
    } else if (e.byteOffset().isPresent()) {
      long at = e.byteOffset().getAsLong();
      long length = CaseFiles.dataLength(bytes);
      if (!msg.contains("byte offset " + at) || at > length) {
        return fail("offset " + at + " of a " + length + "-byte file: " + abbreviate(msg));
      }
      v = Verdict.LOCATED_ERROR;
    } else if (target.wholeFileProblems().stream().anyMatch(msg::contains)) {
      v = Verdict.WHOLE_FILE_ERROR;
    } else {
      return fail("no line or offset: " + abbreviate(msg));
    }
    try {
      target.verifyError(files.dir(), e);
    } catch (AssertionError | RuntimeException wrong) {
      return fail("wrong place: " + wrong.getMessage() + " (message: " + abbreviate(msg) + ")");
    }
    return new Outcome(v, msg);
  }

  private static Outcome fail(String reason) {
    return new Outcome(Verdict.FAILURE, reason);
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String one = Bytes.escape(s);
    return one.length() <= 300 ? one : one.substring(0, 300) + "...(" + s.length() + " chars)";
  }

  private void save(String caseId, Mutant m) {
    try {
      Path d = outputDir.resolve("fuzz-failures").resolve(target.name())
          .resolve(caseId.replace(' ', '-').replace('#', '-'));
      Path p = d.resolve(m.fileName());
      Files.createDirectories(p.getParent());
      Files.write(p, m.bytes());
      Files.writeString(d.resolve("mutation.txt"), m.fileName() + ": " + m.description() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void publish() {
    String details = report.details();
    if (echo) {
      System.out.print(details);
    }
    try {
      Files.createDirectories(outputDir);
      Files.writeString(outputDir.resolve("fuzz-report.txt"), details, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true);
      return t;
    });
  }
}
