package dev.lawn.models.zoo;

import dev.lawn.models.Model;
import dev.lawn.models.ModelBuilder;
import dev.lawn.models.RecommenderOptions;
import dev.lawn.models.layers.ActivationFunction;
import dev.lawn.models.layers.Concat;
import dev.lawn.models.layers.Dense;
import dev.lawn.models.layers.Embedding;
import dev.lawn.models.layers.LayerContext;
import dev.lawn.models.layers.Multiply;
import dev.lawn.models.layers.Sequential;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Neural collaborative filtering (He et al. 2017): one logit per (user, item) pair, trained with
 * sigmoid cross-entropy on implicit feedback. Inputs {@code user} and {@code item} (TInt32 [B]),
 * logits [B].
 *
 * <ul>
 *   <li>MLP (the LAWN paper's model): user and item embeddings concatenated, a ReLU MLP, a linear
 *       prediction layer.
 *   <li>GMF: element-wise product of user and item embeddings, a linear prediction layer.
 *   <li>NeuMF: GMF and MLP with separate embeddings, their last layers concatenated into the
 *       prediction layer.
 * </ul>
 *
 * Embeddings are normal(0.01); dense kernels Glorot uniform, biases zero.
 */
public final class Ncf {

  private Ncf() {}

  /** NCF-MLP: {@code concat(user[d], item[d]) -> hidden ReLU layers -> 1}. */
  public static Model mlp(Ops tf, String name, int numUsers, int numItems, RecommenderOptions options) {
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    LayerContext ctx = b.context();
    Operand<TInt32> user = b.idInput("user");
    Operand<TInt32> item = b.idInput("item");
    Operand<TFloat32> u = new Embedding("user_embedding", numUsers, options.embeddingDim()).apply(ctx, user);
    Operand<TFloat32> i = new Embedding("item_embedding", numItems, options.embeddingDim()).apply(ctx, item);
    Operand<TFloat32> x = new Concat("concat").apply(ctx, List.of(u, i));
    x = tower("mlp", options.hiddenUnits()).apply(ctx, x);
    return b.build(name, prediction(ctx, x));
  }

  /** GMF: {@code user[k] * item[k] -> 1}. */
  public static Model gmf(Ops tf, String name, int numUsers, int numItems, RecommenderOptions options) {
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    LayerContext ctx = b.context();
    Operand<TInt32> user = b.idInput("user");
    Operand<TInt32> item = b.idInput("item");
    Operand<TFloat32> x = gmfVector(ctx, user, item, numUsers, numItems, options.gmfEmbeddingDim(), "");
    return b.build(name, prediction(ctx, x));
  }

  /** NeuMF: {@code concat(GMF vector, MLP last layer) -> 1}, each branch with its own embeddings. */
  public static Model neuMf(Ops tf, String name, int numUsers, int numItems, RecommenderOptions options) {
    ModelBuilder b = ModelBuilder.create(tf, options.seed());
    LayerContext ctx = b.context();
    Operand<TInt32> user = b.idInput("user");
    Operand<TInt32> item = b.idInput("item");
    Operand<TFloat32> g = gmfVector(ctx, user, item, numUsers, numItems, options.gmfEmbeddingDim(), "gmf_");
    Operand<TFloat32> u = new Embedding("mlp_user_embedding", numUsers, options.embeddingDim()).apply(ctx, user);
    Operand<TFloat32> i = new Embedding("mlp_item_embedding", numItems, options.embeddingDim()).apply(ctx, item);
    Operand<TFloat32> m = new Concat("mlp_concat").apply(ctx, List.of(u, i));
    m = tower("mlp", options.hiddenUnits()).apply(ctx, m);
    Operand<TFloat32> x = new Concat("neumf_concat").apply(ctx, List.of(g, m));
    return b.build(name, prediction(ctx, x));
  }

  private static Operand<TFloat32> gmfVector(
      LayerContext ctx, Operand<TInt32> user, Operand<TInt32> item, int numUsers, int numItems, int dim, String prefix) {
    Operand<TFloat32> u = new Embedding(prefix + "user_embedding", numUsers, dim).apply(ctx, user);
    Operand<TFloat32> i = new Embedding(prefix + "item_embedding", numItems, dim).apply(ctx, item);
    return new Multiply(prefix + "multiply").apply(ctx, List.of(u, i));
  }

  private static Sequential tower(String name, List<Integer> hiddenUnits) {
    Sequential.Builder mlp = Sequential.builder(name);
    for (int units : hiddenUnits) {
      mlp.add(new Dense(units, ActivationFunction.RELU));
    }
    return mlp.build();
  }

  /** The linear prediction layer, its [B, 1] output flattened to [B]. */
  private static Operand<TFloat32> prediction(LayerContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> logit = new Dense("prediction", 1, ActivationFunction.LINEAR).apply(ctx, x);
    return ctx.tf().reshape(logit, ctx.tf().constant(new int[] {-1}));
  }
}
