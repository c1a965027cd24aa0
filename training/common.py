"""Shared helpers of the training scripts: manifest, split, tensors, metrics. Debian's python3 only."""
import csv
import json
import os
import random

import numpy as np

CAUSES = ["hungry", "tired", "burping", "belly_pain", "discomfort"]
SEED = 20261201


def kind_of(path):
    """The source category of a manifest path: the unit the grouped split is stratified by."""
    parts = path.split("/")
    top = parts[0]
    if top == "donateacry":
        return "cry_donateacry"
    if top == "donateacry-unscreened":
        return "unscreened"
    if top == "baby_cry_detection":
        if parts[1] == "crying_baby":
            return "cry_esc50"
        if parts[1] == "noise":
            return "noise_esc50"
        name = parts[2]
        if name.startswith("crying_baby"):
            return "cry_recording"
        if name.startswith("baby_laugh"):
            return "laugh_recording"
        return "hum_recording"
    if top == "free-spoken-digit-dataset":
        return "digits_8k"
    if top == "wids_tutorial":
        return "background_noise" if parts[1] == "background_noise" else "words_sc09"
    if top == "librosa-data":
        return {"music": "music", "speech": "read_speech"}.get(parts[1], "other_sounds")
    raise ValueError("unknown source " + path)


def torch_threads():
    """Threads for PyTorch: CRYFLOW_TORCH_THREADS (default 2, the machine's cores)."""
    return int(os.environ.get("CRYFLOW_TORCH_THREADS", "2"))


MANIFEST_COLUMNS = ["path", "label", "cause", "group", "source", "license", "sample_rate", "duration_s"]
EXTRA_KIND_PREFIX = "extra_"


def read_manifest(data_dir, extra=False):
    """The rows of data_dir/manifest.csv with their kind and duration. extra: a folder written by
    fetch_negatives.py, whose paths become absolute (export-tensors resolves them against the shared data
    folder, which leaves an absolute path as it is) and whose kind is 'extra_' + the first path component."""
    path = os.path.join(data_dir, "manifest.csv")
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError("%s: no column %s in the header %s" % (path, ", ".join(missing), reader.fieldnames))
        rows = list(reader)
    for line, r in enumerate(rows, start=2):
        fields = sum(1 for k, v in r.items() if k is not None and v is not None) + len(r.get(None) or [])
        if fields != len(reader.fieldnames):
            raise ValueError("%s:%d: %d fields, the header has %d" % (path, line, fields, len(reader.fieldnames)))
        if r["label"] not in ("cry", "non_cry", "cry?"):
            raise ValueError("%s:%d: label %r is not cry, non_cry or cry?" % (path, line, r["label"]))
        try:
            r["duration_s"] = float(r["duration_s"])
        except ValueError:
            raise ValueError("%s:%d: duration_s %r is not a number" % (path, line, r["duration_s"])) from None
        if not r["group"]:
            raise ValueError("%s:%d: empty group" % (path, line))
        if extra:
            r["kind"] = EXTRA_KIND_PREFIX + r["path"].split("/")[0]
            r["path"] = os.path.join(os.path.abspath(data_dir), r["path"])
        else:
            r["kind"] = kind_of(r["path"])
    return rows


# Kinds whose false-positive rate is reported on its own need more than one validation group.
MIN_VAL_GROUPS = {"music": 2}


def grouped_split(rows, val_share=0.2, seed=SEED):
    """group -> 'train' | 'val': per kind, a seeded shuffle of its groups, the first val_share to val
    (at least one when the kind has 2+ groups). Never splits a group."""
    by_kind = {}
    for r in rows:
        by_kind.setdefault(r["kind"], set()).add(r["group"])
    split = {}
    rng = random.Random(seed)
    for kind in sorted(by_kind):
        groups = sorted(by_kind[kind])
        rng.shuffle(groups)
        n_val = 0 if len(groups) < 2 else max(MIN_VAL_GROUPS.get(kind, 1), int(round(val_share * len(groups))))
        for i, g in enumerate(groups):
            if g in split and split[g] != ("val" if i < n_val else "train"):
                raise ValueError("group %s spans kinds" % g)
            split[g] = "val" if i < n_val else "train"
    return split


def read_tensors(export_dir):
    """windows [N, frames, bands] float32 (memory-mapped) and the index rows."""
    windows = np.load(os.path.join(export_dir, "windows.npy"), mmap_mode="r")
    with open(os.path.join(export_dir, "index.csv"), newline="") as f:
        index = list(csv.DictReader(f))
    assert len(index) == windows.shape[0], (len(index), windows.shape)
    return windows, index


def read_export_spec(export_dir):
    spec = {}
    with open(os.path.join(export_dir, "export.properties")) as f:
        for line in f:
            if "=" in line:
                k, v = line.strip().split("=", 1)
                spec[k] = v
    return spec


def roc_auc(labels, scores):
    """Mann-Whitney ROC-AUC with ties counted half."""
    labels = np.asarray(labels).astype(bool)
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    pos, neg = labels.sum(), (~labels).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    return float((ranks[labels].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def binary_metrics(labels, scores, threshold):
    labels = np.asarray(labels).astype(bool)
    pred = np.asarray(scores) >= threshold
    tp = int((pred & labels).sum())
    fp = int((pred & ~labels).sum())
    fn = int((~pred & labels).sum())
    tn = int((~pred & ~labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": float(threshold), "precision": precision, "recall": recall, "f1": f1,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "false_positive_rate": fp / (fp + tn) if fp + tn else float("nan")}


def best_f1_threshold(labels, scores):
    best = (0.5, -1.0)
    for t in np.unique(np.round(np.asarray(scores), 4)):
        f1 = binary_metrics(labels, scores, t)["f1"]
        if f1 > best[1]:
            best = (float(t), f1)
    return best[0]


def youden_threshold(labels, scores):
    """The threshold maximising recall minus false-positive rate."""
    best = (0.5, -2.0)
    for t in np.unique(np.round(np.asarray(scores), 4)):
        m = binary_metrics(labels, scores, t)
        j = m["recall"] - m["false_positive_rate"]
        if j > best[1]:
            best = (float(t), j)
    return best[0]


def confusion(true, pred, n):
    m = np.zeros((n, n), dtype=int)
    for t, p in zip(true, pred):
        m[t, p] += 1
    return m


def macro_f1(true, pred, n):
    m = confusion(true, pred, n)
    f1s = []
    for c in range(n):
        tp = m[c, c]
        p = tp / m[:, c].sum() if m[:, c].sum() else 0.0
        r = tp / m[c, :].sum() if m[c, :].sum() else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(f1s)), f1s


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=False)
        f.write("\n")
