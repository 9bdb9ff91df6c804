/*
 * Shape functions of LawnTangentGradients and LawnSphereStep (lawn_kernels.c): as TensorFlow's own
 * ops do, they reject inputs whose shapes are known to be wrong when the graph is built; the
 * kernels check the same again when they run.
 */
#include "lawn_shapes.h"

static void shape_error(TF_Status* s, const char* message) {
  TF_SetStatus(s, TF_INVALID_ARGUMENT_CODE, message);
}

/* Fails unless a and b can be the same shape: equal ranks and equal dimensions where both are known. */
static void require_same_shape(TF_ShapeInferenceContext* ctx, TF_ShapeHandle* a, TF_ShapeHandle* b, const char* message,
    TF_Status* s) {
  if (!TF_ShapeInferenceContextRankKnown(ctx, a) || !TF_ShapeInferenceContextRankKnown(ctx, b)) return;
  int64_t rank = TF_ShapeInferenceContextRank(ctx, a);
  if (rank != TF_ShapeInferenceContextRank(ctx, b)) {
    shape_error(s, message);
    return;
  }
  TF_DimensionHandle* da = TF_NewDimensionHandle();
  TF_DimensionHandle* db = TF_NewDimensionHandle();
  for (int64_t k = 0; k < rank; k++) {
    TF_ShapeInferenceContextDim(ctx, a, k, da);
    TF_ShapeInferenceContextDim(ctx, b, k, db);
    if (TF_DimensionHandleValueKnown(da) && TF_DimensionHandleValueKnown(db)
        && TF_DimensionHandleValue(da) != TF_DimensionHandleValue(db)) {
      shape_error(s, message);
      break;
    }
  }
  TF_DeleteDimensionHandle(da);
  TF_DeleteDimensionHandle(db);
}

/* Input i must have the given rank (or an unknown one); the rank-asserted shape goes to result. */
static void require_rank(TF_ShapeInferenceContext* ctx, int i, int64_t rank, TF_ShapeHandle* result, TF_Status* s) {
  TF_ShapeHandle* shape = TF_NewShapeHandle();
  TF_ShapeInferenceContextGetInput(ctx, i, shape, s);
  if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextWithRank(ctx, shape, rank, result, s);
  TF_DeleteShapeHandle(shape);
}

/* Members 0..n-1 and n..2n-1 pair up: each pair must be able to have one shape. */
static void require_paired_shapes(TF_ShapeInferenceContext* ctx, int n, const char* message, TF_Status* s) {
  TF_ShapeHandle* a = TF_NewShapeHandle();
  TF_ShapeHandle* b = TF_NewShapeHandle();
  for (int i = 0; i < n && TF_GetCode(s) == TF_OK_CODE; i++) {
    TF_ShapeInferenceContextGetInput(ctx, i, a, s);
    if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextGetInput(ctx, n + i, b, s);
    if (TF_GetCode(s) == TF_OK_CODE) require_same_shape(ctx, a, b, message, s);
  }
  TF_DeleteShapeHandle(a);
  TF_DeleteShapeHandle(b);
}

/* w_i and g_i alike, active a vector; projected_i has g_i's shape, ww is a scalar. */
void lawn_tangent_gradients_shape(TF_ShapeInferenceContext* ctx, TF_Status* s) {
  int n = (int) ((TF_ShapeInferenceContextNumInputs(ctx) - 1) / 2);
  TF_ShapeHandle* shape = TF_NewShapeHandle();
  TF_ShapeHandle* scalar = TF_NewShapeHandle();
  require_paired_shapes(ctx, n, "LawnTangentGradients: a weight and its gradient have different shapes", s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n, 1, shape, s);
  for (int i = 0; i < n && TF_GetCode(s) == TF_OK_CODE; i++) {
    TF_ShapeInferenceContextGetInput(ctx, n + i, shape, s);
    if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextSetOutput(ctx, i, shape, s);
  }
  if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextGetInput(ctx, 0, shape, s);
  if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextSubshape(ctx, shape, 0, 0, scalar, s);
  if (TF_GetCode(s) == TF_OK_CODE) TF_ShapeInferenceContextSetOutput(ctx, n, scalar, s);
  TF_DeleteShapeHandle(shape);
  TF_DeleteShapeHandle(scalar);
}

/* var_i and d_i alike, ww and rate scalars, target and active vectors; no outputs. */
void lawn_sphere_step_shape(TF_ShapeInferenceContext* ctx, TF_Status* s) {
  int n = (int) ((TF_ShapeInferenceContextNumInputs(ctx) - 4) / 2);
  TF_ShapeHandle* checked = TF_NewShapeHandle();
  require_paired_shapes(ctx, n, "LawnSphereStep: a variable and its step have different shapes", s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n, 0, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 1, 0, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 2, 1, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 3, 1, checked, s);
  TF_DeleteShapeHandle(checked);
}
