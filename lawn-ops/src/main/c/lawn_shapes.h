/* Shape functions of LAWN's two ops: every input's shape checked when the graph is built. */
#ifndef LAWN_SHAPES_H
#define LAWN_SHAPES_H

#include "tf_c_api.h"

void lawn_tangent_gradients_shape(TF_ShapeInferenceContext* ctx, TF_Status* s);
void lawn_sphere_step_shape(TF_ShapeInferenceContext* ctx, TF_Status* s);

#endif
