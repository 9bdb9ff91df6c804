package dev.lawn.tools.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.train.TrainConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code lawn train}'s option defaults, read from {@link TrainConfig#defaults()} (each settings record's
 * {@code defaults()}, where they are defined once) by the option's config key: {@code --batch-size} is {@code batch_size}. They show in
 * {@code --help} as {@code ${DEFAULT-VALUE}}; {@link TrainCommand#resolve()} lays only the options
 * given on the command line over the defaults and the {@code --config} file.
 */
public final class TrainDefaults implements IDefaultValueProvider {

  private static final JsonNode DEFAULTS = new ObjectMapper().valueToTree(TrainConfig.defaults());

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return null;
    }
    JsonNode value = DEFAULTS.get(option.longestName().substring(2).replace('-', '_'));
    return value == null || value.isNull() ? null : value.asText();
  }
}
