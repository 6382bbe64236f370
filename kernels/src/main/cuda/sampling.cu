// On-device greedy sampling: the index of the largest logit per row (lowest index on ties), one block per row.

#define SAMPLE_THREADS 256

extern "C" __global__ void argmax_rows_f32(const float* logits, int* out, int cols) {
    __shared__ float best_value[SAMPLE_THREADS];
    __shared__ int best_index[SAMPLE_THREADS];
    const float* row = logits + (size_t) blockIdx.x * cols;
    float value = -INFINITY;
    int index = cols;  // no candidate yet; any real index wins
    for (int j = threadIdx.x; j < cols; j += SAMPLE_THREADS) {
        if (row[j] > value) { value = row[j]; index = j; }
    }
    best_value[threadIdx.x] = value;
    best_index[threadIdx.x] = index;
    __syncthreads();
    for (int stride = SAMPLE_THREADS / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            float v = best_value[threadIdx.x + stride];
            int i = best_index[threadIdx.x + stride];
            if (v > best_value[threadIdx.x] || (v == best_value[threadIdx.x] && i < best_index[threadIdx.x])) {
                best_value[threadIdx.x] = v;
                best_index[threadIdx.x] = i;
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) out[blockIdx.x] = best_index[0] == cols ? 0 : best_index[0];
}
