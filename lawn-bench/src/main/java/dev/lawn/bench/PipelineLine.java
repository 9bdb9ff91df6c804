package dev.lawn.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rate line of {@code dev.lawn.bench.pipeline.PipelineBenchmark}, e.g. {@code rec pipeline, batch 1024:
 * 6,679,475 rows/s fed into a graph; consumer waited 14.6% of the time}.
 *
 * @param pipeline what was measured ({@code rec pipeline}, {@code image tf.data (no shuffle)}, ...)
 * @param batch batch size
 * @param perSecond rows or images per second
 * @param unit {@code rows} or {@code images}
 * @param mode {@code produced} (the pipeline alone) or {@code fed into a graph}
 * @param waitFraction share of the consumer's time spent waiting for a batch, NaN where not printed
 */
public record PipelineLine(String pipeline, int batch, double perSecond, String unit, String mode, double waitFraction) {

  private static final Pattern RATE = Pattern.compile(
      "^(?<label>.+?), batch (?<batch>\\d+)(?:, [\\d,]+ \\w+/epoch)?: (?<rate>[\\d,.]+) (?<unit>\\w+)/s "
          + "(?<mode>produced|fed into (?:a|the same) graph)(?<rest>.*)$");
  private static final Pattern WAIT = Pattern.compile("consumer waited (?<pct>[\\d.]+)% of the time");

  /** The line as a rate, or empty for the benchmark's other lines (data description, sampling time). */
  public static Optional<PipelineLine> parse(String line) {
    Matcher m = RATE.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    Matcher w = WAIT.matcher(m.group("rest"));
    double wait = w.find() ? Double.parseDouble(w.group("pct")) / 100 : Double.NaN;
    String mode = m.group("mode").startsWith("fed") ? "fed into a graph" : "produced";
    return Optional.of(new PipelineLine(m.group("label"), Integer.parseInt(m.group("batch")),
        Double.parseDouble(m.group("rate").replace(",", "")), m.group("unit"), mode, wait));
  }
}
