// Normalisations over groups of consecutive f32 values: one block (NORM_THREADS threads) per group.
// Semantics: reference/RefNorms (sums in double there; here f32 partial sums reduced in double).
// The weight w is passed as f32 (the host widens BF16 weights once at upload).

#define NORM_THREADS 256

// Sum of v over the block; every thread gets the result.
__device__ double block_sum(double v) {
    __shared__ double partial[NORM_THREADS];
    partial[threadIdx.x] = v;
    __syncthreads();
    for (int stride = NORM_THREADS / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
        __syncthreads();
    }
    double total = partial[0];
    __syncthreads();
    return total;
}

__device__ float block_max(float v) {
    __shared__ float partial[NORM_THREADS];
    partial[threadIdx.x] = v;
    __syncthreads();
    for (int stride = NORM_THREADS / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) partial[threadIdx.x] = fmaxf(partial[threadIdx.x], partial[threadIdx.x + stride]);
        __syncthreads();
    }
    float total = partial[0];
    __syncthreads();
    return total;
}

__device__ double sum_of_squares(const float* x, int group) {
    double local = 0.0;
    for (int j = threadIdx.x; j < group; j += NORM_THREADS) local += (double) x[j] * x[j];
    return block_sum(local);
}

// out = x / sqrt(mean(x^2) + eps) * w ; grid = number of groups
extern "C" __global__ void rms_norm_f32(const float* x, const float* w, float* out, int group, float eps) {
    const float* xg = x + (size_t) blockIdx.x * group;
    float* og = out + (size_t) blockIdx.x * group;
    double inv = 1.0 / sqrt(sum_of_squares(xg, group) / group + eps);
    for (int j = threadIdx.x; j < group; j += NORM_THREADS) og[j] = (float) (xg[j] * inv * w[j]);
}

// out = x / sqrt(mean(x^2) + eps) * w * silu(z)
extern "C" __global__ void gated_rms_norm_f32(const float* x, const float* z, const float* w, float* out, int group,
                                              float eps) {
    size_t base = (size_t) blockIdx.x * group;
    double inv = 1.0 / sqrt(sum_of_squares(x + base, group) / group + eps);
    for (int j = threadIdx.x; j < group; j += NORM_THREADS) {
        double zj = z[base + j];
        double gate = zj / (1.0 + exp(-zj));
        out[base + j] = (float) (x[base + j] * inv * w[j] * gate);
    }
}

// out = x / sqrt(sum(x^2) + eps) * scale
extern "C" __global__ void l2_norm_f32(const float* x, float* out, int group, float eps, float scale) {
    size_t base = (size_t) blockIdx.x * group;
    double inv = 1.0 / sqrt(sum_of_squares(x + base, group) + eps);
    for (int j = threadIdx.x; j < group; j += NORM_THREADS) out[base + j] = (float) (x[base + j] * inv * scale);
}

// Row softmax over `cols` values, max-subtracted.
extern "C" __global__ void softmax_f32(const float* x, float* out, int cols) {
    size_t base = (size_t) blockIdx.x * cols;
    float local_max = -INFINITY;
    for (int j = threadIdx.x; j < cols; j += NORM_THREADS) local_max = fmaxf(local_max, x[base + j]);
    float row_max = block_max(local_max);
    double local = 0.0;
    for (int j = threadIdx.x; j < cols; j += NORM_THREADS) local += exp((double) x[base + j] - row_max);
    double total = block_sum(local);
    for (int j = threadIdx.x; j < cols; j += NORM_THREADS) {
        out[base + j] = (float) (exp((double) x[base + j] - row_max) / total);
    }
}
