package dev.lawn.train.config;

import java.util.stream.Collectors;

/**
 * The reference of every training option as a Markdown table (docs/OPTIONS.md): flag, config key (what
 * a {@code --config} file or a sweep's {@code base:} and {@code grid:} use), value and help, from
 * {@link OptionHelp}, so that the document cannot drift from {@code lawn train --help}.
 */
public final class OptionReference {

  private OptionReference() {}

  /** The whole document: a short header, then one table row per option in {@code --help}'s order. */
  public static String markdown() {
    String rows = OptionHelp.all().stream()
        .map(e -> "| `" + e.flag() + "` | `" + e.key() + "` | " + (e.isSwitch() ? "`true`/`false` (the flag alone: `true`)"
            : "`" + cell(e.label()) + "`") + " | " + cell(e.description()) + " |")
        .collect(Collectors.joining("\n"));
    return """
        # lawn train options

        Generated from lawn-train's `OptionHelp`, the text `lawn train --help` shows; a test
        (`OptionReferenceTest`) fails when this file and the help differ. Regenerate it with
        `mvn -pl lawn-train test -Dtest=OptionReferenceTest -Dlawn.writeDocs=true`.

        Every option is a flag of `lawn train` (and of lawn-train's `TrainMain`) and a key of a
        `--config` file (YAML or JSON) or of a sweep file's `base:` and `grid:`; flags win over the file.
        `--kernels auto|fused|graph` is a flag only: %s.

        | flag | config key | value | what it does |
        | :-- | :-- | :-- | :-- |
        """.formatted(OptionHelp.KERNELS) + rows + "\n";
  }

  /** Text in a table cell: pipes escaped (GitHub's tables split on them, in code spans too). */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
