/*
 * Fused kernels that run on the tensors of tfjs's WASM backend in place: this module imports that
 * backend's memory, so a pointer is a tensor's `memoryOffset`. Compiled by build.sh to
 * kernels.wasm (committed); src/runtime/wasm-kernels.ts loads it. No static data, no stack, no
 * allocation: the module must never write outside the buffers it is given.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * One Adam step over n parameters, m and v in place, the new parameter into out (the update of
 * src/optim/adam.ts; out is a fresh tensor, see wasm-kernels.ts):
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   p ← p − (m / (√v + ε̂)) · step
 * with step = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε̂ = ε·√(1 − β₂ᵗ). The scalars come rounded to float32
 * from the caller (1 − β is computed in double there, as tfjs does) and each operation rounds in
 * the order tfjs's kernels do, so the result matches the unfused update bit for bit.
 */
EXPORT(adam)
void adam(float *out, const float *p, const float *g, float *m, float *v, int n, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float step, float eps) {
  const v128_t b1 = wasm_f32x4_splat(beta1), c1 = wasm_f32x4_splat(oneMinusBeta1);
  const v128_t b2 = wasm_f32x4_splat(beta2), c2 = wasm_f32x4_splat(oneMinusBeta2);
  const v128_t s = wasm_f32x4_splat(step), e = wasm_f32x4_splat(eps);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), b1), wasm_f32x4_mul(gi, c1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), b2), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), c2));
    v128_t d = wasm_f32x4_add(wasm_f32x4_sqrt(vi), e);
    v128_t pi = wasm_f32x4_sub(wasm_v128_load(p + i), wasm_f32x4_mul(wasm_f32x4_div(mi, d), s));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    wasm_v128_store(out + i, pi);
  }
  for (; i < n; i++) {
    float gi = g[i];
    float mi = m[i] * beta1 + gi * oneMinusBeta1;
    float vi = v[i] * beta2 + (gi * gi) * oneMinusBeta2;
    out[i] = p[i] - (mi / (__builtin_sqrtf(vi) + eps)) * step;
    m[i] = mi;
    v[i] = vi;
  }
}

/* The number of nonzero values among x[0..n). */
EXPORT(count_nonzero)
int count_nonzero(const float *x, int n) {
  v128_t count = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) count = wasm_i32x4_sub(count, wasm_f32x4_ne(wasm_v128_load(x + i), wasm_f32x4_splat(0.0f)));
  int total = wasm_i32x4_extract_lane(count, 0) + wasm_i32x4_extract_lane(count, 1) + wasm_i32x4_extract_lane(count, 2) + wasm_i32x4_extract_lane(count, 3);
  for (; i < n; i++) total += x[i] != 0.0f;
  return total;
}

/* Σ x[i]², in float32 like tfjs's square-then-sum: NaN if any value is NaN, ∞ if any is ±∞ or the sum overflows. */
EXPORT(sum_squares)
float sum_squares(const float *x, int n) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t v = wasm_v128_load(x + i);
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(v, v));
  }
  float total = (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) + (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
  for (; i < n; i++) total += x[i] * x[i];
  return total;
}

/* acc[0..m) += a · row[0..m) */
static inline void axpy(float *acc, const float *row, float a, int m) {
  const v128_t va = wasm_f32x4_splat(a);
  int k = 0;
  for (; k + 4 <= m; k += 4) wasm_v128_store(acc + k, wasm_f32x4_add(wasm_v128_load(acc + k), wasm_f32x4_mul(va, wasm_v128_load(row + k))));
  for (; k < m; k++) acc[k] += a * row[k];
}

/*
 * A dense layer on a mostly-zero input (binarized images): y = act(x W + b) for x [n, in],
 * W [in, out], b [out] (b may be 0: no bias), act the identity or relu, visiting only the nonzero
 * x[r, j]: each adds x[r, j] · W[j, :] to row r of y. y must hold n · out floats.
 */
EXPORT(sparse_dense)
void sparse_dense(const float *x, const float *w, const float *b, float *y, int n, int in, int out, int relu) {
  for (int r = 0; r < n; r++) {
    float *yr = y + r * out;
    for (int k = 0; k < out; k++) yr[k] = b ? b[k] : 0.0f;
    const float *xr = x + r * in;
    for (int j = 0; j < in; j++) {
      if (xr[j] != 0.0f) axpy(yr, w + j * out, xr[j], out);
    }
    if (relu) {
      int k = 0;
      for (; k + 4 <= out; k += 4) wasm_v128_store(yr + k, wasm_f32x4_max(wasm_v128_load(yr + k), wasm_f32x4_splat(0.0f)));
      for (; k < out; k++) yr[k] = yr[k] > 0.0f ? yr[k] : 0.0f;
    }
  }
}

/*
 * The weight gradient of that layer, dW = xᵀ dz for x [n, in] and dz [n, out], visiting only the
 * nonzero x[r, j]: each adds x[r, j] · dz[r, :] to row j of dW. dw must hold in · out floats.
 * (Building each row of dW in turn instead reads x by columns and measured 30 % slower.)
 */
EXPORT(sparse_weight_grad)
void sparse_weight_grad(const float *x, const float *dz, float *dw, int n, int in, int out) {
  for (int k = 0; k < in * out; k++) dw[k] = 0.0f;
  for (int r = 0; r < n; r++) {
    const float *xr = x + r * in;
    for (int j = 0; j < in; j++) {
      if (xr[j] != 0.0f) axpy(dw + j * out, dz + r * out, xr[j], out);
    }
  }
}
