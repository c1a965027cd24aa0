"""Compares two cry detectors with different windows (the shipped 2 s model and a 5 s variant) on a
common footing, for training/compare_windows.sh:

  scenes    writes a plan of onset scenes: every validation cry clip placed at a known onset inside a
            validation background (3 scenes per clip, seeded), for ./cryflow export-tensors
  evaluate  scores exported tensors with each model's ONNX file and writes the comparison JSON:
            clip-level metrics on the same validation clips, detection latency on the onset scenes,
            and each model's window-level figures

The ONNX files are run by a small PyTorch interpreter of the operators the detectors use (no
onnxruntime in Debian's python3), checked first against each model's parity examples, so the shipped
2 s model is evaluated as shipped, not retrained."""
import argparse
import csv
import hashlib
import json
import os
import random
import re

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

import common

SCENES_PER_CRY = 3
ONSET_S = (6.0, 7.0)   # both windows see only background before the onset; the fraction randomises the grid phase
TAIL_S = 2.0
CLIP_RULES = ("max", "mean")
MATCHED_PRE_ALARM = 0.10


# ----------------------------------------------------------------------------------------------
# ONNX -> PyTorch, just the operators of the exported detectors

def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class OnnxModel:
    def __init__(self, path):
        self.proto = onnx.load(path)
        self.meta = {p.key: p.value for p in self.proto.metadata_props}
        self.tensors = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in self.proto.graph.initializer}
        self.input = self.proto.graph.input[0].name
        self.output = self.proto.graph.output[0].name

    def __call__(self, x):
        env = dict(self.tensors)
        env[self.input] = x
        for n in self.proto.graph.node:
            a = _attrs(n)
            i = [env[name] if name else None for name in n.input]
            op = n.op_type
            if op == "Constant":
                out = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
            elif op == "Slice":
                out = i[0]
                starts, ends, axes = i[1].tolist(), i[2].tolist(), i[3].tolist()
                steps = i[4].tolist() if len(i) > 4 else [1] * len(starts)
                for s, e, ax, st in zip(starts, ends, axes, steps):
                    size = out.shape[ax]
                    s, e = max(0, min(size, s if s >= 0 else size + s)), max(0, min(size, e if e >= 0 else size + e))
                    out = out.narrow(ax, s, e - s)[(slice(None),) * (ax % out.dim()) + (slice(None, None, st),)]
            elif op == "ReduceMax":
                out = torch.amax(i[0], dim=tuple(a["axes"]), keepdim=bool(a.get("keepdims", 1)))
            elif op == "Sub":
                out = i[0] - i[1]
            elif op == "Add":
                out = i[0] + i[1]
            elif op == "Div":
                out = i[0] / i[1]
            elif op == "Clip":
                out = torch.clamp(i[0], min=None if len(i) < 2 or i[1] is None else i[1].item(),
                                  max=None if len(i) < 3 or i[2] is None else i[2].item())
            elif op == "Unsqueeze":
                out = i[0]
                for ax in sorted(i[1].tolist()):
                    out = out.unsqueeze(ax)
            elif op == "Squeeze":
                out = i[0].squeeze(i[1].tolist()[0]) if len(i) > 1 else i[0].squeeze()
            elif op == "Conv":
                p = a["pads"]
                assert p[:2] == p[2:] and a.get("group", 1) == 1
                out = F.conv2d(i[0], i[1], i[2], stride=a["strides"], padding=p[:2], dilation=a.get("dilations", 1))
            elif op == "MaxPool":
                p = a.get("pads", [0, 0, 0, 0])
                assert p[:2] == p[2:]
                out = F.max_pool2d(i[0], a["kernel_shape"], a["strides"], p[:2], ceil_mode=bool(a.get("ceil_mode", 0)))
            elif op == "Relu":
                out = torch.relu(i[0])
            elif op == "Flatten":
                out = torch.flatten(i[0], a.get("axis", 1))
            elif op == "Gemm":
                w = i[1].t() if a.get("transB", 0) else i[1]
                out = a.get("alpha", 1.0) * (i[0] @ w) + a.get("beta", 1.0) * i[2]
            elif op == "BatchNormalization":
                out = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
            elif op == "Sigmoid":
                out = torch.sigmoid(i[0])
            else:
                raise ValueError("operator %s not supported" % op)
            env[n.output[0]] = out
        return env[self.output]

    def predict(self, windows, batch=128):
        out = []
        with torch.no_grad():
            for k in range(0, len(windows), batch):
                out.append(self(torch.from_numpy(np.ascontiguousarray(windows[k:k + batch], dtype=np.float32))).numpy())
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)

    def check_parity(self, path):
        """Max |difference| to the PyTorch outputs stored beside the model at export."""
        stem = path[:-len(".onnx")]
        x = np.load(stem + ".parity-input.npy")
        y = np.load(stem + ".parity-output.npy")
        return float(np.abs(self.predict(x) - y).max())


# ----------------------------------------------------------------------------------------------
# scenes

def write_scenes(plans, data, out):
    """Onset scenes from the validation cries and backgrounds of the plans in `plans`."""
    with open(os.path.join(plans, "detector_val_mixed.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0].keys())
    duration = {r["path"]: r["duration_s"] for r in common.read_manifest(data)}
    cries = [r for r in rows if r["label"] == "cry"]
    backgrounds = sorted({r["files"] for r in rows if r["label"] != "cry"})
    rng = random.Random(common.SEED + 7)
    scenes = []
    for r in cries:
        for k in range(SCENES_PER_CRY):
            bg = rng.choice(backgrounds)
            onset = rng.uniform(*ONSET_S)
            scenes.append(dict(r, **{
                "id": "%s#onset%d" % (r["files"], k), "background": bg, "snr_db": "%.2f" % rng.uniform(-5, 20),
                "gain_db": "0.00", "roundtrip_8k": "0", "offset_s": "%.3f" % onset,
                "min_seconds": "%.2f" % (onset + duration[r["files"]] + TAIL_S),
                "bg_offset_s": "%.3f" % rng.uniform(0, duration[bg]), "aug": "onset_scene"}))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(scenes)
    print("scenes %s: %d (%d cries x %d, %d validation backgrounds)" % (out, len(scenes), len(cries), SCENES_PER_CRY,
                                                                       len(backgrounds)))


# ----------------------------------------------------------------------------------------------
# evaluation

class Scored:
    """One model's scores on one exported tensor set, with the window timing."""

    def __init__(self, model, export_dir, hop_frames=None):
        windows, index = common.read_tensors(export_dir)
        spec = common.read_export_spec(export_dir)
        keep = np.arange(len(index))
        if hop_frames and hop_frames != int(spec["cryflow.hop_frames"]):
            # windows of a finer export whose start is on the coarser grid (the grid starts at frame 0)
            keep = np.array([k for k, r in enumerate(index) if int(r["start_frame"]) % hop_frames == 0])
        self.index = [index[k] for k in keep]
        self.scores = model.predict(windows[keep]) if len(keep) else np.zeros(0)
        self.frames = int(spec["cryflow.window_frames"])
        dsp = spec["cryflow.dsp_config_id"]
        rate = float(spec["cryflow.frame_rate"])
        sr = int(re.search(r"sr(\d+)", dsp).group(1))
        win = int(re.search(r"win(\d+)", dsp).group(1))
        # A window can be scored once its last frame is complete: that frame starts (start + W - 1)
        # frames in and spans one STFT window.
        self.end_s = np.array([(int(r["start_frame"]) + self.frames - 1) / rate + win / sr for r in self.index])
        self.start_s = np.array([int(r["start_frame"]) / rate for r in self.index])
        self.labels = np.array([r["label"] == "cry" for r in self.index])


def window_level(s, threshold):
    return {"windows": int(len(s.labels)), "cry_windows": int(s.labels.sum()),
            "roc_auc": common.roc_auc(s.labels, s.scores), "at_threshold": common.binary_metrics(s.labels, s.scores, threshold)}


def clip_scores(s):
    by = {}
    for r, score in zip(s.index, s.scores):
        by.setdefault(r["example_id"], {"label": r["label"] == "cry", "group": r["group"], "kind": r["kind"], "scores": []})
        by[r["example_id"]]["scores"].append(float(score))
    return by


def clip_level(a, b, thresholds, names, rule, boot=1000):
    """Clip metrics of two models on the clips both scored, and a grouped bootstrap of the AUC difference."""
    ca, cb = clip_scores(a), clip_scores(b)
    ids = sorted(set(ca) & set(cb))
    agg = np.max if rule == "max" else np.mean
    labels = np.array([ca[i]["label"] for i in ids])
    sa = np.array([agg(ca[i]["scores"]) for i in ids])
    sb = np.array([agg(cb[i]["scores"]) for i in ids])
    out = {"clips": len(ids), "cry_clips": int(labels.sum()),
           "only_in_one": sorted(set(ca) ^ set(cb)),
           "mean_windows_per_clip": {names[0]: float(np.mean([len(ca[i]["scores"]) for i in ids])),
                                     names[1]: float(np.mean([len(cb[i]["scores"]) for i in ids]))}}
    for name, scores, t in ((names[0], sa, thresholds[0]), (names[1], sb, thresholds[1])):
        out[name] = {"roc_auc": common.roc_auc(labels, scores), "at_threshold": common.binary_metrics(labels, scores, t)}
    groups = sorted({ca[i]["group"] for i in ids})
    members = {g: [k for k, i in enumerate(ids) if ca[i]["group"] == g] for g in groups}
    rng = np.random.default_rng(common.SEED)
    diffs = []
    for _ in range(boot):
        pick = np.concatenate([members[g] for g in rng.choice(groups, len(groups))])
        if 0 < labels[pick].mean() < 1:
            diffs.append(common.roc_auc(labels[pick], sb[pick]) - common.roc_auc(labels[pick], sa[pick]))
    out["auc_difference_%s_minus_%s" % (names[1], names[0])] = {
        "point": out[names[1]]["roc_auc"] - out[names[0]]["roc_auc"],
        "grouped_bootstrap_95": [float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))],
        "resamples": len(diffs), "groups": len(groups)}
    return out


def scene_outcomes(s, threshold, plan):
    """Per scene: seconds from the cry's onset until the end of the first window (ending after the
    onset, starting before the cry ends) whose score >= threshold, or None; and how the windows that
    ended before the onset (background only) scored."""
    per = {}
    for k, r in enumerate(s.index):
        per.setdefault(r["example_id"], []).append(k)
    out = {}
    for scene, ks in per.items():
        onset = float(plan[scene]["offset_s"])
        cry_end = float(plan[scene]["min_seconds"]) - TAIL_S
        ks = np.array(ks)
        before = ks[s.end_s[ks] <= onset]
        during = ks[(s.end_s[ks] > onset) & (s.start_s[ks] < cry_end)]
        hit = during[s.scores[during] >= threshold]
        out[scene] = {"latency": float(s.end_s[hit].min() - onset) if len(hit) else None,
                      "pre_windows": int(len(before)), "pre_alarms": int((s.scores[before] >= threshold).sum()),
                      "max_pre_score": float(s.scores[before].max()) if len(before) else 0.0}
    return out


def _seconds(x):
    return float(x) if np.isfinite(x) else "never (over 10 % missed)"


def latency_summary(outcomes, scenes):
    lat = np.array([outcomes[x]["latency"] for x in scenes if outcomes[x]["latency"] is not None])
    n, missed = len(scenes), len(scenes) - len(lat)
    with_missed = np.concatenate([lat, np.full(missed, np.inf)])
    pre_windows = sum(outcomes[x]["pre_windows"] for x in scenes)
    pre_alarms = sum(outcomes[x]["pre_alarms"] for x in scenes)
    return {"scenes": n, "detected": int(len(lat)), "missed": int(missed),
            "latency_s_detected": {"p50": float(np.percentile(lat, 50)), "p90": float(np.percentile(lat, 90)),
                                   "mean": float(lat.mean())} if len(lat) else None,
            # misses counted as never detected (inf): the p90 is inf when more than 10 % are missed
            "latency_s_all": {"p50": _seconds(np.percentile(with_missed, 50, method="higher")),
                              "p90": _seconds(np.percentile(with_missed, 90, method="higher"))},
            "detected_within_s": {str(t): float((lat <= t).sum() / n) for t in (1, 2, 3, 5)},
            "pre_onset_windows": int(pre_windows), "pre_onset_false_alarm_windows": int(pre_alarms),
            "scenes_with_pre_onset_false_alarm": int(sum(outcomes[x]["pre_alarms"] > 0 for x in scenes))}


def latency_all(models, args):
    """Latency on the onset scenes for the 2 s model (0.5 s hop) and the 5 s model (1 s hop, and the
    0.5 s hop as a what-if): on all scenes; on the scenes where no model alarmed before the onset (an
    alarm there would already be on, so the 'latency' would measure a false alarm); and, as a
    diagnostic at matched false alarms, with each threshold set so that at most MATCHED_PRE_ALARM of
    the scenes alarm before the onset (chosen on these validation scenes, for both alike)."""
    with open(args.scenes_plan, newline="") as f:
        plan = {r["id"]: r for r in csv.DictReader(f)}
    configs = (("2s_hop0.5s", "2s", args.scenes_2s, None),
               ("5s_hop1s", "5s", args.scenes_5s, models["5s"].hop),
               ("5s_hop0.5s", "5s", args.scenes_5s, None))
    scored = {key: (Scored(models[m], export, hop), models[m].threshold) for key, m, export, hop in configs}
    shipped = {key: scene_outcomes(s, t, plan) for key, (s, t) in scored.items()}
    scenes = sorted(plan)
    quiet = [x for x in scenes if all(o[x]["pre_alarms"] == 0 for o in shipped.values())]
    out = {"scenes": len(scenes), "scenes_quiet_before_onset_for_all": len(quiet),
           "matched_pre_onset_alarm_share": MATCHED_PRE_ALARM}
    for key, (s, t) in scored.items():
        max_pre = np.array([shipped[key][x]["max_pre_score"] for x in scenes])
        # the lowest threshold above all but MATCHED_PRE_ALARM of the scenes' highest pre-onset scores
        matched_t = float(np.nextafter(np.quantile(max_pre, 1 - MATCHED_PRE_ALARM, method="higher"), 1.0))
        matched = scene_outcomes(s, matched_t, plan)
        out[key] = {"threshold": t, "all_scenes": latency_summary(shipped[key], scenes),
                    "quiet_scenes": latency_summary(shipped[key], quiet),
                    "matched_threshold": matched_t, "matched_all_scenes": latency_summary(matched, scenes)}
        for part in ("all_scenes", "quiet_scenes", "matched_all_scenes"):
            l = out[key][part]
            print("latency %-11s %-18s scenes %3d detected %3d  p50 %.2f s p90 %.2f s (misses as inf: %s / %s)"
                  "  pre-onset alarms in %d scenes" % (
                      key, part, l["scenes"], l["detected"], l["latency_s_detected"]["p50"],
                      l["latency_s_detected"]["p90"], l["latency_s_all"]["p50"], l["latency_s_all"]["p90"],
                      l["scenes_with_pre_onset_false_alarm"]))
    return out


def evaluate(args):
    torch.set_num_threads(common.torch_threads())
    models = {}
    for name, path in (("2s", args.model_2s), ("5s", args.model_5s)):
        m = OnnxModel(path)
        models[name] = m
        m.parity = m.check_parity(path)
        m.threshold = float(m.meta["cryflow.threshold"])
        m.hop = int(m.meta["cryflow.hop_frames"])
        print("%s: %s  window %s frames, hop %d, threshold %.4f, parity max |diff| %.2g" % (
            name, path, m.meta["cryflow.window_frames"], m.hop, m.threshold, m.parity))
        assert m.parity < 1e-4, "the ONNX interpreter does not reproduce the parity outputs"
    names = ("2s", "5s")
    th = (models["2s"].threshold, models["5s"].threshold)
    result = {"models": {n: {"onnx": os.path.relpath(p, args.repo), "window_frames": int(models[n].meta["cryflow.window_frames"]),
                             "hop_frames": models[n].hop, "threshold": models[n].threshold, "sha256_12": _sha12(p),
                             "parity_max_abs_diff": models[n].parity}
                         for n, p in (("2s", args.model_2s), ("5s", args.model_5s))}}

    # (a) window level, each on its own plan's tensors at its own window and hop
    result["window_level"] = {}
    for n, root in (("2s", args.own_2s), ("5s", args.own_5s)):
        result["window_level"][n] = {}
        for plan in ("detector_val", "detector_val_8k", "detector_val_mixed"):
            s = Scored(models[n], os.path.join(root, plan))
            result["window_level"][n][plan] = window_level(s, models[n].threshold)
            m = result["window_level"][n][plan]
            print("window %s %-20s windows %4d  AUC %.4f  F1 %.3f" % (n, plan, m["windows"], m["roc_auc"], m["at_threshold"]["f1"]))

    # (b) clip level on the same clips, rendered identically (the 5 s plans' padding) for both
    result["clip_level"] = {}
    for plan in ("detector_val", "detector_val_mixed"):
        a = Scored(models["2s"], os.path.join(args.common_2s, plan))
        b = Scored(models["5s"], os.path.join(args.own_5s, plan))
        for rule in CLIP_RULES:
            key = "%s/%s" % (plan, rule)
            result["clip_level"][key] = c = clip_level(a, b, th, names, rule)
            print("clip %-26s clips %d (cry %d)  2s AUC %.4f F1 %.3f | 5s AUC %.4f F1 %.3f" % (
                key, c["clips"], c["cry_clips"], c["2s"]["roc_auc"], c["2s"]["at_threshold"]["f1"],
                c["5s"]["roc_auc"], c["5s"]["at_threshold"]["f1"]))

    # (c) latency on the onset scenes
    result["latency"] = latency_all(models, args)
    result["same_tune_groups"] = same_tune_groups(args)
    m = json.load(open(args.metrics_5s or os.path.join(args.own_5s, "..", "detector_metrics.json")))
    result["training_5s"] = {k: m.get(k) for k in ("seed", "parameters", "epochs_trained", "chosen_epoch", "threshold", "fit_windows",
                                               "tune_windows", "time_cells", "torch_threads", "seconds", "history")}
    result["training_5s"]["tune_roc_auc"] = m["tune"]["roc_auc"]
    common.write_json(args.out, result)
    print("wrote " + args.out)


def same_tune_groups(args):
    """The tune groups train_detector.py held out of the 5 s training tensors, against those of the
    2 s plan's rows (every row of which gives 2 s windows: all are >= 2.5 s long)."""
    import train_detector
    _, index_5s = common.read_tensors(os.path.join(args.own_5s, "detector_train"))
    with open(os.path.join(args.own_2s, "..", "plans-2s", "detector_train.csv"), newline="") as f:
        rows_2s = list(csv.DictReader(f))
    a, b = train_detector.tune_groups(rows_2s), train_detector.tune_groups(index_5s)
    print("tune groups: 2 s plan %d, 5 s tensors %d, identical: %s" % (len(a), len(b), a == b))
    return {"groups": len(b), "identical": a == b}


def seed_row(r):
    """The figures of one comparison run that show how much a retraining moves them."""
    t = r["training_5s"]
    c, l = r["clip_level"], r["latency"]
    return {"seed": t.get("seed") or common.SEED, "seconds": t["seconds"], "chosen_epoch": t["chosen_epoch"],
            "threshold": t["threshold"], "tune_roc_auc": t["tune_roc_auc"],
            "window_val_roc_auc": r["window_level"]["5s"]["detector_val"]["roc_auc"],
            "window_val_f1": r["window_level"]["5s"]["detector_val"]["at_threshold"]["f1"],
            "window_val_mixed_roc_auc": r["window_level"]["5s"]["detector_val_mixed"]["roc_auc"],
            "clip_val_max_roc_auc": c["detector_val/max"]["5s"]["roc_auc"],
            "clip_val_max_f1": c["detector_val/max"]["5s"]["at_threshold"]["f1"],
            "clip_val_mixed_max_roc_auc": c["detector_val_mixed/max"]["5s"]["roc_auc"],
            "clip_val_mixed_max_f1": c["detector_val_mixed/max"]["5s"]["at_threshold"]["f1"],
            "latency_quiet_p50_p90": [l["5s_hop1s"]["quiet_scenes"]["latency_s_detected"]["p50"],
                                      l["5s_hop1s"]["quiet_scenes"]["latency_s_detected"]["p90"]],
            "quiet_scenes": l["scenes_quiet_before_onset_for_all"],
            "latency_quiet_2s_p50_p90": [l["2s_hop0.5s"]["quiet_scenes"]["latency_s_detected"]["p50"],
                                         l["2s_hop0.5s"]["quiet_scenes"]["latency_s_detected"]["p90"]],
            "latency_matched_p50_p90_misses_inf": [l["5s_hop1s"]["matched_all_scenes"]["latency_s_all"]["p50"],
                                                   l["5s_hop1s"]["matched_all_scenes"]["latency_s_all"]["p90"]],
            "matched_detected": l["5s_hop1s"]["matched_all_scenes"]["detected"],
            "clip_val_max_auc_difference_95": c["detector_val/max"]["auc_difference_5s_minus_2s"]["grouped_bootstrap_95"],
            "clip_val_mixed_max_auc_difference_95":
                c["detector_val_mixed/max"]["auc_difference_5s_minus_2s"]["grouped_bootstrap_95"]}


def _sha12(path):
    """The first 12 hex digits of the file's SHA-256: the version the model card gives each model."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def _finite(x):
    """Earlier result files wrote an infinite percentile as Infinity (not JSON); same wording as _seconds."""
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_finite(v) for v in x]
    return _seconds(x) if isinstance(x, float) and np.isinf(x) else x


def summarize(args):
    """One JSON to commit: the first comparison in full, and the main figures of every further seed."""
    main_run = _finite(json.load(open(os.path.join(args.work, "window_comparison.json"))))
    main_run["training_5s"].pop("history", None)
    for n, m in main_run["models"].items():  # runs before the hash was recorded: the files are unchanged since
        m.setdefault("sha256_12", _sha12(os.path.join(args.work, "..", "..", m["onnx"])))
    seeds = [seed_row(main_run)]
    retrained_2s = []
    for name in sorted(os.listdir(args.work)):
        path = os.path.join(args.work, name, "window_comparison.json")
        if name.startswith("seed-") and os.path.exists(path):
            r = _finite(json.load(open(path)))
            if name.endswith("-2s"):
                m = json.load(open(os.path.join(args.work, name, "detector_metrics.json")))
                retrained_2s.append({"seed": m["seed"], "seconds": m["seconds"], "cpu_seconds": m.get("cpu_seconds"),
                                     "fit_windows": m["fit_windows"], "chosen_epoch": m["chosen_epoch"],
                                     "threshold": m["threshold"], "window_level": r["window_level"]["2s"],
                                     "clip_level": {k: v["2s"] for k, v in r["clip_level"].items()},
                                     "latency": r["latency"]["2s_hop0.5s"]})
            else:
                seeds.append(seed_row(r))
    out = {"commands": args.commands, "comparison": main_run, "five_second_seeds": seeds,
           "two_second_retrained": retrained_2s}
    if os.path.exists(args.out):  # keep the hand-written conclusion
        previous = json.load(open(args.out))
        if "conclusion" in previous:
            out["conclusion"] = previous["conclusion"]
    common.write_json(args.out, out)
    print("wrote %s (%d 5 s runs, %d 2 s retrainings)" % (args.out, len(seeds), len(retrained_2s)))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scenes")
    s.add_argument("--plans", required=True)
    s.add_argument("--data", required=True)
    s.add_argument("--out", required=True)
    e = sub.add_parser("evaluate")
    e.add_argument("--repo", required=True)
    e.add_argument("--model-2s", required=True)
    e.add_argument("--model-5s", required=True)
    e.add_argument("--own-2s", required=True, help="tensors of the 2 s plans at 200/50")
    e.add_argument("--own-5s", required=True, help="tensors of the 5 s plans at 500/100")
    e.add_argument("--common-2s", required=True, help="tensors of the 5 s plans at 200/50")
    e.add_argument("--scenes-plan", required=True)
    e.add_argument("--scenes-2s", required=True)
    e.add_argument("--scenes-5s", required=True, help="scene tensors at 500/50 (the 1 s hop is every other window)")
    e.add_argument("--metrics-5s", help="the 5 s training run's detector_metrics.json (default: beside --own-5s)")
    e.add_argument("--out", required=True)
    m = sub.add_parser("summarize")
    m.add_argument("--work", required=True)
    m.add_argument("--commands", nargs="*", default=[])
    m.add_argument("--out", required=True)
    args = p.parse_args()
    if args.command == "scenes":
        write_scenes(args.plans, args.data, args.out)
    elif args.command == "summarize":
        summarize(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
