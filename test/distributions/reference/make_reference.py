#!/usr/bin/env python3
"""Reference values for the distribution conformance tests, computed with scipy in float64.

This is an implementation independent of ours: each family's log-density, mean, variance and
entropy come from scipy.stats (translated to torch-style parameter names). Families scipy lacks
(Kumaraswamy, the logit-normal TransformedDistribution) use their textbook closed forms here.
Run from the repository root:  python3 test/distributions/reference/make_reference.py
It rewrites reference.json next to this script.
"""
import json
import os

import numpy as np
from scipy import integrate, special, stats

rng = np.random.default_rng(20261120)


def case(cid, family, params, x, frozen=None, logpdf=None, event_rank=0, moments=True, entropy=True):
    """One table row. `frozen` is a scipy frozen distribution broadcasting over the batch."""
    x = np.asarray(x, dtype=np.float64)
    lp = logpdf(x) if logpdf is not None else (frozen.logpmf(x) if hasattr(frozen, 'logpmf') else frozen.logpdf(x))
    row = {'id': cid, 'family': family, 'params': params, 'x': x.tolist(), 'logProb': np.asarray(lp).tolist()}
    if frozen is not None and moments:
        row['mean'] = np.asarray(frozen.mean()).tolist()
        row['variance'] = np.asarray(frozen.var()).tolist()
    if frozen is not None and entropy:
        row['entropy'] = np.asarray(frozen.entropy()).tolist()
    return row


def arr(v):
    return np.asarray(v, dtype=np.float64)


cases = []

# ---- continuous, scalar events; batched parameters broadcast against x of shape [n, batch].
loc, scale = arr([0.0, 1.5, -2.0]), arr([1.0, 0.5, 3.0])
xs = rng.normal(size=(4, 3)) * 2
cases.append(case('normal', 'Normal', {'loc': loc.tolist(), 'scale': scale.tolist()}, xs, stats.norm(loc, scale)))

ln_loc, ln_scale = arr([0.0, 0.5]), arr([0.5, 0.8])
xs = rng.gamma(2.0, 1.0, size=(4, 2))
cases.append(case('lognormal', 'LogNormal', {'loc': ln_loc.tolist(), 'scale': ln_scale.tolist()}, xs,
                  stats.lognorm(s=ln_scale, scale=np.exp(ln_loc))))

hn = arr([0.7, 2.0])
xs = np.abs(rng.normal(size=(4, 2))) * 2
cases.append(case('halfnormal', 'HalfNormal', {'scale': hn.tolist()}, xs, stats.halfnorm(scale=hn)))

hc = arr([0.5, 2.0])
xs = np.abs(rng.standard_cauchy(size=(4, 2)))
cases.append(case('halfcauchy', 'HalfCauchy', {'scale': hc.tolist()}, xs, stats.halfcauchy(scale=hc), moments=False))

c_loc, c_scale = arr([0.0, 3.0]), arr([1.0, 0.25])
xs = rng.standard_cauchy(size=(4, 2)) * 2
cases.append(case('cauchy', 'Cauchy', {'loc': c_loc.tolist(), 'scale': c_scale.tolist()}, xs,
                  stats.cauchy(c_loc, c_scale), moments=False))

df, t_loc, t_scale = arr([5.0, 7.5, 30.0]), arr([0.0, 1.0, -1.0]), arr([1.0, 2.0, 0.5])
xs = rng.standard_t(4, size=(4, 3)) * 2
cases.append(case('studentt', 'StudentT', {'df': df.tolist(), 'loc': t_loc.tolist(), 'scale': t_scale.tolist()}, xs,
                  stats.t(df, t_loc, t_scale)))

la_loc, la_scale = arr([0.0, -1.0]), arr([1.0, 0.3])
xs = rng.laplace(size=(4, 2))
cases.append(case('laplace', 'Laplace', {'loc': la_loc.tolist(), 'scale': la_scale.tolist()}, xs,
                  stats.laplace(la_loc, la_scale)))

lo_loc, lo_scale = arr([0.0, 2.0]), arr([1.0, 0.5])
xs = rng.logistic(size=(4, 2)) * 1.5
cases.append(case('logistic', 'Logistic', {'loc': lo_loc.tolist(), 'scale': lo_scale.tolist()}, xs,
                  stats.logistic(lo_loc, lo_scale)))

low, high = arr([0.0, -2.0]), arr([1.0, 3.0])
xs = np.stack([rng.uniform(0, 1, 4), rng.uniform(-2, 3, 4)], axis=1)
cases.append(case('uniform', 'Uniform', {'low': low.tolist(), 'high': high.tolist()}, xs, stats.uniform(low, high - low)))

rate = arr([0.5, 3.0])
xs = rng.exponential(size=(4, 2))
cases.append(case('exponential', 'Exponential', {'rate': rate.tolist()}, xs, stats.expon(scale=1 / rate)))

g_a, g_b = arr([0.5, 2.0, 9.0]), arr([1.0, 3.0, 0.5])
xs = rng.gamma(2.0, 1.0, size=(4, 3))
cases.append(case('gamma', 'Gamma', {'concentration': g_a.tolist(), 'rate': g_b.tolist()}, xs,
                  stats.gamma(g_a, scale=1 / g_b)))

ig_a, ig_b = arr([4.5, 5.5]), arr([1.0, 2.0])
xs = 1 / rng.gamma(3.0, 1.0, size=(4, 2))
cases.append(case('inversegamma', 'InverseGamma', {'concentration': ig_a.tolist(), 'rate': ig_b.tolist()}, xs,
                  stats.invgamma(ig_a, scale=ig_b)))

b_a, b_b = arr([0.5, 2.0, 5.0]), arr([0.5, 3.0, 1.5])
xs = rng.beta(2.0, 2.0, size=(4, 3))
cases.append(case('beta', 'Beta', {'concentration1': b_a.tolist(), 'concentration0': b_b.tolist()}, xs,
                  stats.beta(b_a, b_b)))

# ---- Dirichlet: scipy has no batching, so evaluate event by event.
alpha = arr([[0.5, 1.0, 2.0], [3.0, 3.0, 3.0]])
xs = rng.dirichlet([2, 2, 2], size=(4, 2))
lp = np.array([[stats.dirichlet(alpha[b]).logpdf(xs[n, b]) for b in range(2)] for n in range(4)])
row = case('dirichlet', 'Dirichlet', {'concentration': alpha.tolist()}, xs, logpdf=lambda _x: lp)
row['mean'] = [stats.dirichlet(a).mean().tolist() for a in alpha]
row['variance'] = [stats.dirichlet(a).var().tolist() for a in alpha]
row['entropy'] = [float(stats.dirichlet(a).entropy()) for a in alpha]
cases.append(row)

# ---- MultivariateNormal with scale_tril; scipy takes the covariance L Lᵀ.
mu = arr([[0.0, 1.0, -1.0], [2.0, 0.0, 0.5]])
tril = arr([[[1.0, 0.0, 0.0], [0.5, 2.0, 0.0], [-0.3, 0.2, 0.7]],
            [[0.8, 0.0, 0.0], [0.0, 1.1, 0.0], [0.4, -0.6, 1.5]]])
xs = rng.normal(size=(4, 2, 3))
lp = np.array([[stats.multivariate_normal(mu[b], tril[b] @ tril[b].T).logpdf(xs[n, b]) for b in range(2)] for n in range(4)])
row = case('mvn', 'MultivariateNormal', {'loc': mu.tolist(), 'scale_tril': tril.tolist()}, xs, logpdf=lambda _x: lp)
row['mean'] = mu.tolist()
row['variance'] = [np.diag(t @ t.T).tolist() for t in tril]
row['entropy'] = [float(stats.multivariate_normal(mu[b], tril[b] @ tril[b].T).entropy()) for b in range(2)]
cases.append(row)

# ---- discrete
p = arr([0.2, 0.9, 0.5])
xs = arr([[0, 1, 1], [1, 0, 0], [1, 1, 0]])
cases.append(case('bernoulli-probs', 'Bernoulli', {'probs': p.tolist()}, xs, stats.bernoulli(p)))
logits = arr([-1.5, 0.0, 3.0])
cases.append(case('bernoulli-logits', 'Bernoulli', {'logits': logits.tolist()}, xs, stats.bernoulli(special.expit(logits))))

n, bp = arr([10, 3]), arr([0.3, 0.8])
xs = arr([[0, 3], [4, 1], [10, 2]])
cases.append(case('binomial-probs', 'Binomial', {'total_count': n.tolist(), 'probs': bp.tolist()}, xs, stats.binom(n, bp),
                  entropy=False))
bl = arr([0.5, -2.0])
cases.append(case('binomial-logits', 'Binomial', {'total_count': n.tolist(), 'logits': bl.tolist()}, xs,
                  stats.binom(n, special.expit(bl)), entropy=False))

probs = arr([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]])
xs = arr([[0, 1], [2, 2], [1, 0]])
lp = np.log(probs[np.arange(2)[None, :], xs.astype(int)])
row = case('categorical-probs', 'Categorical', {'probs': probs.tolist()}, xs, logpdf=lambda _x: lp)
row['entropy'] = (-(probs * np.log(probs)).sum(-1)).tolist()
cases.append(row)
clog = arr([[1.0, -1.0, 0.0, 2.0]])
xs = arr([[0], [3], [2]])
lp = (clog - special.logsumexp(clog, axis=-1, keepdims=True))[np.zeros((3, 1), dtype=int), xs.astype(int)]
row = case('categorical-logits', 'Categorical', {'logits': clog.tolist()}, xs, logpdf=lambda _x: lp)
cp = special.softmax(clog, axis=-1)
row['entropy'] = (-(cp * np.log(cp)).sum(-1)).tolist()
cases.append(row)

lam = arr([0.5, 4.0, 40.0])
xs = arr([[0, 3, 35], [2, 7, 41], [1, 0, 50]])
cases.append(case('poisson', 'Poisson', {'rate': lam.tolist()}, xs, stats.poisson(lam), entropy=False))

r, nbp = arr([2.0, 5.5]), arr([0.3, 0.7])
xs = arr([[0, 4], [3, 12], [7, 0]])
# torch's convention: k successes (prob p) before the r-th failure = scipy nbinom(r, 1 − p).
cases.append(case('negbinomial-probs', 'NegativeBinomial', {'total_count': r.tolist(), 'probs': nbp.tolist()}, xs,
                  stats.nbinom(r, 1 - nbp), entropy=False))
nbl = arr([0.4, -1.0])
cases.append(case('negbinomial-logits', 'NegativeBinomial', {'total_count': r.tolist(), 'logits': nbl.tolist()}, xs,
                  stats.nbinom(r, 1 - special.expit(nbl)), entropy=False))

# ---- families scipy lacks: closed forms in float64.
ka, kb = arr([2.0, 0.7]), arr([5.0, 1.5])
xs = rng.beta(2, 2, size=(4, 2))
k_lp = np.log(ka) + np.log(kb) + (ka - 1) * np.log(xs) + (kb - 1) * np.log1p(-xs ** ka)
k_mean = kb * special.beta(1 + 1 / ka, kb)
k_m2 = kb * special.beta(1 + 2 / ka, kb)
row = case('kumaraswamy', 'Kumaraswamy', {'a': ka.tolist(), 'b': kb.tolist()}, xs, logpdf=lambda _x: k_lp)
row['mean'] = k_mean.tolist()
row['variance'] = (k_m2 - k_mean ** 2).tolist()
# Entropy by numerical integration of −p log p (independent of the plugin's closed form).
def kumaraswamy_entropy(a, b):
    logpdf = lambda x: np.log(a) + np.log(b) + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x ** a)
    return integrate.quad(lambda x: -np.exp(logpdf(x)) * logpdf(x), 0, 1, limit=200)[0]
row['entropy'] = [kumaraswamy_entropy(a, b) for a, b in zip(ka, kb)]
cases.append(row)

# Logit-normal: Normal(μ, σ) pushed through the sigmoid; log p(y) = log N(logit y) − log y − log(1 − y).
lnm, lns = 0.3, 0.8
ys = rng.uniform(0.05, 0.95, size=(5,))
ln_lp = stats.norm(lnm, lns).logpdf(special.logit(ys)) - np.log(ys) - np.log1p(-ys)
cases.append(case('logitnormal', 'LogitNormal', {'loc': lnm, 'scale': lns}, ys, logpdf=lambda _x: ln_lp))

# ---- implicit reparameterization targets: d/dθ E[log z] for Gamma, Beta and Dirichlet draws.
# Gamma(α, 1): E[log z] = ψ(α), so d/dα = ψ'(α). Beta(a, b): E[log x] = ψ(a) − ψ(a + b).
# Dirichlet(α): E[log x_1] = ψ(α_1) − ψ(α₀), so d/dα_1 = ψ'(α_1) − ψ'(α₀) and d/dα_j = −ψ'(α₀).
g_alpha = [0.3, 1.0, 4.5]
b_a, b_b = 0.6, 2.5
d_alpha = [0.8, 2.0, 3.5]
d0 = sum(d_alpha)
gradients = {
    'gamma': {'alpha': g_alpha, 'dElogz': special.polygamma(1, g_alpha).tolist()},
    'beta': {'a': b_a, 'b': b_b, 'dElogx_da': float(special.polygamma(1, b_a) - special.polygamma(1, b_a + b_b)),
             'dElogx_db': float(-special.polygamma(1, b_a + b_b))},
    'dirichlet': {'alpha': d_alpha, 'dElogx1': [float(special.polygamma(1, d_alpha[0]) - special.polygamma(1, d0))]
                  + [float(-special.polygamma(1, d0))] * 2},
}

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reference.json')
with open(out, 'w') as f:
    json.dump({'generator': 'test/distributions/reference/make_reference.py', 'scipy': __import__('scipy').__version__,
               'cases': cases, 'gradients': gradients}, f, separators=(',', ':'))
    f.write('\n')
print(f'wrote {len(cases)} cases to {out}')
