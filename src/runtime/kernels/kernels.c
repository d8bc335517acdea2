/*
 * Fused kernels that run on the tensors of tfjs's WASM backend in place: this module imports that
 * backend's memory, so a pointer is a tensor's `memoryOffset`. Compiled by build.sh to
 * kernels.wasm (committed); src/runtime/wasm-kernels.ts loads it. No static data, no stack, no
 * allocation: the module must never write outside the buffers it is given.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * Kernels that write an output take (…, part, parts) last and do only part `part` of `parts`
 * (runtime/kernel-pool.ts runs the parts on different threads): a share of whole `unit`s out of
 * n items, so that each thread writes its own SIMD-aligned range.
 */
static inline int share(int n, int unit, int part, int parts) {
  const int units = (n + unit - 1) / unit;
  const int i = (int)((long long)units * part / parts) * unit;
  return i < n ? i : n;
}

/*
 * One Adam step over n parameters, m and v in place, the new parameter into out (the update of
 * src/optim/adam.ts; out is a fresh tensor, see wasm-kernels.ts):
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   p ← p − (m / (√v + ε̂)) · step
 * with step = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε̂ = ε·√(1 − β₂ᵗ). The scalars come rounded to float32
 * from the caller (1 − β is computed in double there, as tfjs does) and each operation rounds in
 * the order tfjs's kernels do, so the result matches the unfused update bit for bit.
 */
EXPORT(adam)
void adam(float *out, const float *p, const float *g, float *m, float *v, int n, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float step, float eps, int part, int parts) {
  const int start = share(n, 4, part, parts);
  n = share(n, 4, part + 1, parts);
  const v128_t b1 = wasm_f32x4_splat(beta1), c1 = wasm_f32x4_splat(oneMinusBeta1);
  const v128_t b2 = wasm_f32x4_splat(beta2), c2 = wasm_f32x4_splat(oneMinusBeta2);
  const v128_t s = wasm_f32x4_splat(step), e = wasm_f32x4_splat(eps);
  int i = start;
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

/*
 * One block of NV vectors of columns: out[v] = act(init[v] + Σ_t vals[t] · rows[offs[t] + v]) over
 * t < count in t's order (init 0 means zeros), accumulated in registers (nv is a constant after
 * inlining), so each output is loaded and stored once rather than once per term.
 */
static inline __attribute__((always_inline)) void sparse_block(const int nv, const int *offs, const float *vals, int count, const float *rows, const float *init, float *out, int relu) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  v128_t acc[8];
  for (int v = 0; v < nv; v++) acc[v] = init ? wasm_v128_load(init + 4 * v) : zero;
  for (int t = 0; t < count; t++) {
    const v128_t a = wasm_f32x4_splat(vals[t]);
    const float *row = rows + offs[t];
    for (int v = 0; v < nv; v++) acc[v] = wasm_f32x4_add(acc[v], wasm_f32x4_mul(a, wasm_v128_load(row + 4 * v)));
  }
  for (int v = 0; v < nv; v++) wasm_v128_store(out + 4 * v, relu ? wasm_f32x4_max(acc[v], zero) : acc[v]);
}

/* The same for columns [c, c + width) of one output, width < 32: blocks of 16, 8 and 4, then one at a time. */
static void sparse_tail(const int *offs, const float *vals, int count, const float *rows, const float *init, float *out, int c, int m, int relu) {
  if (c + 16 <= m) {
    sparse_block(4, offs, vals, count, rows + c, init ? init + c : 0, out + c, relu);
    c += 16;
  }
  if (c + 8 <= m) {
    sparse_block(2, offs, vals, count, rows + c, init ? init + c : 0, out + c, relu);
    c += 8;
  }
  if (c + 4 <= m) {
    sparse_block(1, offs, vals, count, rows + c, init ? init + c : 0, out + c, relu);
    c += 4;
  }
  for (; c < m; c++) {
    float acc = init ? init[c] : 0.0f;
    for (int t = 0; t < count; t++) acc += vals[t] * rows[offs[t] + c];
    out[c] = relu && !(acc > 0.0f) ? 0.0f : acc;
  }
}

/*
 * The nonzero values v[i·stride], i < n, in order: their values into vals and i·rs (the offset of
 * the row each multiplies) into offs; returns how many (no branches).
 */
static int nonzeros(const float *v, int stride, int n, int rs, int *offs, float *vals) {
  int count = 0;
  for (int i = 0; i < n; i++) {
    const float value = v[i * stride];
    offs[count] = i * rs;
    vals[count] = value;
    count += value != 0.0f;
  }
  return count;
}

/*
 * A dense layer on a mostly-zero input (binarized images): y = act(x W + b) for x [n, in],
 * W [in, out], b [out] (b may be 0: no bias), act the identity or relu, from the nonzero x[r, j]
 * alone: row r of y is b + Σ_j x[r, j] W[j, :] over them, the terms in j's order. A part owns a
 * range of rows: it lists their nonzeros first, then goes over W 32 columns at a time (a slice of
 * W small enough to stay in cache while every row uses it). `scratch` holds 2·n·in + n words
 * (each row's nonzero offsets and values, and their count), which the parts share by rows.
 */
EXPORT(sparse_dense)
void sparse_dense(const float *x, const float *w, const float *b, float *y, int *scratch, int n, int in, int out, int relu, int part, int parts) {
  const int r0 = share(n, 1, part, parts), r1 = share(n, 1, part + 1, parts);
  int *offs = scratch, *count = scratch + 2 * n * in;
  float *vals = (float *)(scratch + n * in);
  for (int r = r0; r < r1; r++) count[r] = nonzeros(x + r * in, 1, in, out, offs + r * in, vals + r * in);
  int c = 0;
  for (; c + 32 <= out; c += 32) {
    for (int r = r0; r < r1; r++) sparse_block(8, offs + r * in, vals + r * in, count[r], w + c, b ? b + c : 0, y + r * out + c, relu);
  }
  if (c < out) {
    for (int r = r0; r < r1; r++) sparse_tail(offs + r * in, vals + r * in, count[r], w, b, y + r * out, c, out, relu);
  }
}

/*
 * The weight gradient of that layer, dW = xᵀ dz for x [n, in] and dz [n, out], from the nonzero
 * x[r, j] alone: row j of dW is Σ_r x[r, j] dz[r, :] over them. A part owns a range of dW's rows;
 * `scratch` holds 2·n words per part (the column's nonzero offsets and values).
 */
EXPORT(sparse_weight_grad)
void sparse_weight_grad(const float *x, const float *dz, float *dw, int *scratch, int n, int in, int out, int part, int parts) {
  int *offs = scratch + 2 * part * n;
  float *vals = (float *)(offs + n);
  const int j1 = share(in, 1, part + 1, parts);
  for (int j = share(in, 1, part, parts); j < j1; j++) {
    const int count = nonzeros(x + j, in, n, out, offs, vals);
    float *row = dw + j * out;
    int c = 0;
    for (; c + 32 <= out; c += 32) sparse_block(8, offs, vals, count, dz + c, 0, row + c, 0);
    sparse_tail(offs, vals, count, dz, 0, row, c, out, 0);
  }
}

/*
 * Dense products. tfjs's WASM backend multiplies with XNNPACK, which packs its right operand into a
 * private layout on every call whose operand is a new tensor — in training, every call (0.8 ms of
 * single-threaded packing for a 400 × 784 weight, as long as the product itself on two threads) —
 * and runs products with a transposed operand on a slow generic loop. This kernel reads both
 * operands where they lie (B row by row, 8 columns at a time), so nothing is packed, and splits
 * the columns of the result over threads: part `part` of `parts` writes only its own columns, and
 * each result is the same sum in the same order whatever the split. With 4 × 8 tiles it runs at
 * ~50 GFLOP/s on one core, about what 128-bit SIMD without fused multiply–add allows; 5 or more
 * rows per tile spill registers and run at half that (measured).
 */

/* Columns per tile: two SIMD vectors. */
#define NR 8

/* Rows of B per pass: a 4 × 8 tile's panel of B (KC rows of 32 bytes, a cache line each) stays in L1 across the rows of A. */
#define KC 256

/*
 * One tile of MR rows and NV vectors of columns over k < K:
 *   c[r, v] = act(start[r, v] + Σ_k a[r, k] b[k, v]),
 * start being c itself when `resume` (a later pass over k: storing and reloading a float changes
 * nothing, so the sum is the one a single pass makes), else bias[v] (or 0); accumulated in
 * registers (mr and nv are constants after inlining).
 */
static inline __attribute__((always_inline)) void gemm_tile(const int mr, const int nv, const float *a, int lda, const float *b, int ldb, const float *bias, float *c, int ldc, int K, int resume, int relu) {
  v128_t acc[4][NR / 4];
  for (int v = 0; v < nv; v++) {
    const v128_t init = bias ? wasm_v128_load(bias + 4 * v) : wasm_f32x4_splat(0.0f);
    for (int r = 0; r < mr; r++) acc[r][v] = resume ? wasm_v128_load(c + r * ldc + 4 * v) : init;
  }
  for (int k = 0; k < K; k++) {
    const float *bk = b + k * ldb;
    v128_t bv[NR / 4];
    for (int v = 0; v < nv; v++) bv[v] = wasm_v128_load(bk + 4 * v);
    for (int r = 0; r < mr; r++) {
      const v128_t ar = wasm_v128_load32_splat(a + r * lda + k);
      for (int v = 0; v < nv; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(ar, bv[v]));
    }
  }
  for (int r = 0; r < mr; r++) {
    for (int v = 0; v < nv; v++) {
      const v128_t out = relu ? wasm_f32x4_max(acc[r][v], wasm_f32x4_splat(0.0f)) : acc[r][v];
      wasm_v128_store(c + r * ldc + 4 * v, out);
    }
  }
}

/* The same for the last columns when N is not a multiple of 4: one column at a time. */
static void gemm_column(int mr, const float *a, int lda, const float *b, int ldb, const float *bias, float *c, int ldc, int K, int relu) {
  for (int r = 0; r < mr; r++) {
    float sum = bias ? bias[0] : 0.0f;
    for (int k = 0; k < K; k++) sum += a[r * lda + k] * b[k * ldb];
    c[r * ldc] = relu && !(sum > 0.0f) ? 0.0f : sum;
  }
}

/*
 * C = act(A B + bias) for A [M, K], B [K, N], bias [N] or 0 for none, C [M, N]; act is relu when
 * `relu`, else the identity. This part's share of the columns only, in passes of KC rows of B.
 * (For Aᵀ B, transposing A first and running this measured 11 % faster than reading A by
 * columns: those reads miss the cache.)
 */
EXPORT(gemm)
void gemm(const float *a, const float *b, const float *bias, float *c, int M, int K, int N, int relu, int part, int parts) {
  const int j1 = share(N, NR, part + 1, parts);
  for (int j = share(N, NR, part, parts); j < j1; j += NR) {
    const int width = j1 - j < NR ? j1 - j : NR;
    const float *biasj = bias ? bias + j : 0;
    float *cj = c + j;
    int jj = 0;
    if (width >= 4) {
      for (int k = 0; k < K; k += KC) {
        const int kc = K - k < KC ? K - k : KC;
        const int resume = k > 0, act = relu && k + kc == K;
        const float *ak = a + k, *bk = b + k * N + j;
        int i = 0;
        if (width == NR) {
          for (; i + 4 <= M; i += 4) gemm_tile(4, 2, ak + i * K, K, bk, N, biasj, cj + i * N, N, kc, resume, act);
          for (; i < M; i++) gemm_tile(1, 2, ak + i * K, K, bk, N, biasj, cj + i * N, N, kc, resume, act);
        } else {
          for (; i + 4 <= M; i += 4) gemm_tile(4, 1, ak + i * K, K, bk, N, biasj, cj + i * N, N, kc, resume, act);
          for (; i < M; i++) gemm_tile(1, 1, ak + i * K, K, bk, N, biasj, cj + i * N, N, kc, resume, act);
        }
      }
      jj = width == NR ? NR : 4;
    }
    for (; jj < width; jj++) gemm_column(M, a, K, b + j + jj, N, biasj ? biasj + jj : 0, cj + jj, N, K, relu);
  }
}

/* out [N, M] = transpose of x [M, N]; this part's share of x's rows. */
EXPORT(transpose)
void transpose(const float *x, float *out, int M, int N, int part, int parts) {
  const int i1 = share(M, 4, part + 1, parts);
  int i = share(M, 4, part, parts);
  for (; i + 4 <= i1; i += 4) {
    int j = 0;
    for (; j + 4 <= N; j += 4) {
      const v128_t r0 = wasm_v128_load(x + (i + 0) * N + j), r1 = wasm_v128_load(x + (i + 1) * N + j);
      const v128_t r2 = wasm_v128_load(x + (i + 2) * N + j), r3 = wasm_v128_load(x + (i + 3) * N + j);
      const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
      const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
      wasm_v128_store(out + (j + 0) * M + i, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
      wasm_v128_store(out + (j + 1) * M + i, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
      wasm_v128_store(out + (j + 2) * M + i, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
      wasm_v128_store(out + (j + 3) * M + i, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
    }
    for (; j < N; j++) for (int r = 0; r < 4; r++) out[j * M + i + r] = x[(i + r) * N + j];
  }
  for (; i < i1; i++) for (int j = 0; j < N; j++) out[j * M + i] = x[i * N + j];
}

/* out [N] = Σ_i x[i, :] for x [M, N] (a bias gradient), rows added in order; this part's columns. */
EXPORT(column_sums)
void column_sums(const float *x, float *out, int M, int N, int part, int parts) {
  const int j1 = share(N, 4, part + 1, parts);
  int j = share(N, 4, part, parts);
  for (; j + 4 <= j1; j += 4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < M; i++) acc = wasm_f32x4_add(acc, wasm_v128_load(x + i * N + j));
    wasm_v128_store(out + j, acc);
  }
  for (; j < j1; j++) {
    float sum = 0.0f;
    for (int i = 0; i < M; i++) sum += x[i * N + j];
    out[j] = sum;
  }
}

/* The gradient through relu, dz = dy · step(y) for y = relu(z), as tfjs's step-then-multiply: step(NaN) is NaN, and NaN in dy stays NaN. */
EXPORT(relu_grad)
void relu_grad(const float *dy, const float *y, float *dz, int n, int part, int parts) {
  const int end = share(n, 4, part + 1, parts);
  int i = share(n, 4, part, parts);
  const v128_t one = wasm_f32x4_splat(1.0f), zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= end; i += 4) {
    const v128_t yi = wasm_v128_load(y + i);
    const v128_t step = wasm_v128_bitselect(yi, wasm_v128_and(wasm_f32x4_gt(yi, zero), one), wasm_f32x4_ne(yi, yi));
    wasm_v128_store(dz + i, wasm_f32x4_mul(wasm_v128_load(dy + i), step));
  }
  for (; i < end; i++) dz[i] = dy[i] * (y[i] > 0.0f ? 1.0f : y[i] != y[i] ? y[i] : 0.0f);
}

/*
 * e^v for v ≤ 0, to float32 accuracy (Cephes' expf: v = n ln 2 + r with |r| ≤ ½ ln 2, a degree-6
 * polynomial for e^r, 2^n built in the exponent bits). n is rounded by adding 1.5·2²³, which
 * leaves it in the low mantissa bits (cheaper in WASM than nearest-then-convert). Below −87.3
 * (where e^v leaves the normal floats) it returns e^−87.3 ≈ 1.2e-38, which only ever meets 1 + e^v here.
 */
static inline v128_t exp_nonpositive(v128_t v) {
  const v128_t magic = wasm_f32x4_splat(12582912.0f);
  // pmax(v, c) is v < c ? c : v: one instruction (max's NaN rules take several), and NaN stays NaN.
  v = wasm_f32x4_pmax(v, wasm_f32x4_splat(-87.3f));
  const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(v, wasm_f32x4_splat(1.44269504088896341f)), magic);
  const v128_t n = wasm_f32x4_sub(t, magic);
  v128_t r = wasm_f32x4_sub(v, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, wasm_f32x4_mul(r, r)), r), wasm_f32x4_splat(1.0f));
  // The bits of t are those of 1.5·2²³ plus n: subtracting them less the exponent bias 127 leaves n + 127.
  const v128_t scale = wasm_i32x4_shl(wasm_i32x4_sub(t, wasm_i32x4_splat(0x4B400000 - 127)), 23);
  return wasm_f32x4_mul(p, scale);
}

/* ln y for a normal float y > 0, in double: y = m 2^e with m in [√½, √2), ln m = 2 atanh((m − 1)/(m + 1)) by its series. */
static double log_float(float y) {
  const unsigned bits = __builtin_bit_cast(unsigned, y);
  int e = (int)(bits >> 23) - 127;
  double m = __builtin_bit_cast(float, (bits & 0x7fffffu) | 0x3f800000u);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e++;
  }
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  // |s| ≤ 0.172: the terms through s¹⁵ leave a relative error below 1e-16.
  double t = 1.0 / 15.0;
  for (int k = 13; k >= 1; k -= 2) t = t * s2 + 1.0 / k;
  return 2.0 * s * t + e * 0.6931471805599453;
}

/* Σ of the logarithms of a vector's four lanes. */
static double log_lanes(v128_t v) {
  return (log_float(wasm_f32x4_extract_lane(v, 0)) + log_float(wasm_f32x4_extract_lane(v, 1))) + (log_float(wasm_f32x4_extract_lane(v, 2)) + log_float(wasm_f32x4_extract_lane(v, 3)));
}

/*
 * Bernoulli log-likelihoods under logits, summed along rows: out[r] = Σ_j x_j l_j − softplus(l_j)
 * for l [rows, D] and x [xRows, D] (row r of l pairs with row r mod xRows of x: the samples of a
 * batch share its data). softplus(l) = max(l, 0) + ln(1 + e^−|l|): each SIMD lane multiplies up
 * to 120 factors 1 + e^−|l| ∈ [1, 2] (no overflow below 2¹²⁸) before one logarithm, so a row of 784
 * takes 8 logarithms, not 784. A part owns a range of rows.
 */
EXPORT(bernoulli_loglik)
void bernoulli_loglik(const float *l, const float *x, float *out, int rows, int D, int xRows, int part, int parts) {
  const int r1 = share(rows, 1, part + 1, parts);
  const v128_t zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);
  for (int r = share(rows, 1, part, parts); r < r1; r++) {
    const float *lr = l + r * D, *xr = x + (r % xRows) * D;
    v128_t linear = zero, product = one;
    double logs = 0.0;
    int j = 0, factors = 0;
    for (; j + 4 <= D; j += 4) {
      const v128_t lj = wasm_v128_load(lr + j);
      linear = wasm_f32x4_add(linear, wasm_f32x4_sub(wasm_f32x4_mul(wasm_v128_load(xr + j), lj), wasm_f32x4_pmax(lj, zero)));
      product = wasm_f32x4_mul(product, wasm_f32x4_add(one, exp_nonpositive(wasm_f32x4_neg(wasm_f32x4_abs(lj)))));
      if (++factors == 120) {
        logs += log_lanes(product);
        product = one;
        factors = 0;
      }
    }
    logs += log_lanes(product);
    float sum = (wasm_f32x4_extract_lane(linear, 0) + wasm_f32x4_extract_lane(linear, 1)) + (wasm_f32x4_extract_lane(linear, 2) + wasm_f32x4_extract_lane(linear, 3));
    for (; j < D; j++) {
      const float lj = lr[j];
      const float a = lj < 0.0f ? -lj : lj;
      sum += xr[j] * lj - (lj > 0.0f ? lj : 0.0f);
      logs += log_float(1.0f + wasm_f32x4_extract_lane(exp_nonpositive(wasm_f32x4_splat(-a)), 0));
    }
    out[r] = sum - (float)logs;
  }
}

/* The logits' gradient of that sum: dl[r, j] = (x_j − σ(l_rj)) · dy[r], σ(l) from e = e^−|l| as 1/(1 + e) or e/(1 + e). */
EXPORT(bernoulli_logit_grad)
void bernoulli_logit_grad(const float *l, const float *x, const float *dy, float *dl, int rows, int D, int xRows, int part, int parts) {
  const int r1 = share(rows, 1, part + 1, parts);
  const v128_t zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);
  for (int r = share(rows, 1, part, parts); r < r1; r++) {
    const float *lr = l + r * D, *xr = x + (r % xRows) * D;
    float *dr = dl + r * D;
    const v128_t g = wasm_v128_load32_splat(dy + r);
    int j = 0;
    for (; j + 4 <= D; j += 4) {
      const v128_t lj = wasm_v128_load(lr + j);
      const v128_t e = exp_nonpositive(wasm_f32x4_neg(wasm_f32x4_abs(lj)));
      const v128_t sigma = wasm_f32x4_div(wasm_v128_bitselect(one, e, wasm_f32x4_ge(lj, zero)), wasm_f32x4_add(one, e));
      wasm_v128_store(dr + j, wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(xr + j), sigma), g));
    }
    for (; j < D; j++) {
      const float lj = lr[j];
      const float e = wasm_f32x4_extract_lane(exp_nonpositive(wasm_f32x4_splat(lj < 0.0f ? lj : -lj)), 0);
      dr[j] = (xr[j] - (lj >= 0.0f ? 1.0f : e) / (1.0f + e)) * dy[r];
    }
  }
}
