package dev.lawn.data;

/** The feature names batches are keyed by: one spelling, shared by the pipelines and the trainer. */
public final class Features {

  /** Recommendation: dense user id, TInt32 [B]. */
  public static final String USER = "user";
  /** Recommendation: dense item id, TInt32 [B]. */
  public static final String ITEM = "item";
  /** Recommendation: TFloat32 [B], 1 = positive; images: TInt32 [B] class index. */
  public static final String LABEL = "label";
  /** Images: TFloat32 [B,H,W,C], normalized. */
  public static final String IMAGE = "image";

  private Features() {}
}
