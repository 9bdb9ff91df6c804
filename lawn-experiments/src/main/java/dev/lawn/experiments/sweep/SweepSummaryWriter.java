package dev.lawn.experiments.sweep;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lawn.experiments.SweepFolder;
import dev.lawn.experiments.report.ConfigValues;
import dev.lawn.experiments.report.MeanWithError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes {@code sweep-summary.md} and {@code sweep-summary.json} into the sweep's output
 * directory: per grid point the metrics over seeds, the selected point, its final test metric, and
 * the failed runs with their log tails.
 */
public final class SweepSummaryWriter {

  /** Markdown summary file name. */
  public static final String MARKDOWN_FILE = SweepFolder.SUMMARY_MD;
  /** JSON summary file name. */
  public static final String JSON_FILE = SweepFolder.SUMMARY_JSON;

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SweepSummaryWriter() {}

  /** Writes both files (each atomically) and returns the Markdown. */
  public static String write(SweepResult result) throws IOException {
    Path out = result.config().out();
    Files.createDirectories(out);
    String markdown = markdown(result);
    writeAtomically(out.resolve(MARKDOWN_FILE), markdown);
    writeAtomically(out.resolve(JSON_FILE), JSON.writeValueAsString(json(result)) + "\n");
    return markdown;
  }

  /** The Markdown summary. */
  public static String markdown(SweepResult result) {
    SweepConfig config = result.config();
    StringBuilder md = new StringBuilder("# lawn sweep: ").append(config.source()).append("\n\n");
    md.append(
        String.format(
            "%d grid points x %d seeds = %d runs: %d finished now, %d finished earlier (skipped), %d failed.%n",
            result.points().size(),
            config.seeds().size(),
            result.gridOutcomes().size(),
            count(result.gridOutcomes(), RunOutcome.Status.FINISHED),
            count(result.gridOutcomes(), RunOutcome.Status.SKIPPED),
            count(result.gridOutcomes(), RunOutcome.Status.FAILED)));
    md.append("Cells: mean ± standard error over seeds (n = runs behind the cell).\n\n");

    List<String> header = new ArrayList<>(result.varyingKeys().isEmpty() ? List.of("grid point") : result.varyingKeys());
    header.add("runs");
    header.addAll(result.metrics());
    md.append(row(header)).append(row(header.stream().map(h -> "---").toList()));
    for (GridPointResult point : result.points()) {
      List<String> cells = new ArrayList<>();
      if (result.varyingKeys().isEmpty()) {
        cells.add(point.label());
      } else {
        result.varyingKeys().forEach(k -> cells.add(ConfigValues.text(point.point().get(k))));
      }
      cells.add(point.finished() + "/" + point.planned());
      result.metrics().forEach(m -> cells.add(point.stat(m).map(MeanWithError::format).orElse("—")));
      md.append(row(cells));
    }

    config.selection().ifPresent(
        selection -> {
          md.append("\n## Selection\n\n");
          if (result.best().isEmpty()) {
            md.append("No grid point has `")
                .append(selection.metric())
                .append("` in every seed's summary.json: nothing selected.\n");
            return;
          }
          GridPointResult best = result.best().get();
          md.append("Best by ")
              .append(selection.maximize() ? "max" : "min")
              .append(" mean `")
              .append(selection.metric())
              .append("` over seeds ")
              .append(config.seeds())
              .append(": **")
              .append(best.label())
              .append("**, ")
              .append(best.stat(selection.metric()).orElseThrow().format())
              .append(".\n\n");
          List<Long> reportSeeds = config.finalSeeds().isEmpty() ? config.seeds() : config.finalSeeds();
          md.append("Test `")
              .append(selection.reportMetric())
              .append("` over ")
              .append(config.finalSeeds().isEmpty() ? "the selection seeds " : "final seeds ")
              .append(reportSeeds)
              .append(": ")
              .append(result.finalReport().map(MeanWithError::format).orElse("not available"))
              .append(".\n");
        });

    List<RunOutcome> reused = result.reused();
    if (!reused.isEmpty()) {
      // Says where each folder came from: the old names may appear in notes or earlier reports.
      md.append("\n## Reused runs\n\n")
          .append("Finished earlier under another name (the grid has grown since), with the same configuration;"
              + " renamed, not trained again:\n\n");
      for (RunOutcome outcome : reused) {
        md.append("- `")
            .append(outcome.reusedFrom().orElseThrow())
            .append("` -> `")
            .append(outcome.run().name())
            .append("`\n");
      }
    }

    List<RunOutcome> failures = result.failures();
    if (!failures.isEmpty()) {
      md.append("\n## Failed runs\n");
      for (RunOutcome failure : failures) {
        md.append("\n- `")
            .append(failure.run().directory())
            .append("`: exit code ")
            .append(failure.exitCode())
            .append(", log `")
            .append(SweepRunner.logFile(failure.run()))
            .append("`\n");
        if (!failure.logTail().isEmpty()) {
          md.append("\n```\n").append(String.join("\n", failure.logTail())).append("\n```\n");
        }
      }
    }
    return md.toString();
  }

  /** The JSON summary as a tree of maps and lists. */
  static Map<String, Object> json(SweepResult result) {
    SweepConfig config = result.config();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", config.source().toString());
    json.put("out", config.out().toString());
    json.put("seeds", config.seeds());
    json.put("planned_runs", result.gridOutcomes().size() + result.finalOutcomes().size());
    json.put("finished_now", result.count(RunOutcome.Status.FINISHED));
    json.put("skipped", result.count(RunOutcome.Status.SKIPPED));
    json.put("failed", result.count(RunOutcome.Status.FAILED));
    json.put(
        "reused",
        result.reused().stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("run", r.run().name());
                  m.put("from", r.reusedFrom().orElseThrow());
                  return m;
                })
            .collect(Collectors.toList()));
    List<Object> points = new ArrayList<>();
    for (GridPointResult point : result.points()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("point", point.point());
      p.put("label", point.label());
      p.put("runs_planned", point.planned());
      p.put("runs_finished", point.finished());
      Map<String, Object> metrics = new LinkedHashMap<>();
      point.stats().forEach((k, v) -> metrics.put(k, stats(v)));
      p.put("metrics", metrics);
      points.add(p);
    }
    json.put("grid_points", points);
    json.put("selection", config.selection().map(s -> selection(s, result)).orElse(null));
    json.put(
        "failures",
        result.failures().stream()
            .map(
                f -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("run", f.run().name());
                  m.put("directory", f.run().directory().toString());
                  m.put("exit_code", f.exitCode());
                  m.put("log_tail", f.logTail());
                  return m;
                })
            .collect(Collectors.toList()));
    return json;
  }

  private static Map<String, Object> selection(Selection selection, SweepResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("metric", selection.metric());
    json.put("mode", selection.maximize() ? "max" : "min");
    json.put("report_metric", selection.reportMetric());
    Optional<GridPointResult> best = result.best();
    json.put("best_point", best.map(GridPointResult::point).orElse(null));
    json.put("best_label", best.map(GridPointResult::label).orElse(null));
    json.put("best_select", best.flatMap(b -> b.stat(selection.metric())).map(SweepSummaryWriter::stats).orElse(null));
    json.put(
        "report_seeds",
        result.config().finalSeeds().isEmpty() ? result.config().seeds() : result.config().finalSeeds());
    json.put("report", result.finalReport().map(SweepSummaryWriter::stats).orElse(null));
    return json;
  }

  private static Map<String, Object> stats(MeanWithError s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", s.n());
    json.put("mean", finiteOrNull(s.mean()));
    json.put("se", s.hasError() ? finiteOrNull(s.standardError()) : null);
    return json;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static long count(List<RunOutcome> outcomes, RunOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  private static String row(List<String> cells) {
    return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |")) + "\n";
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
