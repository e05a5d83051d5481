#!/usr/bin/env python3
"""PyTorch CPU reference for bench/training.bench.ts: the same model, data,
batch size, optimiser and loss as the TF.js rows, timed the same way
(samples pushed through training per second, whole epochs, validation off).

    torch_reference.py <data.bin> <rows> <features> <hidden,comma,separated> <batch> <lr> <budget_ms> <threads>

data.bin: rows*features float32 features (row-major) then rows float32
labels, as the bench writes them from the very arrays TF.js trains on.
Prints one JSON line: {"torch": "1.13.0", "threads": 1, "samples_per_second": ...}.
"""
import json
import sys
import time

import numpy as np
import torch


def main() -> None:
    path, rows, features, hidden, batch, lr, budget_ms, threads = sys.argv[1:9]
    rows, features, batch, threads = int(rows), int(features), int(batch), int(threads)
    hidden_sizes = [int(h) for h in hidden.split(",") if h]
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    raw = np.fromfile(path, dtype=np.float32)
    x = torch.from_numpy(raw[: rows * features].reshape(rows, features).copy())
    y = torch.from_numpy(raw[rows * features : rows * features + rows].reshape(rows, 1).copy())

    layers = []
    width = features
    for h in hidden_sizes:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers += [torch.nn.Linear(width, 1)]
    model = torch.nn.Sequential(*layers)
    # Sigmoid + binary cross-entropy, fused as PyTorch recommends (the TF.js model has a sigmoid output and BCE).
    loss_fn = torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=float(lr))

    def epoch() -> None:
        order = torch.randperm(rows)
        for start in range(0, rows, batch):
            idx = order[start : start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    # Warm-up, as the TF.js rows get one.
    warm_rows = min(rows, 2000)
    order = torch.randperm(rows)[:warm_rows]
    for start in range(0, warm_rows, batch):
        idx = order[start : start + batch]
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()

    seen = 0
    t0 = time.perf_counter()
    while True:
        epoch()
        seen += rows
        if (time.perf_counter() - t0) * 1000 >= float(budget_ms):
            break
    elapsed = time.perf_counter() - t0
    print(json.dumps({"torch": torch.__version__, "threads": threads, "samples_per_second": seen / elapsed, "samples": seen, "seconds": elapsed}))


if __name__ == "__main__":
    main()
