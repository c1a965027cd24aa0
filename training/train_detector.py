"""Trains the cry/non-cry CNN on exported tensors, picks its epoch and threshold on a tune split held
out of the training groups, reports on the grouped validation split, exports ONNX with metadata."""
import argparse
import collections
import copy
import datetime
import json
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn

import common
import nets
import onnx_io

FIRST_BAND = 0
BAND_COUNT = 46          # Slaney mel bands 0..45 of 64 (0-8 kHz) end at 3.38 kHz: inside every 8 kHz recording's band
MODEL_NAME = "cry-detector"
# The kind make_plans.py --mined-negatives gives the scene excerpts (read_manifest: extra_ + their first folder).
MINED_KIND = "extra_scenes"


def load(work, name):
    windows, index = common.read_tensors(os.path.join(work, "tensors", name))
    labels = np.array([r["label"] == "cry" for r in index], dtype=np.float32)
    return np.array(windows, dtype=np.float32), labels, index  # into memory: batches index it randomly


def cry_pause_windows(windows, index, below_db):
    """Cry-labelled windows that hold no cry: those whose clip's clean copy (its '#clean' row, same
    frames) is quieter there than the clip's loudest window by more than below_db. A window's level is
    the 90th percentile over its frames of the power in the model's bands, so a window with any loud
    part of the cry keeps its label. Mixes of such a window are the background alone."""
    level = {}
    for i, r in enumerate(index):
        if r["label"] == "cry" and r["aug"] == "clean":
            power_db = 10 * np.log10(np.mean(10 ** (np.asarray(windows[i][:, FIRST_BAND:FIRST_BAND + BAND_COUNT],
                                                                dtype=np.float64) / 10), axis=1) + 1e-12)
            level[(r["example_id"].split("#")[0], r["start_frame"])] = np.percentile(power_db, 90)
    # The reference is the clip's loudest window: many Donate-a-cry clips are a second or two of crying and then
    # near-silence (-45 dB against -5 dB), so a typical window's level would call their silence the cry.
    reference = collections.defaultdict(lambda: -np.inf)
    for (clip, _), db in level.items():
        reference[clip] = max(reference[clip], db)
    pause = np.zeros(len(index), dtype=bool)
    for i, r in enumerate(index):
        if r["label"] == "cry":
            clip = r["example_id"].split("#")[0]
            db = level.get((clip, r["start_frame"]))
            pause[i] = db is not None and db < reference[clip] - below_db
    return pause


def tune_groups(index, share=0.15, seed=common.SEED):
    """Groups held out of fitting to choose the epoch and the threshold: per kind, seeded, only kinds
    with 4+ groups (the validation split is never used for choices)."""
    by_kind = collections.defaultdict(set)
    for r in index:
        by_kind[r["kind"]].add(r["group"])
    rng = random.Random(seed + 3)
    held = set()
    # Mined scene excerpts draw from streams of their own, one per mining round (its scenes folder), so every other
    # kind keeps round 1's tune groups and each round's mined scenes keep theirs: no round's choices rest on windows
    # an earlier round fitted.
    mined_rounds = collections.defaultdict(set)
    for group in by_kind.pop(MINED_KIND, ()):
        mined_rounds[group.split("/")[0]].add(group)
    streams = [(by_kind[k], rng) for k in sorted(by_kind)]
    streams += [(mined_rounds[r], random.Random(seed + 4)) for r in sorted(mined_rounds)]
    for groups, stream in streams:
        groups = sorted(groups)
        if len(groups) >= 4:
            stream.shuffle(groups)
            held.update(groups[:max(1, int(round(share * len(groups))))])
    return held


def tune_split(index):
    """The tune groups, which rows are theirs, and which rows a run keeps: make_plans --extra-cry-mixes rows of the
    tune groups are dropped (they are fitted elsewhere, and the tune set stays the one of a run without them, so
    tune ROC-AUCs compare across runs)."""
    held = tune_groups(index)
    is_tune = np.array([r["group"] in held for r in index])
    keep = ~(is_tune & np.array([r.get("aug") == "xmix" for r in index]))
    return held, is_tune, keep


def spec_augment(x, rng):
    """Time and frequency masking on scaled windows [N, 1, T, B]: masked cells drop to the floor."""
    n, _, t, b = x.shape
    for i in range(n):
        for _ in range(2):
            w = int(rng.integers(0, 21))
            s = int(rng.integers(0, t - w + 1))
            x[i, :, s:s + w, :] = 0.0
        w = int(rng.integers(0, 7))
        s = int(rng.integers(0, b - w + 1))
        x[i, :, :, s:s + w] = 0.0
    return x


def predict(model, windows, batch=256, rows=None):
    """Cry probabilities of windows, or of windows[rows] without copying them all first."""
    model.eval()
    out = []
    count = len(windows) if rows is None else len(rows)
    with torch.no_grad():
        for i in range(0, count, batch):
            part = windows[i:i + batch] if rows is None else windows[rows[i:i + batch]]
            out.append(model(torch.from_numpy(np.ascontiguousarray(part))).numpy())
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


def evaluate(name, labels, scores, index, threshold):
    result = {"windows": int(len(labels)), "cry_windows": int(labels.sum()),
              "roc_auc": common.roc_auc(labels, scores), "at_threshold": common.binary_metrics(labels, scores, threshold)}
    per_kind = {}
    for kind in sorted({r["kind"] for r in index}):
        idx = np.array([r["kind"] == kind for r in index])
        positive = scores[idx] >= threshold
        if labels[idx].mean() > 0.5:
            per_kind[kind] = {"windows": int(idx.sum()), "recall": float(positive.mean())}
        else:
            per_kind[kind] = {"windows": int(idx.sum()), "false_positive_rate": float(positive.mean()),
                              "false_positives": int(positive.sum())}
    result["per_kind"] = per_kind
    m = result["at_threshold"]
    print("%-22s windows %5d  AUC %.4f  P %.3f R %.3f F1 %.3f  FPR %.3f" % (
        name, len(labels), result["roc_auc"], m["precision"], m["recall"], m["f1"], m["false_positive_rate"]))
    result["clip_max"] = clip_level(labels, scores, index, threshold)
    return result


def clip_level(labels, scores, index, threshold):
    """Clip figures: a clip's score is its highest window's (what `classify` reports, and an alarm if any window
    reaches the threshold)."""
    best, label = {}, {}
    for i, r in enumerate(index):
        clip = r["example_id"]
        best[clip] = max(best.get(clip, 0.0), float(scores[i]))
        label[clip] = labels[i]
    clips = sorted(best)
    y = np.array([label[c] for c in clips])
    p = np.array([best[c] for c in clips])
    result = {"clips": len(clips), "cry_clips": int(y.sum()), "roc_auc": common.roc_auc(y, p),
              "at_threshold": common.binary_metrics(y, p, threshold)}
    if len(clips):
        print("%-22s clips   %5d  AUC %.4f  F1 %.3f  FPR %.3f (clip score: its highest window)" % (
            "", len(clips), result["roc_auc"], result["at_threshold"]["f1"], result["at_threshold"]["false_positive_rate"]))
    return result


def recalibrated(model, x_fit, batches, batch=64):
    """A copy of model whose batch-norm running statistics are recomputed as plain averages over a
    fixed set of un-augmented fit batches (instead of the momentum-0.1 trace of the last ~10 augmented
    training batches), so an evaluation does not depend on which batches happened to come last."""
    copy_ = copy.deepcopy(model)
    norms = [m for m in copy_.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # cumulative average over the batches below
    copy_.train()
    # Its own seeded choice of windows, and torch's generator (dropout in train mode) restored after:
    # the training run (batch order, augmentation, dropout masks) is the same as without this option.
    pick = np.random.default_rng(common.SEED + 7).permutation(len(x_fit))[:batches * batch]
    torch_rng = torch.get_rng_state()
    with torch.no_grad():
        for i in range(0, len(pick), batch):
            copy_(torch.from_numpy(x_fit[np.sort(pick[i:i + batch])]))
    torch.set_rng_state(torch_rng)
    copy_.eval()
    return copy_


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--models", required=True, help="directory for the ONNX model and its parity files")
    p.add_argument("--epochs", type=int, default=14)
    p.add_argument("--lr", type=float, default=1e-3,
                   help="peak learning rate of the one-cycle schedule (the shipped detector: 1e-3; until 2026-12-01 night 2e-3)")
    p.add_argument("--ema", type=float, default=0.0,
                   help="if > 0, evaluate and keep an exponential moving average of the weights with this decay per step")
    p.add_argument("--time-cells", type=int, default=None,
                   help="pool the trunk's output down to this many time steps (longer windows: 5 keeps the 2 s head size)")
    p.add_argument("--conv2-kernel", type=int, default=5,
                   help="the trunk's second convolution's kernel size (3: a cheaper trunk)")
    p.add_argument("--bn-recalibrate", type=int, default=0,
                   help="if > 0, before each tune evaluation recompute the batch-norm statistics over this many un-augmented fit batches")
    p.add_argument("--ignore-cry-pauses", type=float, default=0.0, metavar="DB",
                   help="if > 0, leave out of fitting the cry windows (clean and mixed) whose clean copy is more than DB "
                        "below its clip's loudest window: pauses labelled cry, left out of the "
                        "epoch and threshold choices too")
    p.add_argument("--hard-negatives", type=float, default=0.0, metavar="SHARE",
                   help="if > 0, from epoch --hard-negatives-from on, each epoch first scores every fit non-cry window and "
                        "fits this share of them with the highest cry probability twice (hard-negative mining)")
    p.add_argument("--hard-negatives-from", type=int, default=3, metavar="EPOCH")
    p.add_argument("--seed", type=int, default=common.SEED,
                   help="weight initialisation and batch order (the split and tune groups do not depend on it)")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--init-weights", metavar="PT",
                   help="start from these weights (a detector.pt of round 1) instead of random ones: round 2 fine-tunes")
    p.add_argument("--reuse-weights", action="store_true",
                   help="skip training: load work/detector.pt (and its history) and redo the choices, metrics, export")
    args = p.parse_args()
    torch.set_num_threads(common.torch_threads())
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    started = time.time()

    x_all, y_all, index_all = load(args.work, "detector_train")
    held, is_tune, keep = tune_split(index_all)
    if not keep.all():
        x_all, y_all, is_tune = x_all[keep], y_all[keep], is_tune[keep]
        index_all = [r for r, k in zip(index_all, keep) if k]
    fit = ~is_tune
    pause = np.zeros(len(index_all), dtype=bool)
    if args.ignore_cry_pauses > 0:
        pause = cry_pause_windows(x_all, index_all, args.ignore_cry_pauses)
        print("leaving out %d fit and %d tune cry windows (clean copy more than %g dB below its clip's loudest window)" % (
            int((pause & fit).sum()), int((pause & is_tune).sum()), args.ignore_cry_pauses))
    # The pauses are left out of the choices too: a model that no longer calls them cries must not lose its epoch
    # for it. The full tune set's figures are reported beside them, comparable with runs without the option.
    tune = is_tune & ~pause
    x_fit, y_fit = x_all[fit & ~pause], y_all[fit & ~pause]
    x_tune, y_tune = x_all[tune], y_all[tune]
    print("fit %d windows (%.0f%% cry), tune %d windows from %d held-out groups" % (
        len(y_fit), 100 * y_fit.mean(), len(y_tune), len(held)))
    frames = x_all.shape[1]
    spec = common.read_export_spec(os.path.join(args.work, "tensors", "detector_train"))
    model = nets.CryDetectorNet(frames, FIRST_BAND, BAND_COUNT, time_cells=args.time_cells,
                                conv2_kernel=args.conv2_kernel)
    if args.init_weights:
        model.load_state_dict(torch.load(args.init_weights))
        print("starting from %s" % args.init_weights)
    params = sum(p.numel() for p in model.parameters())
    print("parameters: %d" % params)

    pos_weight = torch.tensor((1 - y_fit.mean()) / max(y_fit.mean(), 1e-6))
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    epochs = 1 if args.smoke else args.epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-3)
    batch = 64
    negatives = np.flatnonzero(y_fit == 0)
    hard = int(args.hard_negatives * len(negatives))
    steps = sum((len(y_fit) + (hard if args.hard_negatives > 0 and e + 1 >= args.hard_negatives_from else 0) + batch - 1)
                // batch for e in range(epochs))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=steps, pct_start=0.2)
    # The averaged weights (and batch-norm statistics) smooth the epoch-to-epoch swings of the raw ones.
    averaged = copy.deepcopy(model) if args.ema > 0 else model
    best = (-1.0, None, 0)
    history = []
    if args.reuse_weights:
        previous = json.load(open(os.path.join(args.work, "detector_metrics.json")))
        history, epochs = previous["history"], previous["epochs_trained"]
        best = (previous["tune"]["roc_auc"], torch.load(os.path.join(args.work, "detector.pt")), previous["chosen_epoch"])
    for epoch in range(0 if args.reuse_weights else epochs):
        order = np.arange(len(y_fit))
        if args.hard_negatives > 0 and epoch + 1 >= args.hard_negatives_from:
            negative_scores = predict(model, x_fit, rows=negatives)
            hardest = negatives[np.argsort(-negative_scores, kind="stable")[:hard]]
            order = np.concatenate([order, hardest])
            print("epoch %2d  hard negatives: %d fit non-cry windows twice, cry probability %.3f..%.3f; %d of %d at >= 0.5" % (
                epoch + 1, len(hardest), negative_scores.max(), np.sort(negative_scores)[-len(hardest)],
                int((negative_scores >= 0.5).sum()), len(negatives)))
        model.train()
        order = rng.permutation(order)
        total = 0.0
        for i in range(0, len(order), batch):
            sel = np.sort(order[i:i + batch])
            if len(sel) < 2:
                continue
            xb = model.scaling(torch.from_numpy(x_fit[sel]))
            xb = spec_augment(xb, rng)
            loss = loss_fn(model.logits_scaled(xb), torch.from_numpy(y_fit[sel]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            if averaged is not model:
                with torch.no_grad():
                    for a, m in zip(averaged.state_dict().values(), model.state_dict().values()):
                        if a.dtype.is_floating_point:
                            a.mul_(args.ema).add_(m, alpha=1 - args.ema)
                        else:
                            a.copy_(m)
            total += loss.item() * len(sel)
        evaluated = recalibrated(averaged, x_fit, args.bn_recalibrate) if args.bn_recalibrate > 0 else averaged
        tune_scores = predict(evaluated, x_tune) if len(y_tune) else np.zeros(0)
        auc = common.roc_auc(y_tune, tune_scores) if len(y_tune) else float("nan")
        history.append({"epoch": epoch + 1, "train_loss": total / len(order), "tune_auc": auc})
        print("epoch %2d  loss %.4f  tune AUC %.4f  (%.0f s)" % (epoch + 1, total / len(order), auc, time.time() - started))
        if not auc <= best[0]:  # NaN (smoke without tune groups) keeps the latest
            best = (auc, copy.deepcopy(evaluated.state_dict()), epoch + 1)
    model.load_state_dict(best[1])
    # One pass over every tune window: the choices below use those that are not pauses, the report both.
    tune_scores_with_pauses = predict(model, x_all[is_tune])
    tune_scores = tune_scores_with_pauses[~pause[is_tune]]
    # Youden's J (recall minus false-positive rate) does not depend on the tune set's cry share, which
    # differs from any room's; the best-F1 point is kept for comparison.
    usable = len(y_tune) and 0 < y_tune.mean() < 1
    threshold = common.youden_threshold(y_tune, tune_scores) if usable else 0.5
    best_f1_threshold = common.best_f1_threshold(y_tune, tune_scores) if usable else 0.5
    print("chosen epoch %d, threshold %.4f (Youden's J on the tune groups; best tune F1 at %.4f)" % (
        best[2], threshold, best_f1_threshold))

    metrics = {"model": MODEL_NAME, "smoke": args.smoke, "parameters": params, "epochs_trained": epochs,
               "init_weights": os.path.basename(args.init_weights) if args.init_weights else None,
               "seed": args.seed, "window_frames": int(frames), "hop_frames": int(spec["cryflow.hop_frames"]),
               "time_cells": args.time_cells, "conv2_kernel": args.conv2_kernel, "torch_threads": torch.get_num_threads(),
               "learning_rate": args.lr, "weight_average_decay": args.ema,
               "bn_recalibrate_batches": args.bn_recalibrate, "ignore_cry_pauses_db": args.ignore_cry_pauses,
               "hard_negatives_share": args.hard_negatives, "hard_negatives_from_epoch": args.hard_negatives_from,
               "chosen_epoch": best[2], "threshold": threshold, "history": history,
               "threshold_rule": "Youden's J (recall - false-positive rate) on the tune groups",
               "best_tune_f1_threshold": best_f1_threshold,
               "fit_windows": int(len(y_fit)), "tune_windows": int(len(y_tune)),
               "tune": evaluate("tune", y_tune, tune_scores, [r for r, t in zip(index_all, tune) if t], threshold)}
    if pause.any():
        metrics["tune_with_pauses"] = evaluate("tune, with pauses", y_all[is_tune], tune_scores_with_pauses,
                                               [r for r, t in zip(index_all, is_tune) if t], threshold)
    val_sets = {}
    for name in ("detector_val", "detector_val_8k", "detector_val_mixed", "detector_val_extra"):
        if not os.path.isdir(os.path.join(args.work, "tensors", name)):
            continue  # the extra sounds' validation set exists only when make_plans had --extra-data
        x, y, index = load(args.work, name)
        scores = predict(model, x)
        metrics[name] = evaluate(name, y, scores, index, threshold)
        metrics[name]["at_best_tune_f1_threshold"] = common.binary_metrics(y, scores, best_f1_threshold)
        val_sets[name] = (x, y, scores)

    # Parity examples: two cry and two non-cry validation windows.
    x, y, _ = val_sets["detector_val"]
    pick = list(np.flatnonzero(y == 1)[:2]) + list(np.flatnonzero(y == 0)[:2])
    examples = x[pick]
    # The tensors are exported at the serving hop (2 s windows: 50 frames, a window every 0.5 s).
    metadata = onnx_io.input_metadata(spec, FIRST_BAND, BAND_COUNT, int(spec["cryflow.hop_frames"]))
    window_s = "%g" % (frames / float(spec.get("cryflow.frame_rate", "100")))
    val = metrics["detector_val"]
    metadata.update({
        "cryflow.model_name": MODEL_NAME,
        "cryflow.threshold": "%.6f" % threshold,
        "cryflow.smoke": "true" if args.smoke else "false",
        "cryflow.trained": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cryflow.val_roc_auc": "%.4f" % val["roc_auc"],
        "cryflow.val_f1": "%.4f" % val["at_threshold"]["f1"],
        "cryflow.description": "Infant cry vs non-cry on " + window_s + " s log-mel windows; output cry probability per window."
                               + (" SMOKE MODEL: one epoch on a handful of files, not for use." if args.smoke else ""),
    })
    os.makedirs(args.models, exist_ok=True)
    path = os.path.join(args.models, MODEL_NAME + ".onnx")
    outputs = onnx_io.export(model, examples, path, metadata, "cry_probability")
    onnx_io.write_parity(args.models, MODEL_NAME, examples, outputs)
    metrics["onnx_bytes"] = os.path.getsize(path)
    metrics["seconds"] = time.time() - started
    metrics["cpu_seconds"] = time.process_time()
    if not args.reuse_weights:
        torch.save(model.state_dict(), os.path.join(args.work, "detector.pt"))
    common.write_json(os.path.join(args.work, "detector_metrics.json"), metrics)
    print("wrote %s (%d bytes) in %.0f s" % (path, metrics["onnx_bytes"], metrics["seconds"]))


if __name__ == "__main__":
    main()
