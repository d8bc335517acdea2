#!/usr/bin/env bash
# Issue 4, acceptance 5: the VAE of models/vae.vmodel on full binarized MNIST with the reference
# protocol (784-400-20 encoder and decoder, batch 128, Adam 1e-3, dynamic binarization, 10 epochs),
# then the test ELBO and the IWAE-1000 log-likelihood estimate on the first 1,000 test images
# (binarized once with a fixed seed). Compare with ../shared/reference/torch_vae.py:
# test ELBO −102.2, IWAE-1000 −96.3 nats per image.
#
#   bash examples/vae-mnist.sh [RUN_DIR]        (after npm install; about a minute on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${MNIST_DIR:-../shared/data/mnist}"
run="${1:-runs/vae-mnist}"
node dist/cli/main.js fit models/vae.vmodel \
  --data "x=$mnist/train-images-idx3-ubyte.gz" --binarize dynamic \
  --epochs 10 --batch 128 --lr 1e-3 --seed 1 --out "$run"
node dist/cli/main.js eval "$run" \
  --data "x=$mnist/t10k-images-idx3-ubyte.gz" --rows 1000 --iwae 1000 --samples 10
