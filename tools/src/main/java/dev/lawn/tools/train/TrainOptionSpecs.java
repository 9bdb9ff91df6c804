package dev.lawn.tools.train;

import dev.lawn.train.config.OptionHelp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code lawn train}'s training options as picocli options, one per {@link OptionHelp} entry: its flag,
 * label, description and names, typed as its {@code TrainConfigJson} component (so picocli rejects
 * {@code --lr fast} naming the option), a Boolean option a switch ({@code --validation} alone is true).
 * An option added to {@code TrainConfigJson} with its help is a flag here with nothing else to add.
 */
public final class TrainOptionSpecs implements IModelTransformer {

  /** Adds the training options after {@code --out}, before the options of mixins and {@code -h}/{@code -V}. */
  @Override
  public CommandSpec transform(CommandSpec command) {
    // picocli has already added the mixins' and the standard help options; they stay at the end of --help.
    List<OptionSpec> last = command.options().stream()
        .dropWhile(option -> !option.longestName().equals("--out")).skip(1).toList();
    last.forEach(command::remove);
    for (OptionHelp.Entry help : OptionHelp.all()) {
      OptionSpec.Builder option = OptionSpec.builder(help.flag())
          .type(help.type())
          .paramLabel(help.label())
          .description(help.description().replace("%", "%%")) // picocli formats descriptions
          .completionCandidates(help.names().isEmpty() ? null : help.names());
      if (help.isSwitch()) {
        option.arity("0..1").fallbackValue("true");
      }
      command.addOption(option.build());
    }
    last.forEach(command::addOption);
    return command;
  }

  /**
   * The training options given on the command line, by config key, each typed as its option; options
   * not given are absent (so that a {@code --config} file's values stand under the flags).
   */
  public static Map<String, Object> given(ParseResult parsed) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (OptionHelp.Entry help : OptionHelp.all()) {
      if (parsed.hasMatchedOption(help.flag())) {
        given.put(help.key(), parsed.matchedOptionValue(help.flag(), null));
      }
    }
    return given;
  }
}
