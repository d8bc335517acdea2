#!/usr/bin/python3
"""Reference trajectories of torch.optim.Adam / SGD / RMSprop for test/optim (run once, commit the JSON).

Each case: a parameter vector p0 and a fixed sequence of gradients g_1..g_T (no loss function, so
the optimizer alone is tested); records p after every step in float64.

    /usr/bin/python3 test/optim/reference/make_torch_optim.py > test/optim/reference/torch-optim.json
"""
import json

import torch

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20261120)
P0 = torch.randn(6, generator=gen)
GRADS = [torch.randn(6, generator=gen) * s for s in (1.0, 0.5, 2.0, 0.1, 1.0)]

CASES = [
    ("adam", torch.optim.Adam, {"lr": 0.01}),
    ("adam", torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("sgd", torch.optim.SGD, {"lr": 0.1}),
    ("sgd", torch.optim.SGD, {"lr": 0.1, "momentum": 0.9}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.9, "eps": 1e-6, "momentum": 0.5, "weight_decay": 0.1}),
]

out = {"p0": P0.tolist(), "grads": [g.tolist() for g in GRADS], "torch": torch.__version__, "cases": []}
for kind, cls, kw in CASES:
    p = P0.clone().requires_grad_(True)
    opt = cls([p], **kw)
    traj = []
    for g in GRADS:
        p.grad = g.clone()
        opt.step()
        traj.append(p.detach().tolist())
    kw = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}
    out["cases"].append({"kind": kind, "options": kw, "trajectory": traj})
print(json.dumps(out, indent=1))
