/**
 * The two expansions of the incomplete gamma function, each with its derivative in the shape parameter.
 */

const EPS = 1e-16;
const MAX_TERMS = 1_000_000;

/**
 * Series P(a, x) = xᵃe⁻ˣ/Γ(a + 1) · Σₙ xⁿ/((a + 1)…(a + n)) together with d/da of the sum, for x < a + 1.
 * Returns [S, dS/da].
 */
export function gammaSeries(a: number, x: number): [number, number] {
  let term = 1;
  let dterm = 0;
  let sum = 1;
  let dsum = 0;
  for (let n = 1; n < MAX_TERMS; n++) {
    const ratio = x / (a + n);
    term *= ratio;
    // d/da [tₙ₋₁ x/(a + n)] = (t′ₙ₋₁ x − tₙ)/(a + n)
    dterm = (dterm * x - term) / (a + n);
    sum += term;
    dsum += dterm;
    if (term < EPS * sum && Math.abs(dterm) <= EPS * Math.abs(dsum)) break;
  }
  return [sum, dsum];
}

/**
 * Continued fraction h(a, x) with Q(a, x) = xᵃe⁻ˣ/Γ(a) · h, h = 1/(x + 1 − a − 1(1 − a)/(x + 3 − a − …)),
 * evaluated by the modified Lentz method for x ≥ a + 1, carrying d/da alongside (forward-mode
 * differentiation of each recurrence step). Returns [h, dh/da].
 */
export function gammaContinuedFraction(a: number, x: number): [number, number] {
  const tiny = 1e-300;
  let b = x + 1 - a;
  const db = -1;
  let c = 1 / tiny;
  let dc = 0;
  let d = 1 / b;
  let dd = -db / (b * b);
  let h = d;
  let dh = dd;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    const dan = i;
    b += 2;
    // d ← 1/(aₙ d + b), c ← b + aₙ/c, h ← h·c·d
    let den = an * d + b;
    let dden = dan * d + an * dd + db;
    if (Math.abs(den) < tiny) den = tiny;
    d = 1 / den;
    dd = -dden * d * d;
    const cNew = b + an / c;
    dc = db + (dan * c - an * dc) / (c * c);
    c = Math.abs(cNew) < tiny ? tiny : cNew;
    const delta = c * d;
    const ddelta = dc * d + c * dd;
    dh = dh * delta + h * ddelta;
    h *= delta;
    if (Math.abs(delta - 1) < EPS && Math.abs(h * ddelta) <= EPS * Math.abs(dh)) break;
  }
  return [h, dh];
}
