// Elementwise f32 ops, one thread per element (grid-stride). Semantics: api/Ops.java and reference/RefElementwise.
// out may alias an input: every thread reads its inputs before writing its own element.

__device__ __forceinline__ float sigmoidf(float x) { return 1.0f / (1.0f + expf(-x)); }

extern "C" __global__ void add_f32(const float* a, const float* b, float* out, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = a[i] + b[i];
    }
}

// out = silu(gate) * up
extern "C" __global__ void swiglu_f32(const float* gate, const float* up, float* out, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        float g = gate[i];
        out[i] = g * sigmoidf(g) * up[i];
    }
}

// out = x * sigmoid(gate)
extern "C" __global__ void sigmoid_gate_f32(const float* x, const float* gate, float* out, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = x[i] * sigmoidf(gate[i]);
    }
}

// out = silu(x)
extern "C" __global__ void silu_f32(const float* x, float* out, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        float v = x[i];
        out[i] = v * sigmoidf(v);
    }
}

// out[r, :] = x[r, :] * sigmoid(s[r]) over rows of `cols` values
extern "C" __global__ void scale_rows_by_sigmoid_f32(const float* x, const float* s, float* out, int rows, int cols) {
    int n = rows * cols;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = x[i] * sigmoidf(s[i / cols]);
    }
}
