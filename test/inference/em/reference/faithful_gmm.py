"""Reference solutions for the Gaussian mixtures on Old Faithful (acceptance item 2 of issue 5).

Fits scikit-learn's GaussianMixture (EM) with K = 2 components to models/data/faithful.csv, for
full and diagonal covariances, from 200 k-means++ and 200 random initializations each, tolerance
1e-12 and up to 10,000 iterations, and keeps the best average log-likelihood per point.
reg_covar = 1e-6 is scikit-learn's default and matches vmodel's default variance floor (the same
constant added to every variance after each M-step), so both solve the same problem.

Run from the repository root:
    /usr/bin/python3 test/inference/em/reference/faithful_gmm.py
It writes faithful_gmm.json next to this script.
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def load():
    with open(os.path.join(ROOT, "models", "data", "faithful.csv")) as f:
        rows = list(csv.DictReader(f))
    # float32 first: vmodel holds the data in float32, so both fit the same numbers.
    return np.array([[float(r["x[1]"]), float(r["x[2]"])] for r in rows], dtype=np.float32).astype(np.float64)


def best(x, covariance_type):
    fits = []
    for init in ("k-means++", "random"):
        for seed in range(200):
            gm = GaussianMixture(
                n_components=2,
                covariance_type=covariance_type,
                tol=1e-12,
                max_iter=10000,
                reg_covar=1e-6,
                init_params=init,
                random_state=seed,
            ).fit(x)
            fits.append((gm.score(x), init, seed, gm))
    fits.sort(key=lambda t: -t[0])
    score, init, seed, gm = fits[0]
    order = np.argsort(gm.means_[:, 0])
    return {
        "avgLogLik": float(score),
        "init": init,
        "seed": seed,
        "weights": gm.weights_[order].tolist(),
        "means": gm.means_[order].tolist(),
        "covariances": np.asarray(gm.covariances_)[order].tolist(),
        "distinctOptima": sorted({round(f[0], 6) for f in fits}, reverse=True),
    }


def main():
    x = load()
    out = {
        "data": "models/data/faithful.csv",
        "rows": int(x.shape[0]),
        "K": 2,
        "regCovar": 1e-6,
        "sklearn": sklearn.__version__,
        "full": best(x, "full"),
        "diag": best(x, "diag"),
    }
    with open(os.path.join(HERE, "faithful_gmm.json"), "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(json.dumps({k: out[k]["avgLogLik"] for k in ("full", "diag")}))


if __name__ == "__main__":
    main()
