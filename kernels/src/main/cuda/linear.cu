// y[n, m] = x[n, k] . w[m, k]^T with BF16 weights and f32 activations, f32 accumulation.
// A GEMV-style kernel: one warp per (row n, output m); lanes stride over k, then a warp shuffle reduce.
// Simple and obviously correct; the tensor-core (mma.sync) path is future work (see README.md).
#include <cuda_bf16.h>

extern "C" __global__ void matmul_bf16w_f32(const float* x, const __nv_bfloat16* w, float* y, int n, int m, int k) {
    int warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    if (warp >= n * m) return;
    int row = warp / m;
    int col = warp % m;
    const float* xr = x + (size_t) row * k;
    const __nv_bfloat16* wr = w + (size_t) col * k;
    float acc = 0.0f;
    for (int i = lane; i < k; i += 32) acc += xr[i] * __bfloat162float(wr[i]);
    for (int offset = 16; offset > 0; offset >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, offset);
    if (lane == 0) y[(size_t) row * m + col] = acc;
}

// out[i, :] = table[ids[i], :] widened to f32; one thread per output element.
extern "C" __global__ void embedding_bf16(const int* ids, const __nv_bfloat16* table, float* out, int count, int hidden) {
    int n = count * hidden;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        int r = i / hidden;
        out[i] = __bfloat162float(table[(size_t) ids[r] * hidden + (i % hidden)]);
    }
}
