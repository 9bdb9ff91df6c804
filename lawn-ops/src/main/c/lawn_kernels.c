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
 * The TF C API declarations are in tf_c_api.h, the shape functions in lawn_shapes.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lawn_shapes.h"
#include "tf_c_api.h"

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
  register_op("LawnTangentGradients", tangent, false, lawn_tangent_gradients_shape, tangent_gradients_compute);
  register_op("LawnSphereStep", step, true, lawn_sphere_step_shape, sphere_step_compute);
}
