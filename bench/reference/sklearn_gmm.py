"""Seconds per EM iteration of scikit-learn's GaussianMixture (full covariance) on the benchmark data.

Usage: sklearn_gmm.py FILE N D K ITERS, FILE holding N*D float32 values row-major (written by
bench/workloads/em-gmm.ts). Per-iteration time is (t(ITERS+1 iterations) - t(1 iteration)) / ITERS
with the same k-means initialization, so initialization is not counted. Prints one JSON line.
"""
import json
import sys
import time

import numpy as np
from sklearn.mixture import GaussianMixture


def fit_seconds(x, k, iters):
    gm = GaussianMixture(n_components=k, covariance_type="full", max_iter=iters, tol=0.0, n_init=1, random_state=0, reg_covar=1e-6)
    t0 = time.perf_counter()
    gm.fit(x)
    return time.perf_counter() - t0, gm


def main():
    path, n, d, k, iters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    x = np.fromfile(path, dtype=np.float32).reshape(n, d).astype(np.float64)
    one, _ = fit_seconds(x, k, 1)
    many, gm = fit_seconds(x, k, iters + 1)
    print(json.dumps({"seconds_per_iteration": (many - one) / iters, "iterations": iters, "avg_loglik": float(gm.score(x))}))


if __name__ == "__main__":
    main()
