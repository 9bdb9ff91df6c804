/*
 * The parts of TensorFlow's C API (tensorflow/c/kernels.h, ops.h, tf_status.h, tf_tensor.h) that
 * lawn_kernels.c and lawn_shapes.c use.
 *
 * Only the symbols below are used. They are declared here because no TensorFlow C headers can be
 * had by this build: the TF-Java jars ship none, and neither Maven Central nor Debian carries the C
 * headers of the TensorFlow that TF-Java 1.1.0 bundles. The kernel and op-registration prototypes
 * were checked by hand against tensorflow/c/kernels.h and tensorflow/c/ops.h as published in
 * TensorFlow's repository; the status and tensor accessors are the C API's long-stable ones
 * (tf_status.h, tf_tensor.h). Enums are declared as int (same size and calling convention). The
 * build links with -z defs against TF-Java's libtensorflow_framework.so.2, so a missing or renamed
 * symbol fails the build; a changed signature would not, hence this note.
 */
#ifndef LAWN_TF_C_API_H
#define LAWN_TF_C_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
