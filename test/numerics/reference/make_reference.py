#!/usr/bin/python3
"""Reference values for test/numerics, computed in high precision (mpmath, 80 digits) or float64 torch autograd.

Arguments of float32 ops are first rounded to float32, so each reference is the exact value at the
input the tensor op actually sees. Run from the repository root:  /usr/bin/python3 test/numerics/reference/make_reference.py
Writes one JSON file per function next to this script.
"""
import json
import os

import mpmath as mp
import numpy as np
import torch

# 80 digits: log B(1e30, b) and the Student-t normalizer at ν = 1e30 cancel ~32 leading digits.
mp.mp.dps = 80
HERE = os.path.dirname(os.path.abspath(__file__))


def f32(v):
    return float(np.float32(v))


def num(v):
    """JSON-safe float: infinities and NaN as strings the tests decode."""
    v = float(v)
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def dump(name, payload):
    with open(os.path.join(HERE, name + ".json"), "w") as fh:
        json.dump(payload, fh, indent=0)


def unique_f32(values):
    return sorted({f32(v) for v in values})


# Positive arguments: tiny, around the zeros of lgamma (1, 2) and of digamma (1.4616…), every branch
# boundary of the float32 schemes (0.5, 1.5, 2.5, 8, 10), moderate, and huge.
positive = unique_f32(
    [10.0 ** e for e in range(-38, 0)]
    + [10.0 ** e for e in np.arange(1, 30.5, 0.5)]
    + list(np.linspace(0.01, 12, 240))
    + [1 + 2.0 ** -k for k in range(1, 24)] + [1 - 2.0 ** -k for k in range(2, 25)]
    + [2 + 2.0 ** -k for k in range(1, 23)] + [2 - 2.0 ** -k for k in range(2, 24)]
    + [1.4616321449683623 + d for d in (-0.3, -0.25, -0.1, -1e-3, -1e-5, -1e-7, 0, 1e-7, 1e-5, 1e-3, 0.1, 0.25, 0.3)]
    + [0.5, 1.5, 2.5, 8, 10, 7.999999, 9.999999, 3e36]
)
negative = unique_f32([-1e-5, -0.1, -0.5, -0.9, -1.5, -2.5, -3.7, -10.3, -25.5, -100.7, -1000.3])


def polygamma(n, x):
    return mp.polygamma(n, mp.mpf(x))


def lgamma_exact(x):
    x = mp.mpf(x)
    return mp.loggamma(x) if x > 0 else mp.log(abs(mp.gamma(x)))


dump("lgamma", {
    "x": positive + negative,
    "value": [num(lgamma_exact(x)) for x in positive + negative],
    "derivative": [num(mp.digamma(x)) for x in positive + negative],
})
dump("digamma", {
    "x": positive + negative,
    "value": [num(mp.digamma(x)) for x in positive + negative],
    "derivative": [num(polygamma(1, x)) for x in positive + negative],
})
dump("trigamma", {
    "x": positive + negative,
    "value": [num(polygamma(1, x)) for x in positive + negative],
    "derivative": [num(polygamma(2, x)) for x in positive],
})
poly_x = [x for x in positive if 1e-6 <= x <= 1e12]
dump("polygamma", {
    "x": poly_x,
    "orders": {str(n): [num(polygamma(n, x)) for x in poly_x] for n in (2, 3, 4)},
})

# log B(a, b) over every branch pair, with the partial derivatives ψ(a) − ψ(a + b).
ab_values = [1e-30, 1e-3, 0.1, 0.5, 1, 2.5, 3.9, 4, 7.9, 10, 33.3, 1e3, 1e6, 1e12, 1e30]
pairs = [(f32(a), f32(b)) for a in ab_values for b in ab_values]
dump("log-beta", {
    "a": [a for a, _ in pairs],
    "b": [b for _, b in pairs],
    "value": [num(mp.log(mp.beta(a, b))) for a, b in pairs],
    "da": [num(mp.digamma(a) - mp.digamma(mp.mpf(a) + b)) for a, b in pairs],
    "db": [num(mp.digamma(b) - mp.digamma(mp.mpf(a) + b)) for a, b in pairs],
    # |ψ(a)| + |ψ(a + b)|: the size of the terms whose difference is the partial, for error bounds.
    "da_scale": [num(abs(mp.digamma(a)) + abs(mp.digamma(mp.mpf(a) + b))) for a, b in pairs],
    "db_scale": [num(abs(mp.digamma(b)) + abs(mp.digamma(mp.mpf(a) + b))) for a, b in pairs],
})

sp_x = unique_f32([-1e4, -200, -100, -88, -50, -20, -5, -1, -1e-3, -1e-7, 0, 1e-7, 1e-3, 1, 5, 20, 50, 88, 100, 200, 1e4])
dump("softplus", {
    "x": sp_x,
    "value": [num(mp.log1p(mp.exp(x))) for x in sp_x],
    "derivative": [num(1 / (1 + mp.exp(-mp.mpf(x)))) for x in sp_x],
})

lp_x = unique_f32([-0.999999, -0.9, -0.5, -1e-3, -1e-7, -1e-20, 0, 1e-30, 1e-20, 1e-10, 1e-7, 3e-6, 1e-4, 0.01, 0.3, 1, 10, 1e10, 1e30, 3e38])
dump("log1p", {
    "x": lp_x,
    "value": [num(mp.log1p(x)) for x in lp_x],
    "derivative": [num(1 / (1 + mp.mpf(x))) for x in lp_x],
})

lme_x = unique_f32([-1e4, -100, -88, -50, -20, -5, -1, -0.7, -0.69314, -0.6931472, -0.69315, -0.5, -0.1, -1e-3, -1e-5, -1e-7, -1e-20, -1e-38])
dump("log1m-exp", {
    "x": lme_x,
    "value": [num(mp.log1p(-mp.exp(x)) if x < -0.5 else mp.log(-mp.expm1(x))) for x in lme_x],
    "derivative": [num(-1 / mp.expm1(-mp.mpf(x))) for x in lme_x],
})

nu_values = unique_f32([1e-3, 0.1, 0.5, 1, 2, 3, 5, 10, 15.9, 16, 16.1, 30, 100, 1e3, 1e4, 1e6, 1e8, 1e12, 1e20, 1e30])


def student_norm(nu):
    nu = mp.mpf(nu)
    return mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2


dump("student-t-log-normalizer", {
    "nu": nu_values,
    "value": [num(student_norm(nu)) for nu in nu_values],
    "derivative": [num(mp.diff(student_norm, nu)) for nu in nu_values],
})

sq_pairs = [(f32(x), f32(nu)) for x in (0, 1e-15, 1e-5, -0.3, 1, -2.5, 30, 1e4, -1e10, 1e19, 1e20, -1e30)
            for nu in (1e-3, 1, 4, 30, 1e6)]
dump("log1p-square-over", {
    "x": [x for x, _ in sq_pairs],
    "nu": [nu for _, nu in sq_pairs],
    "value": [num(mp.log1p(mp.mpf(x) ** 2 / nu)) for x, nu in sq_pairs],
    "dx": [num(2 * mp.mpf(x) / (nu + mp.mpf(x) ** 2)) for x, nu in sq_pairs],
    "dnu": [num(-(mp.mpf(x) ** 2) / (nu * (nu + mp.mpf(x) ** 2))) for x, nu in sq_pairs],
})

# Incomplete gamma P(a, x) and the implicit reparameterization gradient dz/dα = −(∂P/∂α)/p(z; α).
gamma_pairs = []
for a in (1e-3, 0.1, 0.5, 1, 2.5, 9.5, 10, 37.5, 100, 1e3, 1e4):
    for r in (1e-3, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 2, 5):
        gamma_pairs.append((a, a * r))
    gamma_pairs.append((a, a + 1 + 1e-9))
gamma_pairs += [(0.3, 1e-300), (0.3, 1e-10), (2.0, 40.0), (0.5, 30.0), (50.0, 1.0)]


def gamma_p(a, x):
    a, x = mp.mpf(a), mp.mpf(x)
    if x < a:
        # Kummer series P = xᵃe⁻ˣ/Γ(a + 1) · ₁F₁(1; a + 1; x); mpmath's default term cap is too low for a = 1e4.
        return mp.exp(a * mp.log(x) - x - mp.loggamma(a + 1)) * mp.hyp1f1(1, a + 1, x, maxterms=10**6)
    return 1 - mp.gammainc(a, x, mp.inf, regularized=True)


def gamma_grad(a, z):
    a, z = mp.mpf(a), mp.mpf(z)
    # In the upper tail P rounds to 1 even at 80 digits, so differentiate Q there (∂P/∂α = −∂Q/∂α).
    if z < a:
        dp = mp.diff(lambda s: gamma_p(s, z), a)
    else:
        dp = -mp.diff(lambda s: mp.gammainc(s, z, mp.inf, regularized=True), a)
    density = mp.exp((a - 1) * mp.log(z) - z - mp.loggamma(a))
    return -dp / density


dump("incomplete-gamma", {
    "a": [a for a, _ in gamma_pairs],
    "x": [x for _, x in gamma_pairs],
    "p": [num(gamma_p(a, x)) for a, x in gamma_pairs],
    "q": [num(1 - gamma_p(a, x)) for a, x in gamma_pairs],
    "dz_dalpha": [num(gamma_grad(a, x)) for a, x in gamma_pairs],
})

# d log z/dα from log z, including draws far below the float64 range (z = e^−5000).
log_pairs = [(0.01, -1000.0), (0.001, -5000.0), (0.3, -50.0), (2.0, -700.0), (0.5, -1.0), (3.0, 1.5), (50.0, 4.0)]
dump("log-gamma-grad", {
    "a": [a for a, _ in log_pairs],
    "log_z": [lz for _, lz in log_pairs],
    "dlogz_dalpha": [num(gamma_grad(a, mp.exp(lz)) / mp.exp(lz)) for a, lz in log_pairs],
})

# Cholesky and triangular solves: float64 torch with autograd, on float32-representable inputs.
rng = np.random.default_rng(20261120)


def spd(batch, d):
    m = rng.standard_normal((*batch, d, d))
    a = m @ np.swapaxes(m, -1, -2) / d + np.eye(d)
    return a.astype(np.float32).astype(np.float64)


cases = []
for batch, d in (((), 1), ((), 3), ((2,), 4), ((2, 3), 5), ((), 12)):
    a = spd(batch, d)
    w = rng.standard_normal(a.shape).astype(np.float32).astype(np.float64)
    at = torch.tensor(a, requires_grad=True)
    # Symmetrizing inside the graph makes the reference gradient the symmetric one.
    l = torch.linalg.cholesky((at + at.transpose(-1, -2)) / 2)
    (l * torch.tensor(w)).sum().backward()
    cases.append({"shape": list(a.shape), "a": a.ravel().tolist(), "weights": w.ravel().tolist(),
                  "l": l.detach().numpy().ravel().tolist(), "grad": at.grad.numpy().ravel().tolist()})
chol_payload = {"cases": cases}

solves = []
for lower in (True, False):
    for adjoint in (False, True):
        for lbatch, bbatch, d, k in (((), (), 3, 2), ((2,), (2,), 4, 3), ((3,), (), 5, 1), ((), (2,), 6, 2)):
            full = rng.standard_normal((*lbatch, d, d))
            # A well-conditioned triangle: unit-scale off-diagonal, diagonal away from zero.
            full = full + np.eye(d) * (2 + np.abs(rng.standard_normal((*lbatch, d, 1))))
            full = full.astype(np.float32).astype(np.float64)
            b = rng.standard_normal((*bbatch, d, k)).astype(np.float32).astype(np.float64)
            w = rng.standard_normal(np.broadcast_shapes(lbatch, bbatch) + (d, k)).astype(np.float32).astype(np.float64)
            lt = torch.tensor(full, requires_grad=True)
            bt = torch.tensor(b, requires_grad=True)
            tri = torch.tril(lt) if lower else torch.triu(lt)
            m = tri.transpose(-1, -2) if adjoint else tri
            x = torch.linalg.solve_triangular(m, bt, upper=(lower == adjoint))
            (x * torch.tensor(w)).sum().backward()
            solves.append({"lower": lower, "adjoint": adjoint, "lShape": list(full.shape), "bShape": list(b.shape),
                           "l": full.ravel().tolist(), "b": b.ravel().tolist(), "weights": w.ravel().tolist(),
                           "x": x.detach().numpy().ravel().tolist(), "xShape": list(x.shape),
                           "gradL": lt.grad.numpy().ravel().tolist(), "gradB": bt.grad.numpy().ravel().tolist()})
chol_payload["solves"] = solves
dump("linear-algebra", chol_payload)
print("wrote reference JSON to", HERE)
