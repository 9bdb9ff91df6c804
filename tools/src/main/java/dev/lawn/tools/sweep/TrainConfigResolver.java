package dev.lawn.tools.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.experiments.sweep.PlannedRun;
import dev.lawn.experiments.sweep.RunConfigResolver;
import dev.lawn.experiments.sweep.TrainArguments;
import dev.lawn.tools.train.TrainCommand;
import dev.lawn.train.TrainConfig;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code lawn sweep}'s {@link RunConfigResolver}: the configuration a planned run's {@code lawn train} child would write to its
 * {@code config.json}, worked out in this process without training: the run's exact train
 * arguments ({@link TrainArguments#of}) are parsed by {@code lawn train}'s own command and
 * resolved by its own {@link TrainCommand#resolve()} (defaults, then the {@code --config} file, then the flags;
 * each value parsed and checked), as the child does before it writes the file.
 *
 * <p>Going through {@link TrainCommand} rather than re-deriving the values from the sweep's
 * options matters: options are typed by the command ({@code e_free: 5} becomes the string
 * {@code "5"}), unset options take the trainer's defaults, and a base {@code config:} file is
 * read the same way, so the result is comparable key for key with an earlier run's config.json.
 */
public final class TrainConfigResolver implements RunConfigResolver {

  /** Serializes like lawn-train's {@code RunDirectory} (the flat snake_case form comes from {@code TrainConfigJson}). */
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The config.json that {@code lawn train} would write for {@code run}.
   *
   * @return empty when the arguments do not make a valid configuration (unknown option, bad
   *     value, unreadable {@code --config} file): the child will then fail and say why, and no
   *     earlier run can have been trained with them
   */
  @Override
  public Optional<JsonNode> configJson(PlannedRun run) {
    TrainCommand command = new TrainCommand();
    try {
      new CommandLine(command).parseArgs(TrainArguments.of(run).toArray(String[]::new));
      TrainConfig config = command.resolve(); // parsed and checked
      return Optional.of(JSON.valueToTree(config));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // picocli or resolve() rejected the options
    }
  }
}
