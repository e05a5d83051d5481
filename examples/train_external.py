#!/usr/bin/env python3
"""An external trainer for pricewar-bot's /train (TRAIN_COMMAND), standard library only.

It shows the contract a real trainer (PyTorch on a GPU host, say) has to keep:

* read the job: the CSV in --data (header row; the label column is named in
  params["label"], else the last column) and the parameters in --params (JSON:
  epochs, batch, lr, hidden, valSplit, testSplit, seed, …);
* print ONE JSON OBJECT PER LINE on stdout, flushed at once:
    {"backend": "..."}                                         first, optional
    {"epoch": 1, "epochs": 10, "loss": 0.69, "accuracy": 0.55,
     "val_loss": 0.70, "val_accuracy": 0.5}                    after every epoch
    {"done": true, "metrics": {"test_accuracy": 0.9, "test_loss": 0.3},
     "artifact": "/path/to/model"}                              at the end
  anything else (logs, warnings) goes to stderr;
* on SIGTERM (the user ran /train cancel), stop after the current batch and
  print {"cancelled": true, "epoch": <last finished epoch>};
* on a problem with the input, print {"error": "...", "user": true} and exit 1.

Configure the bot with:
    TRAIN_COMMAND=python3 examples/train_external.py --data {data} --params {params} --out {out}

The model is the article's: one hidden ReLU layer (params["hidden"][0] units,
10 by default), a sigmoid output, binary cross-entropy, Adam. It is written
out longhand so the file runs anywhere Python 3.8+ does; it is slow on big data
(that is what the real GPU trainer is for).
"""
import argparse
import csv
import json
import math
import os
import random
import signal
import sys
import time

stop_requested = False


def on_sigterm(_signum, _frame):
    global stop_requested
    stop_requested = True


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def fail(message, user=True):
    emit({"error": message, "user": user})
    sys.exit(1)


def load_csv(path, label_name):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        fail("the dataset has no data rows")
    header = [cell.strip() for cell in rows[0]]
    label_index = header.index(label_name) if label_name in header else len(header) - 1
    xs, ys = [], []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail("line %d: %d values, but the header has %d columns" % (number, len(row), len(header)))
        try:
            values = [float(cell) for cell in row]
        except ValueError:
            fail("line %d: a value is not a number" % number)
        label = values[label_index]
        if label not in (0.0, 1.0):
            fail("line %d: the label is not 0 or 1" % number)
        ys.append(label)
        xs.append([v for i, v in enumerate(values) if i != label_index])
    return xs, ys


def split(xs, ys, val_split, test_split, rng):
    order = list(range(len(xs)))
    rng.shuffle(order)
    n_test = max(1, round(len(order) * test_split))
    rest = len(order) - n_test
    n_val = max(1 if val_split > 0 else 0, round(rest * val_split))
    parts = (order[n_test + n_val:], order[n_test:n_test + n_val], order[:n_test])
    return [([xs[i] for i in part], [ys[i] for i in part]) for part in parts]


def standardise(parts):
    train_x = parts[0][0]
    d = len(train_x[0])
    mean = [sum(row[c] for row in train_x) / len(train_x) for c in range(d)]
    std = [math.sqrt(sum((row[c] - mean[c]) ** 2 for row in train_x) / len(train_x)) or 1.0 for c in range(d)]
    scaled = [([[(row[c] - mean[c]) / std[c] for c in range(d)] for row in x], y) for x, y in parts]
    return scaled, mean, std


class Mlp:
    """d → hidden (ReLU) → 1 (sigmoid), Glorot-uniform weights, Adam."""

    def __init__(self, d, hidden, lr, rng):
        limit1 = math.sqrt(6.0 / (d + hidden))
        limit2 = math.sqrt(6.0 / (hidden + 1))
        self.w1 = [[rng.uniform(-limit1, limit1) for _ in range(hidden)] for _ in range(d)]
        self.b1 = [0.0] * hidden
        self.w2 = [rng.uniform(-limit2, limit2) for _ in range(hidden)]
        self.b2 = 0.0
        self.lr, self.t = lr, 0
        self.m = self._zeros()
        self.v = self._zeros()

    def _zeros(self):
        return {"w1": [[0.0] * len(self.b1) for _ in self.w1], "b1": [0.0] * len(self.b1), "w2": [0.0] * len(self.w2), "b2": 0.0}

    def forward(self, x):
        h = [max(0.0, self.b1[j] + sum(x[i] * self.w1[i][j] for i in range(len(x)))) for j in range(len(self.b1))]
        z = self.b2 + sum(h[j] * self.w2[j] for j in range(len(h)))
        p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        return h, p

    def evaluate(self, xs, ys):
        loss, correct = 0.0, 0
        for x, y in zip(xs, ys):
            _, p = self.forward(x)
            p = min(max(p, 1e-7), 1 - 1e-7)
            loss -= y * math.log(p) + (1 - y) * math.log(1 - p)
            correct += int((p >= 0.5) == (y == 1.0))
        return loss / max(1, len(xs)), correct / max(1, len(xs))

    def train_batch(self, xs, ys):
        g = self._zeros()
        for x, y in zip(xs, ys):
            h, p = self.forward(x)
            dz = (p - y) / len(xs)  # d(mean BCE)/dz for a sigmoid output
            g["b2"] += dz
            for j in range(len(h)):
                g["w2"][j] += dz * h[j]
                if h[j] > 0:
                    dh = dz * self.w2[j]
                    g["b1"][j] += dh
                    for i in range(len(x)):
                        g["w1"][i][j] += dh * x[i]
        self.t += 1
        b1c, b2c = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t

        def adam(param, grad, m, v):
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            return param - self.lr * (m / b1c) / (math.sqrt(v / b2c) + 1e-7), m, v

        for i in range(len(self.w1)):
            for j in range(len(self.b1)):
                self.w1[i][j], self.m["w1"][i][j], self.v["w1"][i][j] = adam(self.w1[i][j], g["w1"][i][j], self.m["w1"][i][j], self.v["w1"][i][j])
        for j in range(len(self.b1)):
            self.b1[j], self.m["b1"][j], self.v["b1"][j] = adam(self.b1[j], g["b1"][j], self.m["b1"][j], self.v["b1"][j])
            self.w2[j], self.m["w2"][j], self.v["w2"][j] = adam(self.w2[j], g["w2"][j], self.m["w2"][j], self.v["w2"][j])
        self.b2, self.m["b2"], self.v["b2"] = adam(self.b2, g["b2"], self.m["b2"], self.v["b2"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("PWBOT_DATA"), help="CSV file ({data})")
    parser.add_argument("--params", default=os.environ.get("PWBOT_PARAMS"), help="JSON parameters ({params})")
    parser.add_argument("--out", default=os.environ.get("PWBOT_OUT"), help="output folder ({out})")
    parser.add_argument("--epoch-delay", type=float, default=0.0, help="sleep after each epoch (for demos and tests)")
    args = parser.parse_args()
    if not args.data or not args.params or not args.out:
        fail("--data, --params and --out are required (or PWBOT_DATA, PWBOT_PARAMS, PWBOT_OUT)", user=False)
    signal.signal(signal.SIGTERM, on_sigterm)

    with open(args.params, encoding="utf-8") as handle:
        params = json.load(handle)
    epochs, batch, lr = int(params["epochs"]), int(params["batch"]), float(params["lr"])
    hidden = int((params.get("hidden") or [10])[0])
    rng = random.Random(int(params.get("seed", 42)))

    emit({"backend": "python %d.%d stdlib (example trainer)" % sys.version_info[:2]})
    xs, ys = load_csv(args.data, params.get("label") or "")
    parts, mean, std = standardise(split(xs, ys, float(params["valSplit"]), float(params["testSplit"]), rng))
    (train_x, train_y), (val_x, val_y), (test_x, test_y) = parts
    model = Mlp(len(train_x[0]), hidden, lr, rng)

    order = list(range(len(train_x)))
    for epoch in range(1, epochs + 1):
        started = time.time()
        rng.shuffle(order)
        for start in range(0, len(order), batch):
            if stop_requested:
                emit({"cancelled": True, "epoch": epoch - 1})
                return 0
            chunk = order[start:start + batch]
            model.train_batch([train_x[i] for i in chunk], [train_y[i] for i in chunk])
        loss, accuracy = model.evaluate(train_x, train_y)
        line = {"epoch": epoch, "epochs": epochs, "loss": loss, "accuracy": accuracy}
        if val_x:
            line["val_loss"], line["val_accuracy"] = model.evaluate(val_x, val_y)
        line["ms"] = (time.time() - started) * 1000
        emit(line)
        if args.epoch_delay:
            time.sleep(args.epoch_delay)

    test_loss, test_accuracy = model.evaluate(test_x, test_y)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "model-weights.json"), "w", encoding="utf-8") as handle:
        json.dump({"w1": model.w1, "b1": model.b1, "w2": model.w2, "b2": model.b2, "mean": mean, "std": std}, handle)
    # Optional: what always guessing the commoner class scores, so the bot can say when a result is no better than chance.
    ones = sum(test_y) / len(test_y) if test_y else 0.5
    metrics = {"test_accuracy": test_accuracy, "test_loss": test_loss, "test_majority_accuracy": max(ones, 1 - ones)}
    emit({"done": True, "metrics": metrics, "artifact": args.out})
    return 0


if __name__ == "__main__":
    sys.exit(main())
