package dev.lawn.models;

import java.util.List;
import java.util.Objects;

/**
 * Options of the NCF recommenders ({@code ncf-mlp}, {@code ncf-gmf}, {@code ncf-neumf}). The
 * defaults, and only here, are the paper's MLP setting (He et al. 2017, "Neural Collaborative
 * Filtering", as used by the LAWN paper): 32-dim user and item embeddings concatenated to 64, a ReLU
 * MLP 64 -> 32 -> 16 -> 8, then one logit; GMF with 8 predictive factors.
 *
 * @param seed initializer seed
 * @param embeddingDim width of the MLP user and item embeddings (default {@value #DEFAULT_EMBEDDING_DIM})
 * @param hiddenUnits widths of the ReLU MLP layers after the concatenation (default 32, 16, 8)
 * @param gmfEmbeddingDim width of the GMF embeddings (default {@value #DEFAULT_GMF_EMBEDDING_DIM})
 */
public record RecommenderOptions(long seed, int embeddingDim, List<Integer> hiddenUnits, int gmfEmbeddingDim) {

  /** Default initializer seed. */
  public static final long DEFAULT_SEED = 42L;
  /** Default MLP embedding width: 32 for users and 32 for items, 64 concatenated. */
  public static final int DEFAULT_EMBEDDING_DIM = 32;
  /** Default MLP: three ReLU layers 32, 16, 8 (the paper's "3-layer MLP"). */
  public static final List<Integer> DEFAULT_HIDDEN_UNITS = List.of(32, 16, 8);
  /** Default GMF width (He et al.'s 8 predictive factors). */
  public static final int DEFAULT_GMF_EMBEDDING_DIM = 8;

  public RecommenderOptions {
    if (embeddingDim <= 0) {
      throw new IllegalArgumentException("RecommenderOptions.embeddingDim must be > 0, got " + embeddingDim);
    }
    if (gmfEmbeddingDim <= 0) {
      throw new IllegalArgumentException("RecommenderOptions.gmfEmbeddingDim must be > 0, got " + gmfEmbeddingDim);
    }
    hiddenUnits = List.copyOf(Objects.requireNonNull(hiddenUnits, "RecommenderOptions.hiddenUnits"));
    if (hiddenUnits.isEmpty()) {
      throw new IllegalArgumentException("RecommenderOptions.hiddenUnits must not be empty");
    }
    for (int units : hiddenUnits) {
      if (units <= 0) {
        throw new IllegalArgumentException("RecommenderOptions.hiddenUnits must all be > 0, got " + hiddenUnits);
      }
    }
  }

  /** The documented defaults. */
  public static RecommenderOptions defaults() {
    return new RecommenderOptions(DEFAULT_SEED, DEFAULT_EMBEDDING_DIM, DEFAULT_HIDDEN_UNITS, DEFAULT_GMF_EMBEDDING_DIM);
  }

  /** A copy with another seed. */
  public RecommenderOptions withSeed(long seed) {
    return new RecommenderOptions(seed, embeddingDim, hiddenUnits, gmfEmbeddingDim);
  }

  /** A copy with another MLP embedding width. */
  public RecommenderOptions withEmbeddingDim(int embeddingDim) {
    return new RecommenderOptions(seed, embeddingDim, hiddenUnits, gmfEmbeddingDim);
  }

  /** A copy with other MLP layer widths. */
  public RecommenderOptions withHiddenUnits(List<Integer> hiddenUnits) {
    return new RecommenderOptions(seed, embeddingDim, hiddenUnits, gmfEmbeddingDim);
  }

  /** A copy with another GMF embedding width. */
  public RecommenderOptions withGmfEmbeddingDim(int gmfEmbeddingDim) {
    return new RecommenderOptions(seed, embeddingDim, hiddenUnits, gmfEmbeddingDim);
  }
}
