package dev.lawn.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lawn.data.DataSets;
import dev.lawn.data.image.ImageStore;
import dev.lawn.models.ModelZoo;
import dev.lawn.ops.GroupSelector;
import dev.lawn.train.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The help of every training option, declared once: what {@code lawn train --help} and
 * {@code TrainMain --help} show for each key of {@link TrainOptions#keys()}. The key and the type come
 * from {@code TrainConfigJson}'s components; here are only the words. A description's {@code {default}}
 * is the option's value in {@link TrainConfig#defaults()}, {@code {names}} the names it takes, read from
 * the registry that parses them (a model added to {@link ModelZoo} shows without another list to keep).
 */
public final class OptionHelp {

  /**
   * One option's help.
   *
   * @param key the config key, snake_case ({@code batch_size})
   * @param label what the value is called in a usage line: {@code DIR}, or {@code <batchSize>} by default
   * @param description one line, its defaults and names filled in
   * @param names the values the option takes by name, in the registry's order; empty for other options
   */
  public record Entry(String key, String label, String description, List<String> names) {

    /** Freezes the names. */
    public Entry {
      names = List.copyOf(names);
    }

    /** The flag: {@code --batch-size}. */
    public String flag() {
      return OptionValues.flag(key);
    }

    /** The Java type a value is parsed into: the type of its {@code TrainConfigJson} component. */
    public Class<?> type() {
      return OptionValues.type(key);
    }

    /** Whether the flag alone means {@code true} (a Boolean option). */
    public boolean isSwitch() {
      return OptionValues.isSwitch(key);
    }

    /** The flag and its value as a usage line shows them: {@code --lr=<lr>}, {@code --validation[=<validation>]}. */
    public String usage() {
      return flag() + (isSwitch() ? "[=" + label + "]" : "=" + label);
    }
  }

  /**
   * The help of {@code --kernels}, which both training programs take beside the options (not a config key:
   * it chooses the arithmetic, not the run); a constant, so that picocli's annotations can use it.
   */
  public static final String KERNELS = "how LAWN's constrained step is computed: fused CPU kernels or TensorFlow "
      + "graph ops; auto takes the fused ones when they load and no NVIDIA GPU is present";

  private static final JsonNode DEFAULTS = new ObjectMapper().valueToTree(TrainConfig.defaults());

  // In lawn train --help's order: what to give first (model, data, optimizer), what to tune, then where it runs.
  private static final Map<String, Entry> HELP = declare(
      named("model", ModelZoo.names(), "{names} (default {default})"),
      named("data", DataSets.NAMES, "{names}; ncf:NAME picks one of several NCF file sets (default {default})"),
      labeled("data_dir", "DIR", "folder holding the data set's files (default: searched in $LAWN_DATA_DIR, "
          + "~/.lawn/data, /usr/share/datasets)"),
      named("optimizer", OptimizerChoice.names(), "{names} (default {default})"),
      plain("lr", "peak learning rate (default {default})"),
      plain("batch_size", "examples per optimizer step (default {default})"),
      plain("micro_batch_size", "examples per pass; smaller batches are accumulated in the graph "
          + "(default {default} = automatic)"),
      plain("epochs", "E_total (default {default})"),
      plain("warmup_epochs", "E_warmup of the linear warm-up/decay schedule (default {default}; epochs/10 for "
          + "runs shorter than that)"),
      plain("e_free", "LAWN's free epochs: N, steps:N, hoffer, or a rule asked at the end of each epoch after "
          + "the warm-up: margin-level[:L] (the median training margin reaches L, default 2), loss-knee[:r] (the "
          + "training loss's relative fall drops under r times its fastest, default 0.25), auto (the median "
          + "margin reaches 5 or stops growing) (default {default}; epochs/4 rounded for runs shorter than that)"),
      plain("weight_decay", "weight decay of the base optimizer; 0 with -lawn (default {default})"),
      plain("epsilon", "Adam's and LAMB's denominator floor (default {default} = the paper's: 1e-8 for adam and "
          + "adamw, 1e-6 for lamb and every -lawn variant; sgd has none)"),
      plain("clip_norm", "clip the gradient to this global norm before the base optimizer sees it (under LAWN "
          + "the projected gradient, which stays tangent); metrics' grad_norm shows the norms (default {default} "
          + "= off)"),
      named("loss", LossSettings.names(), "{names}; auto is bce for recommendation, softmax-ce for classes "
          + "(default {default})"),
      plain("label_smoothing", "label smoothing epsilon (default {default})"),
      plain("flooding", "flooding level b (default {default} = off)"),
      plain("focal_gamma", "focal loss gamma, with --loss focal (default {default})"),
      plain("alpha", "logit attenuation at the LAWN switch (default {default} = none)"),
      plain("attenuate", "LAWN group scaled by --alpha (default {default} = output layer)"),
      named("groups", GroupSelector.NAMES, "what LAWN constrains: {names} (default {default}: kernels, biases "
          + "and embeddings, one group per layer; see GroupSelector)"),
      plain("seed", "seed of initialization, data order and sampling (default {default})"),
      plain("split_seed", "seed of evaluation negatives / validation carve-out (default {default})"),
      plain("validation", "also evaluate on a validation split (default {default})"),
      plain("validation_size", "images carved off for validation (default {default})"),
      plain("train_size", "train on N training images, a random subset chosen by --split-seed after the "
          + "validation carve-out, for a quicker run to the end of training; image data only (default {default} "
          + "= all)"),
      plain("negatives", "training negatives per positive (default {default})"),
      plain("width_multiplier", "width of image models (default {default})"),
      labeled("image_size", "H[xW]", "size images are trained at, resized bilinearly (default: the data's own "
          + "size; an image folder's images must then all share one)"),
      named("augmentation", Augmentation.names(), "training augmentation of images: {names}; crop-flip pads, crops "
          + "and flips (CIFAR's), resized-crop draws Inception's random resized crop and flips (ImageNet's; with "
          + "--image-store files cut from the original JPEGs) (default {default})"),
      named("image_store", Arrays.stream(ImageStore.values()).map(ImageStore::text).toList(), "where an image folder's pixels live: {names}; files decodes each batch's "
          + "JPEGs every epoch, for folders too large to hold as floats; auto holds a folder whose floats take under "
          + "a quarter of the JVM's heap (default {default}; the batches are the same, except resized-crop's)"),
      plain("eval_every", "evaluate every N epochs (default {default})"),
      plain("checkpoint_every", "checkpoint every N epochs (default {default})"),
      plain("keep_checkpoints", "checkpoints kept besides the best (default {default})"),
      plain("threads", "threads of TensorFlow and of the input pipeline's image decoding and augmentation "
          + "(default {default} = TensorFlow's choice and every core)"),
      labeled("devices", "DEV,...", "data-parallel towers, one per device: cpu:N or gpu:N, comma-separated; "
          + "with --cluster, on every worker (default: one device)"),
      labeled("cluster", "HOST:PORT,...|FILE", "train on these workers (task 0 first; or a file with one "
          + "host:port per line), each started with 'lawn worker'"),
      plain("cluster_timeout_seconds", "longest wait of one step on the cluster before the run fails "
          + "(default {default}; 0 = no limit)"),
      plain("worker_input", "with --cluster: every worker produces its towers' batches from its own copy of "
          + "the data (lawn worker --data-dir); no batch crosses the network (default {default})"));

  private OptionHelp() {}

  /** Every option's help, in {@code lawn train --help}'s order. */
  public static List<Entry> all() {
    return List.copyOf(HELP.values());
  }

  /**
   * The help of the option with config key {@code key}.
   *
   * @throws IllegalArgumentException when no option has help under that key
   */
  public static Entry of(String key) {
    Entry entry = HELP.get(key);
    if (entry == null) {
      throw new IllegalArgumentException("no help for option '" + key + "'");
    }
    return entry;
  }

  private static Entry plain(String key, String text) {
    return labeled(key, "<" + camelCase(key) + ">", text);
  }

  private static Entry labeled(String key, String label, String text) {
    return entry(key, label, text, List.of());
  }

  private static Entry named(String key, List<String> names, String text) {
    return entry(key, "<" + camelCase(key) + ">", text, names);
  }

  private static Entry entry(String key, String label, String text, List<String> names) {
    String description = text.replace("{names}", String.join(", ", names));
    if (description.contains("{default}")) {
      JsonNode value = DEFAULTS.get(key);
      if (value == null || value.isNull()) {
        throw new IllegalStateException("option " + key + " has no default for its help to show");
      }
      description = description.replace("{default}", value.asText());
    }
    return new Entry(key, label, description, names);
  }

  private static Map<String, Entry> declare(Entry... entries) {
    Map<String, Entry> help = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (help.put(entry.key(), entry) != null) {
        throw new IllegalStateException("option " + entry.key() + " has help twice");
      }
    }
    return help;
  }

  /** {@code batch_size -> batchSize}: the {@code TrainConfigJson} component's name. */
  private static String camelCase(String key) {
    List<String> words = new ArrayList<>(List.of(key.split("_")));
    StringBuilder name = new StringBuilder(words.remove(0));
    words.forEach(w -> name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)));
    return name.toString();
  }
}
