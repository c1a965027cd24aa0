"""Trains the cry-cause classifier: screens the unscreened uploads with the cry detector, compares two
heads on the detector's frozen trunk by grouped 5-fold cross-validation (class-weighted, clip level =
mean of window probabilities), chooses the "uncertain" threshold on the out-of-fold predictions,
trains the chosen head on everything and exports ONNX."""
import argparse
import collections
import datetime
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn

import common
import nets
import onnx_io
import train_detector

MODEL_NAME = "cause-classifier"
FOLDS = 5
MIN_COVERAGE = 0.5  # the uncertain threshold may silence at most half of the cries
HEAD_TIE_MARGIN = 0.01  # macro-F1; one clip more or less of a rare cause moves it by more


class Standardize(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.from_numpy(mean.astype(np.float32)))
        self.register_buffer("std", torch.from_numpy(np.maximum(std, 1e-6).astype(np.float32)))

    def forward(self, x):
        return (x - self.mean) / self.std


def clip_of(example_id):
    return example_id.split("#")[0]


def grouped_folds(clips, seed=common.SEED):
    """group -> fold: groups sorted by their rarest cause (then seeded order) and dealt round-robin,
    so each fold gets some of every minority cause."""
    rarity = collections.Counter(c["cause"] for c in clips.values())
    by_group = collections.defaultdict(set)
    for c in clips.values():
        by_group[c["group"]].add(c["cause"])
    rng = np.random.default_rng(seed)
    groups = sorted(by_group)
    rng.shuffle(groups)
    groups.sort(key=lambda g: min(rarity[c] for c in by_group[g]))
    return {g: i % FOLDS for i, g in enumerate(groups)}


def train_head(features, labels, weights, epochs, seed, hidden):
    torch.manual_seed(seed)
    mean, std = features.mean(axis=0), features.std(axis=0)
    head = nn.Sequential(Standardize(mean, std), nets.CauseHead(features.shape[1], hidden=hidden))
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=1e-2)
    loss_fn = nn.CrossEntropyLoss(weight=torch.from_numpy(weights.astype(np.float32)))
    x, y = torch.from_numpy(features), torch.from_numpy(labels)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        head.train()
        order = rng.permutation(len(y))
        for i in range(0, len(order), 64):
            sel = torch.from_numpy(order[i:i + 64])
            loss = loss_fn(head(x[sel]), y[sel])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    head.eval()
    return head


def clip_probabilities(head, features, window_clips):
    with torch.no_grad():
        p = torch.softmax(head(torch.from_numpy(features)), dim=1).numpy()
    out = {}
    for clip in dict.fromkeys(window_clips):
        out[clip] = p[np.array([c == clip for c in window_clips])].mean(axis=0)
    return out


def class_weights(labels):
    counts = np.bincount(labels, minlength=len(common.CAUSES)).astype(np.float64)
    w = counts.sum() / (len(counts) * np.maximum(counts, 1))
    return w


def report(true, pred, name):
    n = len(common.CAUSES)
    mf1, f1s = common.macro_f1(true, pred, n)
    m = common.confusion(true, pred, n)
    recall = {c: float(m[i, i] / m[i].sum()) if m[i].sum() else float("nan") for i, c in enumerate(common.CAUSES)}
    acc = float(np.trace(m) / m.sum())
    print("%-28s macro-F1 %.3f  accuracy %.3f  recall %s" % (
        name, mf1, acc, " ".join("%s %.2f" % (c, r) for c, r in recall.items())))
    return {"macro_f1": mf1, "accuracy": acc, "f1_per_class": dict(zip(common.CAUSES, f1s)),
            "recall_per_class": recall, "confusion_matrix": m.tolist(), "clips": int(m.sum())}


def balanced_accuracy(true, pred):
    """Mean recall over the causes present: plain accuracy would reward answering "hungry" only."""
    return float(np.mean([np.mean(pred[true == k] == k) for k in np.unique(true)]))


def choose_uncertain_threshold(true, probabilities):
    """The threshold on the top probability that maximises the out-of-fold balanced accuracy of the
    answered clips while answering at least MIN_COVERAGE of them. Returns (threshold, balanced
    accuracy, plain accuracy, coverage) of the answered clips, and the whole curve."""
    top = probabilities.max(axis=1)
    pred = probabilities.argmax(axis=1)
    best = (0.0, balanced_accuracy(true, pred), float(np.mean(pred == true)), 1.0)
    curve = []
    for t in np.unique(np.round(top, 3)):
        answered = top >= t
        coverage = float(answered.mean())
        if answered.sum() == 0:
            continue
        balanced = balanced_accuracy(true[answered], pred[answered])
        accuracy = float(np.mean(pred[answered] == true[answered]))
        curve.append({"threshold": float(t), "coverage": coverage, "balanced_accuracy_answered": balanced,
                      "accuracy_answered": accuracy})
        if coverage >= MIN_COVERAGE and balanced > best[1]:
            best = (float(t), balanced, accuracy, coverage)
    return best, curve


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--models", required=True)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--epochs", type=int, default=30)
    args = p.parse_args()
    torch.set_num_threads(common.torch_threads())
    started = time.time()
    detector_metrics = json.load(open(os.path.join(args.work, "detector_metrics.json")))
    windows, index = common.read_tensors(os.path.join(args.work, "tensors", "classifier"))
    windows = np.array(windows, dtype=np.float32)
    frames = windows.shape[1]
    detector = nets.CryDetectorNet(frames, train_detector.FIRST_BAND, train_detector.BAND_COUNT,
                                   conv2_kernel=detector_metrics.get("conv2_kernel", 5))
    detector.load_state_dict(torch.load(os.path.join(args.work, "detector.pt")))
    detector.eval()

    # Frozen features of every window, and the detector's cry probability for screening.
    feats, cry = [], []
    with torch.no_grad():
        for i in range(0, len(windows), 256):
            scaled = detector.scaling(torch.from_numpy(windows[i:i + 256]))
            feats.append(torch.cat([detector.trunk(scaled), nets.band_statistics(scaled)], dim=1).numpy())
            cry.append(torch.sigmoid(detector.logits_scaled(scaled)).numpy())
    feats, cry = np.concatenate(feats), np.concatenate(cry)
    trunk_dims = detector.trunk.out_features
    labels = np.array([common.CAUSES.index(r["cause"]) for r in index])
    window_clips = [clip_of(r["example_id"]) for r in index]
    as_recorded = np.array([r["aug"] == "as_recorded" for r in index])

    clips = {}
    for r, c in zip(index, window_clips):
        clips.setdefault(c, {"cause": r["cause"], "group": r["group"], "kind": r["kind"]})
    # Screening: an upload is kept when at least half of its windows are cries at the detector's
    # operating point (a cry clip has pauses, so not every window need pass).
    threshold = detector_metrics["threshold"]
    screening = {}
    for clip, info in clips.items():
        sel = np.array([c == clip for c in window_clips]) & as_recorded
        info["cry_share"] = float((cry[sel] >= threshold).mean()) if sel.any() else 0.0
        info["kept"] = info["cry_share"] >= 0.5
        if info["kind"] == "unscreened":
            screening[clip] = info["cry_share"]
    kept_unscreened = collections.Counter(i["cause"] for i in clips.values() if i["kind"] == "unscreened" and i["kept"])
    screened_pass = float(np.mean([i["kept"] for i in clips.values() if i["kind"] == "cry_donateacry"]))
    for info in clips.values():
        if info["kind"] != "unscreened":
            info["kept"] = True  # the screened corpus is used whole
    print("screened uploads kept (half their windows >= %.3f): %d of %d %s; the same rule passes %.0f%% of the"
          " screened Donate-a-cry clips" % (threshold, sum(kept_unscreened.values()), len(screening),
                                            dict(kept_unscreened), 100 * screened_pass))
    usable = np.array([clips[c]["kept"] for c in window_clips])

    fold_of_group = grouped_folds({c: i for c, i in clips.items() if i["kind"] == "cry_donateacry"})
    rng = np.random.default_rng(common.SEED)
    # sorted: a set of strings iterates in an order that changes with every process (hash randomization),
    # which dealt these groups different folds, and so gave different CV figures, from run to run
    for g in sorted({i["group"] for i in clips.values()} - set(fold_of_group)):
        fold_of_group[g] = int(rng.integers(0, FOLDS))  # unscreened-only groups: train in 4 folds of 5
    window_fold = np.array([fold_of_group[clips[c]["group"]] for c in window_clips])
    eval_clips = [c for c, i in clips.items() if i["kind"] == "cry_donateacry"]
    true = np.array([common.CAUSES.index(clips[c]["cause"]) for c in eval_clips])
    majority = np.full_like(true, np.bincount(true).argmax())
    baseline = report(true, majority, "majority baseline")

    epochs = 2 if args.smoke else args.epochs
    # name -> (feature columns, hidden units; 0 = linear)
    variants = {"band_stats_linear": (slice(trunk_dims, None), 0), "band_stats_mlp": (slice(trunk_dims, None), 64),
                "trunk+band_stats_linear": (slice(0, None), 0), "trunk+band_stats_mlp": (slice(0, None), 64)}
    cv = {}
    oof = {}
    for name, (cols, hidden) in variants.items():
        probs = {}
        for fold in range(FOLDS):
            train = usable & (window_fold != fold)
            test = (window_fold == fold) & as_recorded & np.array([clips[c]["kind"] == "cry_donateacry" for c in window_clips])
            if not train.any() or not test.any():
                continue
            head = train_head(feats[train][:, cols], labels[train], class_weights(labels[train]), epochs,
                              common.SEED + fold, hidden)
            probs.update(clip_probabilities(head, feats[test][:, cols], [c for c, t in zip(window_clips, test) if t]))
        p = np.array([probs.get(c, np.full(len(common.CAUSES), 0.2)) for c in eval_clips])
        oof[name] = p
        cv[name] = report(true, p.argmax(axis=1), "CV " + name)
    best = max(cv, key=lambda k: cv[k]["macro_f1"])
    # A trunk head runs the detector's trunk a second time on every cry window (about the detector's own ONNX cost);
    # a head without it costs almost nothing. Within the folds' noise of the best, the cheap head ships.
    cheap = [k for k in cv if not k.startswith("trunk") and cv[k]["macro_f1"] >= cv[best]["macro_f1"] - HEAD_TIE_MARGIN]
    chosen = max(cheap, key=lambda k: cv[k]["macro_f1"]) if cheap else best
    (uncertain_below, answered_balanced, answered_accuracy, coverage), curve = choose_uncertain_threshold(
        true, oof[chosen])
    answered = oof[chosen].max(axis=1) >= uncertain_below
    print("chosen head: %s; uncertain below %.3f (answers %.0f%% of clips; balanced accuracy %.3f, accuracy %.3f on them)"
          % (chosen, uncertain_below, 100 * coverage, answered_balanced, answered_accuracy))
    answered_report = report(true[answered], oof[chosen].argmax(axis=1)[answered], "CV answered only") \
        if answered.any() else None

    # Final model: the chosen head on every usable window.
    cols, hidden = variants[chosen]
    head = train_head(feats[usable][:, cols], labels[usable], class_weights(labels[usable]), epochs, common.SEED, hidden)
    model = nets.CauseClassifierNet(detector.scaling, detector.trunk, head, use_trunk=chosen.startswith("trunk"))
    model.eval()
    pick = [int(np.flatnonzero(as_recorded & (labels == k))[0]) for k in range(len(common.CAUSES))
            if (as_recorded & (labels == k)).any()][:3]
    spec = common.read_export_spec(os.path.join(args.work, "tensors", "classifier"))
    # Exported at the serving hop, as the detector's tensors.
    metadata = onnx_io.input_metadata(spec, train_detector.FIRST_BAND, train_detector.BAND_COUNT,
                                      int(spec["cryflow.hop_frames"]))
    metadata.update({
        "cryflow.model_name": MODEL_NAME,
        "cryflow.causes": ",".join(common.CAUSES),
        "cryflow.uncertain_below": "%.6f" % uncertain_below,
        "cryflow.smoke": "true" if args.smoke else "false",
        "cryflow.trained": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cryflow.cv_macro_f1": "%.4f" % cv[chosen]["macro_f1"],
        "cryflow.description": "Parent-reported infant cry cause (hungry, tired, burping, belly_pain, discomfort) "
                               "from 2 s log-mel windows of a cry; decision support, not a diagnosis."
                               + (" SMOKE MODEL: not for use." if args.smoke else ""),
    })
    os.makedirs(args.models, exist_ok=True)
    path = os.path.join(args.models, MODEL_NAME + ".onnx")
    outputs = onnx_io.export(model, windows[pick], path, metadata, "cause_probabilities")
    onnx_io.write_parity(args.models, MODEL_NAME, windows[pick], outputs)
    metrics = {"model": MODEL_NAME, "smoke": args.smoke, "chosen_head": chosen, "epochs": epochs,
               "clips_evaluated": len(eval_clips), "clips_per_cause": dict(collections.Counter(clips[c]["cause"] for c in eval_clips)),
               "majority_baseline": baseline, "cv": cv, "uncertain_below": uncertain_below,
               "best_head_by_macro_f1": best,
               "head_rule": "the highest cross-validated macro-F1, except that a head without the detector's trunk "
                            "within %.2f of it ships instead (a trunk head costs a second trunk pass per cry window)"
                            % HEAD_TIE_MARGIN,
               "uncertain_rule": "highest out-of-fold balanced accuracy (mean per-cause recall) of the answered clips,"
                                 " answering at least %.0f%% of them" % (100 * MIN_COVERAGE),
               "answered_share": coverage, "answered_accuracy": answered_accuracy,
               "answered_balanced_accuracy": answered_balanced, "cv_answered_only": answered_report,
               "uncertain_curve": curve, "unscreened_total": len(screening), "unscreened_kept": dict(kept_unscreened),
               "detector_threshold_for_screening": threshold,
               "screening_rule": "kept when at least half of the clip's windows score >= the detector threshold",
               "screening_rule_pass_rate_on_screened_clips": screened_pass, "onnx_bytes": os.path.getsize(path),
               "parameters_head": sum(p.numel() for p in head.parameters()), "seconds": time.time() - started}
    common.write_json(os.path.join(args.work, "classifier_metrics.json"), metrics)
    print("wrote %s (%d bytes) in %.0f s" % (path, metrics["onnx_bytes"], metrics["seconds"]))


if __name__ == "__main__":
    main()
