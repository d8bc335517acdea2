/*
 * Fused kernels that run on the tensors of tfjs's WASM backend in place: this module imports that
 * backend's memory, so a pointer is a tensor's `memoryOffset`. Compiled by build.sh to
 * kernels.wasm (committed); src/runtime/wasm-kernels.ts loads it. No static data, no stack, no
 * allocation: the module must never write outside the buffers it is given.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * One Adam step over n parameters, p, m and v in place (the update of src/optim/adam.ts; the
 * caller passes a fresh copy of the parameter as p, see wasm-kernels.ts):
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   p ← p − (m / (√v + ε̂)) · step
 * with step = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε̂ = ε·√(1 − β₂ᵗ). The scalars come rounded to float32
 * from the caller (1 − β is computed in double there, as tfjs does) and each operation rounds in
 * the order tfjs's kernels do, so the result matches the unfused update bit for bit.
 */
EXPORT(adam)
void adam(float *p, const float *g, float *m, float *v, int n, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float step, float eps) {
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
    wasm_v128_store(p + i, pi);
  }
  for (; i < n; i++) {
    float gi = g[i];
    float mi = m[i] * beta1 + gi * oneMinusBeta1;
    float vi = v[i] * beta2 + (gi * gi) * oneMinusBeta2;
    p[i] = p[i] - (mi / (__builtin_sqrtf(vi) + eps)) * step;
    m[i] = mi;
    v[i] = vi;
  }
}
