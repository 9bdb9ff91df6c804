/*
 * LAWN's constrained step (Algorithm 1, lines 4 and 9-11) as two fused CPU kernels per parameter
 * group, registered with TensorFlow through its stable C kernel API (tensorflow/c/kernels.h,
 * tensorflow/c/ops.h) and loaded by dev.lawn.ops.kernels.FusedKernelLibrary.
 *
 *   LawnTangentGradients(w: N*float, g: N*float, active: [G]) -> (projected: N*float, ww: float)
 *       <w,g> and <w,w> over the group's N members in one read of w and g, then
 *       projected_i = g_i - (<w,g>/<w,w>) w_i (g_i for a group left free). The output asks
 *       TensorFlow for g_i's buffer (TF_ForwardInputOrAllocateOutput); TF hands it over only when
 *       this op holds the last reference to it (no other consumer still to run; not a ref; same
 *       type, size and memory type) and allocates a new buffer otherwise. Gated gradients are
 *       Identity outputs that share the gradient's buffer, so whether it is reused depends on the
 *       graph; the loop reads g_i[k] before it writes out_i[k], so either way is correct.
 *   LawnSphereStep(var: Ref(N*float), d: N*float, ww, rate, target: [G], active: [G])
 *       <w,d> and <d,d> in one read, then in place w_i <- f (1-k) w_i - f rate d_i with
 *       k = -rate <w,d>/<w,w> and f = c / ||(1-k) w - rate d||: the projected step taken and the
 *       group rescaled onto ||w|| = c, exactly as dev.lawn.ops.Lawn writes it with graph ops.
 *
 * Why: on small models the graph-op version costs more in elementwise kernels (each a full pass
 * that writes a temporary, plus about a microsecond of scheduling) and in the chain of tiny
 * per-group scalar ops between the reductions than in arithmetic. Per group, these are two ops.
 *
 * The attribute `group` says which entry of the per-group vectors (active flags, target norms)
 * belongs to this op's group. Sums go through float lanes into a double every 512 elements, so
 * they are at least as accurate as TensorFlow's float reductions; the per-group scalars are
 * computed in double.
 *
 * Every input's shape is checked twice, as TensorFlow's own kernels do: in the shape function when
 * the graph is built (as far as shapes are known then) and in the kernel before any data is read.
 *
 * Only the symbols below are used. They are declared here because no TensorFlow C headers can be
 * had by this build: the TF-Java jars ship none, and neither Maven Central nor Debian carries the
 * headers of TF 2.18 (TF-Java 1.1.0's). They were checked by hand against tensorflow/c/kernels.h,
 * ops.h, tf_status.h and tf_tensor.h (enums as int: same size and calling convention); the build
 * links with -z defs against TF-Java's libtensorflow_framework.so.2, so a missing or renamed symbol
 * fails the build.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct TF_Status TF_Status;
typedef struct TF_Tensor TF_Tensor;
typedef struct TF_KernelBuilder TF_KernelBuilder;
typedef struct TF_OpKernelConstruction TF_OpKernelConstruction;
typedef struct TF_OpKernelContext TF_OpKernelContext;
typedef struct TF_OpDefinitionBuilder TF_OpDefinitionBuilder;
typedef struct TF_ShapeInferenceContext TF_ShapeInferenceContext;
typedef struct TF_ShapeHandle TF_ShapeHandle;
typedef struct TF_DimensionHandle TF_DimensionHandle;

enum { TF_OK_CODE = 0, TF_INVALID_ARGUMENT_CODE = 3 };
enum { TF_FLOAT_TYPE = 1 };

extern TF_Status* TF_NewStatus(void);
extern void TF_DeleteStatus(TF_Status*);
extern int TF_GetCode(const TF_Status*);
extern void TF_SetStatus(TF_Status*, int code, const char* msg);

extern void* TF_TensorData(const TF_Tensor*);
extern int64_t TF_TensorElementCount(const TF_Tensor*);
extern int TF_NumDims(const TF_Tensor*);
extern int64_t TF_Dim(const TF_Tensor*, int dim_index);
extern void TF_DeleteTensor(TF_Tensor*);

extern TF_KernelBuilder* TF_NewKernelBuilder(const char* op_name, const char* device_name,
    void* (*create_func)(TF_OpKernelConstruction*), void (*compute_func)(void*, TF_OpKernelContext*),
    void (*delete_func)(void*));
extern void TF_RegisterKernelBuilder(const char* kernel_name, TF_KernelBuilder*, TF_Status*);
extern void TF_OpKernelConstruction_GetAttrInt64(TF_OpKernelConstruction*, const char* attr_name, int64_t* val,
    TF_Status*);
extern void TF_OpKernelConstruction_Failure(TF_OpKernelConstruction*, TF_Status*);
extern void TF_GetInput(TF_OpKernelContext*, int i, TF_Tensor** tensor, TF_Status*);
extern void TF_OpKernelContext_Failure(TF_OpKernelContext*, TF_Status*);
extern TF_Tensor* TF_AllocateOutput(TF_OpKernelContext*, int index, int dtype, const int64_t* dims,
    int num_dims, size_t len, TF_Status*);
extern TF_Tensor* TF_ForwardInputOrAllocateOutput(TF_OpKernelContext*, const int* candidate_input_indices,
    int num_candidate_input_indices, int output_index, const int64_t* output_dims, int output_num_dims,
    int* forwarded_input, TF_Status*);
extern void TF_GetInputTensorFromVariable(TF_OpKernelContext*, int input, bool lock_held, bool is_variant_type,
    bool sparse, void (*copy_func)(TF_OpKernelContext*, TF_Tensor*, TF_Tensor*), TF_Tensor** out, TF_Status*);

extern TF_OpDefinitionBuilder* TF_NewOpDefinitionBuilder(const char* op_name);
extern void TF_RegisterOpDefinition(TF_OpDefinitionBuilder*, TF_Status*);
extern void TF_OpDefinitionBuilderAddAttr(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderAddInput(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderAddOutput(TF_OpDefinitionBuilder*, const char* spec);
extern void TF_OpDefinitionBuilderSetIsStateful(TF_OpDefinitionBuilder*, bool);
extern void TF_OpDefinitionBuilderSetShapeInferenceFunction(TF_OpDefinitionBuilder*,
    void (*fn)(TF_ShapeInferenceContext*, TF_Status*));
extern int64_t TF_ShapeInferenceContextNumInputs(TF_ShapeInferenceContext*);
extern TF_ShapeHandle* TF_NewShapeHandle(void);
extern void TF_DeleteShapeHandle(TF_ShapeHandle*);
extern void TF_ShapeInferenceContextGetInput(TF_ShapeInferenceContext*, int i, TF_ShapeHandle*, TF_Status*);
extern void TF_ShapeInferenceContextSetOutput(TF_ShapeInferenceContext*, int i, TF_ShapeHandle*, TF_Status*);
extern void TF_ShapeInferenceContextSubshape(TF_ShapeInferenceContext*, TF_ShapeHandle*, int64_t start,
    int64_t end, TF_ShapeHandle* result, TF_Status*);
extern int64_t TF_ShapeInferenceContextRank(TF_ShapeInferenceContext*, TF_ShapeHandle*);
extern int TF_ShapeInferenceContextRankKnown(TF_ShapeInferenceContext*, TF_ShapeHandle*);
extern void TF_ShapeInferenceContextWithRank(TF_ShapeInferenceContext*, TF_ShapeHandle*, int64_t rank,
    TF_ShapeHandle* result, TF_Status*);
extern void TF_ShapeInferenceContextDim(TF_ShapeInferenceContext*, TF_ShapeHandle*, int64_t i,
    TF_DimensionHandle* result);
extern TF_DimensionHandle* TF_NewDimensionHandle(void);
extern void TF_DeleteDimensionHandle(TF_DimensionHandle*);
extern int TF_DimensionHandleValueKnown(TF_DimensionHandle*);
extern int64_t TF_DimensionHandleValue(TF_DimensionHandle*);

/* Floor of squared norms in divisions: dev.lawn.ops.TangentProjection.EPS. */
#define LAWN_EPS 1e-30

/* ---- arithmetic (plain loops; gcc vectorizes them, with an AVX2 clone where the CPU has it) ---- */

#define LAWN_CLONES __attribute__((target_clones("avx2", "default")))

typedef float v8f __attribute__((vector_size(32)));

static inline v8f load8(const float* p) {
  v8f v;
  memcpy(&v, p, sizeof v); /* an unaligned vector load */
  return v;
}

static inline double lane_sum(v8f v) {
  double s = 0;
  for (int k = 0; k < 8; k++) s += v[k];
  return s;
}

/* Explicit 8-float lanes: without -ffast-math gcc will not reorder a scalar sum into vectors. Each
   block of 512 elements is summed in float lanes (32 terms per lane) and added to a double, which
   keeps the result as accurate as a float64 loop for LAWN's purposes (relative error ~1e-9 here). */
LAWN_CLONES static void dot_pair(const float* a, const float* b, int64_t n, double* ab, double* bb) {
  double sab = 0, sbb = 0;
  int64_t i = 0;
  while (i + 16 <= n) {
    int64_t end = i + 512 <= n ? i + 512 : n;
    v8f x0 = {0}, x1 = {0}, y0 = {0}, y1 = {0};
    for (; i + 16 <= end; i += 16) {
      v8f a0 = load8(a + i), a1 = load8(a + i + 8), b0 = load8(b + i), b1 = load8(b + i + 8);
      x0 += a0 * b0;
      x1 += a1 * b1;
      y0 += b0 * b0;
      y1 += b1 * b1;
    }
    sab += lane_sum(x0 + x1);
    sbb += lane_sum(y0 + y1);
  }
  for (; i < n; i++) {
    sab += (double) a[i] * b[i];
    sbb += (double) b[i] * b[i];
  }
  *ab = sab;
  *bb = sbb;
}

LAWN_CLONES static void project(const float* w, const float* g, float coef, float* out, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    out[i] = g[i] - coef * w[i];
  }
}

LAWN_CLONES static void move(float* w, const float* d, float keep, float rate, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    w[i] = keep * w[i] - rate * d[i];
  }
}

/* ---- kernels ---- */

/* Groups have at most this many members (a layer's kernel and bias; a Dense over k inputs). */
#define MAX_MEMBERS 32

/* The attributes every kernel reads at construction: N members, and the group's index. */
typedef struct {
  int64_t n;
  int64_t group;
} GroupAttrs;

/* Handed out when the attributes cannot be allocated: n = 0, so compute never indexes inputs. */
static GroupAttrs no_attrs = {0, 0};

static void* read_attrs(TF_OpKernelConstruction* ctx) {
  GroupAttrs* attrs = calloc(1, sizeof(GroupAttrs));
  TF_Status* s = TF_NewStatus();
  if (attrs == NULL) {
    TF_SetStatus(s, 8 /* RESOURCE_EXHAUSTED */, "LAWN kernel: out of memory for its attributes");
    TF_OpKernelConstruction_Failure(ctx, s);
    TF_DeleteStatus(s);
    return &no_attrs;
  }
  TF_OpKernelConstruction_GetAttrInt64(ctx, "N", &attrs->n, s);
  if (TF_GetCode(s) == TF_OK_CODE) TF_OpKernelConstruction_GetAttrInt64(ctx, "group", &attrs->group, s);
  if (TF_GetCode(s) == TF_OK_CODE && (attrs->n < 1 || attrs->n > MAX_MEMBERS)) {
    TF_SetStatus(s, TF_INVALID_ARGUMENT_CODE, "LAWN kernel: attribute N must be between 1 and 32");
    attrs->n = 0; /* compute then indexes no input */
  }
  if (TF_GetCode(s) != TF_OK_CODE) TF_OpKernelConstruction_Failure(ctx, s);
  TF_DeleteStatus(s);
  return attrs;
}

static void free_attrs(void* attrs) {
  if (attrs != &no_attrs) free(attrs);
}

/* Tensors a kernel took from its context, released in one place. */
typedef struct {
  TF_Tensor* items[4 * MAX_MEMBERS + 8];
  int count;
} Held;

static TF_Tensor* hold(Held* held, TF_Tensor* t) {
  if (t != NULL) held->items[held->count++] = t;
  return t;
}

static void release(Held* held) {
  for (int i = 0; i < held->count; i++) TF_DeleteTensor(held->items[i]);
  held->count = 0;
}

static bool failed(TF_OpKernelContext* ctx, TF_Status* s) {
  if (TF_GetCode(s) != TF_OK_CODE) {
    TF_OpKernelContext_Failure(ctx, s);
    return true;
  }
  return false;
}

static bool fail(TF_OpKernelContext* ctx, TF_Status* s, const char* message) {
  TF_SetStatus(s, TF_INVALID_ARGUMENT_CODE, message);
  TF_OpKernelContext_Failure(ctx, s);
  return true;
}

static TF_Tensor* input(TF_OpKernelContext* ctx, int i, Held* held, TF_Status* s) {
  TF_Tensor* t = NULL;
  TF_GetInput(ctx, i, &t, s);
  return TF_GetCode(s) == TF_OK_CODE ? hold(held, t) : NULL;
}

/* Reads entry `group` of a per-group float vector into *out; false (error reported) when it is not
   a vector or the entry is out of range. */
static bool group_entry(TF_OpKernelContext* ctx, TF_Tensor* vector, int64_t group, double* out, TF_Status* s,
    const char* message) {
  if (TF_NumDims(vector) != 1) {
    return !fail(ctx, s, message);
  }
  if (group < 0 || group >= TF_TensorElementCount(vector)) {
    return !fail(ctx, s, "LAWN kernel: attribute group is outside the per-group vector");
  }
  *out = ((const float*) TF_TensorData(vector))[group];
  return true;
}

/* TensorFlow's IsLegacyScalar: rank 0, or a vector of one element. */
static bool is_scalar(TF_Tensor* t) {
  return TF_NumDims(t) == 0 || (TF_NumDims(t) == 1 && TF_Dim(t, 0) == 1);
}

static bool same_shape(TF_Tensor* a, TF_Tensor* b) {
  if (TF_NumDims(a) != TF_NumDims(b)) return false;
  for (int k = 0; k < TF_NumDims(a); k++) {
    if (TF_Dim(a, k) != TF_Dim(b, k)) return false;
  }
  return true;
}

/* <a_i,b_i> and <b_i,b_i> summed over a group's n members. */
static void group_dot_pairs(TF_Tensor* const* a, TF_Tensor* const* b, int n, double* ab, double* bb) {
  *ab = 0;
  *bb = 0;
  for (int i = 0; i < n; i++) {
    double dot, sq;
    dot_pair((const float*) TF_TensorData(a[i]), (const float*) TF_TensorData(b[i]), TF_TensorElementCount(a[i]),
        &dot, &sq);
    *ab += dot;
    *bb += sq;
  }
}

static void tangent_gradients_compute(void* kernel, TF_OpKernelContext* ctx) {
  const GroupAttrs* attrs = kernel;
  int n = (int) attrs->n;
  TF_Status* s = TF_NewStatus();
  Held held = {.count = 0};
  TF_Tensor* w[MAX_MEMBERS];
  TF_Tensor* g[MAX_MEMBERS];
  TF_Tensor* active;
  double wg, ww, a;
  if (n > MAX_MEMBERS) {
    fail(ctx, s, "LawnTangentGradients: more than 32 members in a group");
    goto done;
  }
  for (int i = 0; i < n; i++) {
    if ((w[i] = input(ctx, i, &held, s)) == NULL || (g[i] = input(ctx, n + i, &held, s)) == NULL) goto check;
    if (!same_shape(w[i], g[i])) {
      fail(ctx, s, "LawnTangentGradients: a weight and its gradient have different shapes");
      goto done;
    }
  }
  if ((active = input(ctx, 2 * n, &held, s)) == NULL) goto check;
  if (!group_entry(ctx, active, attrs->group, &a, s, "LawnTangentGradients: active must be a vector")) goto done;
  group_dot_pairs(g, w, n, &wg, &ww);
  {
    /* As the graph ops: coef = <w,g> * active / max(<w,w>, eps); 0 for a free group. */
    float coef = (float) (wg * (a / fmax(ww, LAWN_EPS)));
    for (int i = 0; i < n; i++) {
      int rank = TF_NumDims(g[i]);
      int64_t dims[16];
      if (rank > 16) {
        fail(ctx, s, "LawnTangentGradients: rank above 16");
        goto done;
      }
      for (int k = 0; k < rank; k++) dims[k] = TF_Dim(g[i], k);
      const int candidates[1] = {n + i};
      TF_Tensor* out = hold(&held, TF_ForwardInputOrAllocateOutput(ctx, candidates, 1, i, dims, rank, NULL, s));
      if (failed(ctx, s)) goto done;
      project((const float*) TF_TensorData(w[i]), (const float*) TF_TensorData(g[i]), coef,
          (float*) TF_TensorData(out), TF_TensorElementCount(g[i]));
    }
    TF_Tensor* out = hold(&held, TF_AllocateOutput(ctx, n, TF_FLOAT_TYPE, NULL, 0, sizeof(float), s));
    if (failed(ctx, s)) goto done;
    *(float*) TF_TensorData(out) = (float) ww;
  }
  goto done;
check:
  failed(ctx, s);
done:
  release(&held);
  TF_DeleteStatus(s);
}

static void sphere_step_compute(void* kernel, TF_OpKernelContext* ctx) {
  const GroupAttrs* attrs = kernel;
  int n = (int) attrs->n;
  TF_Status* s = TF_NewStatus();
  Held held = {.count = 0};
  TF_Tensor* w[MAX_MEMBERS];
  TF_Tensor* d[MAX_MEMBERS];
  TF_Tensor *ww_t, *rate_t, *target, *active;
  double wd, dd, a, c;
  if (n > MAX_MEMBERS) {
    fail(ctx, s, "LawnSphereStep: more than 32 members in a group");
    goto done;
  }
  for (int i = 0; i < n; i++) {
    /* A ref variable: the tensor shares the variable's buffer (no lock, like ApplyGradientDescent's
       default use_locking=false). */
    TF_Tensor* var = NULL;
    TF_GetInputTensorFromVariable(ctx, i, false, false, false, NULL, &var, s);
    if (failed(ctx, s)) goto done;
    w[i] = hold(&held, var);
    if ((d[i] = input(ctx, n + i, &held, s)) == NULL) goto check;
    if (!same_shape(w[i], d[i])) {
      fail(ctx, s, "LawnSphereStep: a variable and its step have different shapes");
      goto done;
    }
  }
  if ((ww_t = input(ctx, 2 * n, &held, s)) == NULL || (rate_t = input(ctx, 2 * n + 1, &held, s)) == NULL
      || (target = input(ctx, 2 * n + 2, &held, s)) == NULL || (active = input(ctx, 2 * n + 3, &held, s)) == NULL) {
    goto check;
  }
  if (!is_scalar(ww_t)) {
    fail(ctx, s, "LawnSphereStep: ww must be a scalar");
    goto done;
  }
  if (!is_scalar(rate_t)) {
    fail(ctx, s, "LawnSphereStep: rate must be a scalar");
    goto done;
  }
  if (!group_entry(ctx, target, attrs->group, &c, s, "LawnSphereStep: target must be a vector")
      || !group_entry(ctx, active, attrs->group, &a, s, "LawnSphereStep: active must be a vector")) {
    goto done;
  }
  group_dot_pairs(w, d, n, &wd, &dd);
  {
    double ww = *(const float*) TF_TensorData(ww_t); /* <w,w> before the step, from LawnTangentGradients */
    double rate = *(const float*) TF_TensorData(rate_t);
    double step = -rate;
    double k = wd * (step * (a / fmax(ww, LAWN_EPS))); /* 0 for a free group */
    double norm_sq = ww + rate * rate * dd - k * (step * wd);
    double factor = a > 0.5 ? 1 / sqrt(norm_sq / fmax(c * c, LAWN_EPS)) : 1;
    float keep = (float) (factor * (1 - k));
    float scaled_rate = (float) (factor * rate);
    for (int i = 0; i < n; i++) {
      move((float*) TF_TensorData(w[i]), (const float*) TF_TensorData(d[i]), keep, scaled_rate,
          TF_TensorElementCount(w[i]));
    }
  }
  goto done;
check:
  failed(ctx, s);
done:
  release(&held);
  TF_DeleteStatus(s);
}

/* ---- shapes ---- */

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
static void tangent_gradients_shape(TF_ShapeInferenceContext* ctx, TF_Status* s) {
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
static void sphere_step_shape(TF_ShapeInferenceContext* ctx, TF_Status* s) {
  int n = (int) ((TF_ShapeInferenceContextNumInputs(ctx) - 4) / 2);
  TF_ShapeHandle* checked = TF_NewShapeHandle();
  require_paired_shapes(ctx, n, "LawnSphereStep: a variable and its step have different shapes", s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n, 0, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 1, 0, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 2, 1, checked, s);
  if (TF_GetCode(s) == TF_OK_CODE) require_rank(ctx, 2 * n + 3, 1, checked, s);
  TF_DeleteShapeHandle(checked);
}

/* ---- registration, run when TensorFlow.loadLibrary opens the library ---- */

static void report(const char* what, TF_Status* s) {
  if (TF_GetCode(s) != TF_OK_CODE) {
    fprintf(stderr, "lawn_kernels: could not register %s\n", what);
  }
}

static void register_op(const char* name, const char* const* specs, bool stateful,
    void (*shape)(TF_ShapeInferenceContext*, TF_Status*), void (*compute)(void*, TF_OpKernelContext*)) {
  TF_Status* s = TF_NewStatus();
  TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
  TF_OpDefinitionBuilderAddAttr(op, "N: int >= 1");
  TF_OpDefinitionBuilderAddAttr(op, "group: int >= 0");
  for (int i = 0; specs[i] != NULL; i += 2) {
    if (specs[i][0] == 'i') TF_OpDefinitionBuilderAddInput(op, specs[i + 1]);
    else TF_OpDefinitionBuilderAddOutput(op, specs[i + 1]);
  }
  TF_OpDefinitionBuilderSetIsStateful(op, stateful);
  TF_OpDefinitionBuilderSetShapeInferenceFunction(op, shape);
  TF_RegisterOpDefinition(op, s);
  report(name, s);
  TF_RegisterKernelBuilder(name, TF_NewKernelBuilder(name, "CPU", read_attrs, compute, free_attrs), s);
  report(name, s);
  TF_DeleteStatus(s);
}

__attribute__((constructor)) static void lawn_register(void) {
  static const char* const tangent[] = {"in", "w: N * float", "in", "g: N * float", "in", "active: float",
      "out", "projected: N * float", "out", "ww: float", NULL};
  static const char* const step[] = {"in", "var: Ref(N * float)", "in", "d: N * float", "in", "ww: float",
      "in", "rate: float", "in", "target: float", "in", "active: float", NULL};
  register_op("LawnTangentGradients", tangent, false, tangent_gradients_shape, tangent_gradients_compute);
  register_op("LawnSphereStep", step, true, sphere_step_shape, sphere_step_compute);
}
