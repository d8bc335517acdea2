"""Builds every file in models/data/ from /work/shared/data and fixed-seed generators.

Run from the repository root:  /usr/bin/python3 models/data/scripts/make_data.py [SHARED_DATA_DIR]
The output is byte-for-byte deterministic (fixed seeds, gzip mtime 0), so re-running it must leave
`git status` clean. Values it prints (standardization constants, true parameters, the exact BLR
posterior) are recorded in models/data/README.md.
"""
import csv
import gzip
import json
import os
import struct
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # models/data
SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"


def write_gz(path, payload):
    # mtime=0 and no file name in the header keep the output reproducible.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(payload)


def read_idx_gz(path):
    data = gzip.open(path).read()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def write_idx_gz(path, array):
    magic = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    dims = struct.pack(">" + "I" * array.ndim, *array.shape)
    write_gz(path, magic + dims + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def write_csv(path, header, rows, fmt):
    with open(path, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(fmt(v) for v in row) + "\n")


def g(v):
    """Shortest round-trip text of a float (as Python's repr)."""
    return repr(float(v))


def mnist():
    src = os.path.join(SHARED, "mnist")
    for split, count, name in [("train", 3000, "train-3k"), ("t10k", 1000, "test-1k")]:
        images = read_idx_gz(os.path.join(src, f"{split}-images-idx3-ubyte.gz"))[:count]
        labels = read_idx_gz(os.path.join(src, f"{split}-labels-idx1-ubyte.gz"))[:count]
        write_idx_gz(os.path.join(ROOT, f"mnist-{name}-images.idx.gz"), images)
        write_idx_gz(os.path.join(ROOT, f"mnist-{name}-labels.idx.gz"), labels)
        print(f"mnist {name}: images {images.shape}, label counts {np.bincount(labels, minlength=10).tolist()}")


def faithful():
    with open(os.path.join(SHARED, "faithful", "faithful.csv")) as f:
        rows = list(csv.DictReader(f))
    data = np.array([[float(r["eruptions"]), float(r["waiting"])] for r in rows])
    mean = data.mean(axis=0)
    sd = data.std(axis=0, ddof=1)
    z = (data - mean) / sd
    write_csv(os.path.join(ROOT, "faithful.csv"), ["x[1]", "x[2]"], z, lambda v: f"{v:.6f}")
    write_csv(os.path.join(ROOT, "faithful-raw.csv"), ["x[1]", "x[2]"], data, g)
    print(f"faithful: n={len(data)}, means {mean.tolist()}, sds (ddof=1) {sd.tolist()}")


def digits():
    with open(os.path.join(SHARED, "digits", "digits.csv")) as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [list(map(int, r)) for r in reader]
    assert header == [f"p{i}" for i in range(64)] + ["label"], header
    write_csv(os.path.join(ROOT, "digits.csv"), [f"x[{i + 1}]" for i in range(64)] + ["label"], rows, str)
    print(f"digits: n={len(rows)}")


def blr():
    rng = np.random.default_rng(20261120)
    n, p, noise = 1000, 5, 0.5
    w = np.array([1.5, -2.0, 0.5, 0.0, 3.0])
    b = 1.0
    x = rng.standard_normal((n, p))
    y = x @ w + b + noise * rng.standard_normal(n)
    write_csv(os.path.join(ROOT, "blr.csv"), [f"x[{i + 1}]" for i in range(p)] + ["y"], np.column_stack([x, y]), lambda v: f"{v:.6f}")
    # The exact posterior of blr.vmodel (w ~ N(0, I), b ~ N(0, 1), y ~ N(x.w + b, 0.5)) on the
    # values as written (6 decimals): theta = (w, b), precision I + A'A / noise^2, A = [x, 1].
    written = np.loadtxt(os.path.join(ROOT, "blr.csv"), delimiter=",", skiprows=1)
    a = np.column_stack([written[:, :p], np.ones(n)])
    precision = np.eye(p + 1) + a.T @ a / noise**2
    cov = np.linalg.inv(precision)
    mean = cov @ (a.T @ written[:, p]) / noise**2
    posterior = {
        "parameters": ["w[1]", "w[2]", "w[3]", "w[4]", "w[5]", "b"],
        "true": w.tolist() + [b],
        "posterior_mean": mean.tolist(),
        "posterior_cov": cov.tolist(),
        "note": "exact Gaussian posterior of models/blr.vmodel on models/data/blr.csv (made by scripts/make_data.py)",
    }
    with open(os.path.join(ROOT, "blr-posterior.json"), "w") as f:
        json.dump(posterior, f, indent=1)
        f.write("\n")
    print(f"blr: true w {w.tolist()}, b {b}; posterior mean {np.round(mean, 4).tolist()}; sds {np.round(np.sqrt(np.diag(cov)), 4).tolist()}")


def eight_schools():
    # Rubin (1981), Table 2: estimated coaching effects and standard errors, schools A..H.
    y = [28, 8, -3, 7, -1, 1, 18, 12]
    sigma = [15, 10, 16, 11, 9, 11, 10, 18]
    write_csv(os.path.join(ROOT, "eight_schools.csv"), ["y", "sigma"], zip(y, sigma), str)
    print("eight_schools: 8 rows")


def gamma_poisson():
    rng = np.random.default_rng(1)
    n, alpha, beta = 200, 3.0, 2.0
    exposure = np.round(rng.uniform(0.5, 3.0, n), 3)
    rate = rng.gamma(shape=alpha, scale=1.0 / beta, size=n)
    y = rng.poisson(rate * exposure)
    with open(os.path.join(ROOT, "gamma_poisson.csv"), "w", newline="") as f:
        f.write("y,exposure\n")
        for yi, ei in zip(y, exposure):
            f.write(f"{yi},{ei:.3f}\n")
    print(f"gamma_poisson: n={n}, alpha={alpha}, beta={beta}, mean y {y.mean():.4f}, mean rate {rate.mean():.4f}")


if __name__ == "__main__":
    mnist()
    faithful()
    digits()
    blr()
    eight_schools()
    gamma_poisson()
