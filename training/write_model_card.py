"""Writes inference/MODEL_CARD.md from the metrics JSON files of a full training run."""
import argparse
import hashlib
import json
import os

import common


def pct(x):
    return "%.1f %%" % (100 * x)


def f3(x):
    return "%.3f" % x


def version(models, name):
    with open(os.path.join(models, name + ".onnx"), "rb") as f:
        data = f.read()
    return "%s@%s" % (name, hashlib.sha256(data).hexdigest()[:12]), len(data)


def detector_table(d):
    rows = ["| set | windows (cry) | ROC-AUC | precision | recall | F1 | FP rate |", "|---|---|---|---|---|---|---|"]
    for name, label in (("detector_val", "validation, as recorded"),
                        ("detector_val_8k", "validation, every clip through the 8 kHz round trip"),
                        ("detector_val_mixed", "validation, cries mixed over validation backgrounds at -5..20 dB SNR"),
                        ("tune", "tune groups (held out of training; chose epoch and threshold)")):
        m = d[name]
        t = m["at_threshold"]
        rows.append("| %s | %d (%d) | %s | %s | %s | %s | %s |" % (
            label, m["windows"], m["cry_windows"], f3(m["roc_auc"]), f3(t["precision"]), f3(t["recall"]), f3(t["f1"]),
            f3(t["false_positive_rate"])))
    return "\n".join(rows)


def threshold_comparison(d):
    rows = ["| set | threshold | precision | recall | F1 | FP rate |", "|---|---|---|---|---|---|"]
    for name in ("detector_val", "detector_val_mixed"):
        for label, m in (("%.4f (shipped, Youden)" % d["threshold"], d[name]["at_threshold"]),
                         ("%.4f (best tune F1)" % d["best_tune_f1_threshold"], d[name]["at_best_tune_f1_threshold"])):
            rows.append("| %s | %s | %s | %s | %s | %s |" % (name, label, f3(m["precision"]), f3(m["recall"]),
                                                             f3(m["f1"]), f3(m["false_positive_rate"])))
    return "\n".join(rows)


def per_kind_table(d):
    rows = ["| kind | windows | recall (cry) / false-positive rate (non-cry) |", "|---|---|---|"]
    for kind, m in d["detector_val"]["per_kind"].items():
        value = ("recall " + pct(m["recall"])) if "recall" in m else (
            "FP rate %s (%d windows)" % (pct(m["false_positive_rate"]), m["false_positives"]))
        rows.append("| %s | %d | %s |" % (kind, m["windows"], value))
    return "\n".join(rows)


def classifier_section(c):
    causes = common.CAUSES
    lines = ["| | macro-F1 | accuracy | " + " | ".join("recall " + x for x in causes) + " |",
             "|---|---|---|" + "---|" * len(causes)]
    def row(label, m):
        return "| %s | %s | %s | %s |" % (label, f3(m["macro_f1"]), f3(m["accuracy"]),
                                          " | ".join(f3(m["recall_per_class"][x]) for x in causes))
    lines.append(row("majority class (hungry)", c["majority_baseline"]))
    for name, m in c["cv"].items():
        lines.append(row("grouped 5-fold CV, head " + name + (" (shipped)" if name == c["chosen_head"] else ""), m))
    if c.get("cv_answered_only"):
        lines.append(row("shipped head, answered clips only (top probability >= %.3f)" % c["uncertain_below"],
                         c["cv_answered_only"]))
    m = c["cv"][c["chosen_head"]]["confusion_matrix"]
    conf = ["| true \\ predicted | " + " | ".join(causes) + " |", "|---|" + "---|" * len(causes)]
    for i, r in enumerate(m):
        conf.append("| %s | %s |" % (causes[i], " | ".join(str(v) for v in r)))
    return "\n".join(lines), "\n".join(conf)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--models", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    d = json.load(open(os.path.join(args.work, "detector_metrics.json")))
    c = json.load(open(os.path.join(args.work, "classifier_metrics.json")))
    split = json.load(open(os.path.join(args.work, "plans", "split.json")))
    dv, dsize = version(args.models, "cry-detector")
    cv, csize = version(args.models, "cause-classifier")
    ctable, conf = classifier_section(c)
    gap = c["cv"][c["chosen_head"]]["macro_f1"] - c["majority_baseline"]["macro_f1"]
    verdict = "below" if gap < -0.005 else ("no better than" if gap < 0.05 else "only slightly above")
    experiments_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "experiments.json")
    experiments = ""
    if os.path.exists(experiments_file):
        e = json.load(open(experiments_file))
        experiments = "\n\nVariants tried and not shipped (" + e["note"] + "):\n\n" + "\n".join(
            "- `%s`: best tune ROC-AUC %.4f against %.4f for the shipped run; %s (validation ROC-AUC, looked at only "
            "afterwards: %.4f)." % (x["settings"], x["best_tune_roc_auc"], x["shipped_run_tune_roc_auc"], x["outcome"],
                                    x["validation_as_recorded_roc_auc_seen_afterwards"]) for x in e["detector"])
    files = "\n".join("| %s | %d |" % (k, v) for k, v in split["files_per_split_and_kind"].items())
    val = d["detector_val"]
    card = f"""# Cryflow models: model card

Generated by `training/write_model_card.py` from the metrics of the run that built the shipped files
(`training/train_all.sh`); every figure below was measured by that run.

| model | version (events carry it) | file | size |
|---|---|---|---|
| cry detector | `{dv}` | `src/main/resources/io/cryflow/inference/models/cry-detector.onnx` | {dsize / 1e6:.2f} MB |
| cause classifier | `{cv}` | `src/main/resources/io/cryflow/inference/models/cause-classifier.onnx` | {csize / 1e6:.2f} MB |

## Intended use

Decision support for caregivers in neonatal units and daycares: the detector flags windows of room
audio that probably hold an infant cry, so staff are alerted sooner; the cause classifier offers a
*hint* at the parent-reported reason. **Neither is a diagnosis or a medical device.** Not validated
in any clinical setting.

**The cause classifier does not work yet**: its grouped cross-validated macro-F1
({f3(c['cv'][c['chosen_head']]['macro_f1'])}) is {verdict} the majority-class baseline
({f3(c['majority_baseline']['macro_f1'])}), far from the seed figure (0.38) and the target (0.45). It answers
"uncertain" for about {pct(1 - c['answered_share'])} of cries; consumers should show its answer, if at all,
as an unreliable hint, and never act on it without a caregiver's own judgement.

## Input (both models)

2 s windows of log-mel frames (200 frames x 64 Slaney mel bands, 16 kHz, 350 Hz high-pass, the
features stage's `FeatureConfig.DEFAULT`), a new window every 0.5 s, built by `WindowAssembler`
exactly as `./cryflow export-tensors` builds the training tensors. Each model reads only bands 0-45
(up to 3.38 kHz) and scales each window to dB below its own maximum (80 dB range), inside its ONNX
graph. The window spec, thresholds and DSP id are in the ONNX `metadata_props`.

## Data and licenses

`../shared/data` (see its README): Donate-a-cry corpus (ODbL/DbCL, parent-reported causes),
ESC-50 crying-baby and environmental clips (CC BY-NC 3.0), home recordings from
giulbia/baby_cry_detection (no license stated), Free Spoken Digit Dataset (CC BY-SA 4.0),
Speech Commands words and background noise (CC BY 4.0), librosa example audio (per-file licenses).
Because of the CC BY-NC and unlicensed parts, treat the trained weights as **non-commercial,
research use** until the data is replaced.

## Splits

Grouped by the manifest's `group` (app install, speaker, Freesound id, recording), never by file;
per source kind, 20 % of its groups (seeded, at least one; two for music) form the validation split.
Within the training groups, 15 % of the groups of each kind with 4+ groups are held out as **tune**
groups: they choose the epoch and the detector threshold, so the validation split is used for
nothing but the figures below. Files per split and kind:

| split/kind | files |
|---|---|
{files}

## Cry detector

AlexNet-style CNN: conv 32@11x7 stride 4x2, BN, ReLU, max-pool 3/2; conv 64@5x5, BN, ReLU, max-pool;
conv 96@3x3, conv 96@3x3, conv 64@3x3 (BN, ReLU), max-pool; dense 256 (BN, ReLU, dropout 0.5),
dense 64 (ReLU, dropout 0.3), sigmoid. {d['parameters']:,} parameters. Trained {d['epochs_trained']} epochs
(AdamW, one-cycle LR 2e-3, batch 64, positive-class weighting); kept epoch {d['chosen_epoch']} by tune ROC-AUC.

Training examples: every cry clip once cleanly and twice mixed over a training background at a random
SNR in [-5, 20] dB; every non-cry clip once cleanly and once mixed with another background; spoken
digits concatenated six at a time (one speaker) over quiet noise; Speech Commands words padded
over backgrounds; gains from -20 to +6 dB; **every training example through a 16 -> 8 -> 16 kHz
round trip** (and the model reads only bands below 3.4 kHz), so bandwidth cannot separate the classes;
time and frequency masking (2 time masks up to 20 frames, 1 band mask up to 6 bands) in training.

**Shipped threshold: {d['threshold']:.4f}**: {d['threshold_rule']}, which does not depend on how many
cries the tune set happens to hold. (The first full run shipped the best-F1 point on the tune groups,
{d['best_tune_f1_threshold']:.4f}; its validation false-positive rates were high, and the rule was changed
after seeing them, so the validation split is not entirely blind to this one choice. Both are shown.)
Window-level results (a window is labelled cry when its clip is a cry clip):

{detector_table(d)}

The two threshold rules on validation:

{threshold_comparison(d)}

Validation per kind, as recorded, at the shipped threshold:

{per_kind_table(d)}

Targets were ROC-AUC >= 0.97 and F1 >= 0.90 on the grouped validation split; as recorded the model
reached ROC-AUC {f3(val['roc_auc'])} and F1 {f3(val['at_threshold']['f1'])}: **both just short of the targets**.
The tune groups score lower (ROC-AUC {f3(d['tune']['roc_auc'])}) because they hold the augmented examples,
cries mixed down to -5 dB SNR, where windows in the cry's pauses still carry the cry label.{experiments}

## Cause classifier

A small head on features of each window: the cry detector's frozen convolutional trunk
embedding and/or the per-band mean and standard deviation of the scaled window, standardised, then
either a linear layer (multinomial logistic regression) or an MLP (dense 64, ReLU, dropout), softmax.
Four variants were cross-validated; the shipped one (`{c['chosen_head']}`) had the highest macro-F1, a
choice made on the same folds, so its figure is slightly optimistic.
Class-weighted cross-entropy (weights inverse to class frequency) against the
{pct(c['clips_per_cause'].get('hungry', 0) / c['clips_evaluated'])} hungry imbalance.
Clip prediction = mean of its windows' probabilities.
The unscreened uploads of the five causes were screened with the cry detector ({c['screening_rule']};
the same rule passes {pct(c['screening_rule_pass_rate_on_screened_clips'])} of the screened Donate-a-cry clips):
{sum(c['unscreened_kept'].values())} of {c['unscreened_total']} kept ({c['unscreened_kept']}); they are used for
training only, never evaluated.
Each clip is also used once through the 8 kHz round trip for training.

Grouped 5-fold cross-validation on the {c['clips_evaluated']} screened Donate-a-cry clips
({c['clips_per_cause']}); folds by `group`; clip level:

{ctable}

Confusion matrix of the shipped head (out-of-fold, clip level, before "uncertain"):

{conf}

For reference, the best seed figure was accuracy 0.385 and macro-F1 0.38 on an undisclosed split; the
target was grouped macro-F1 >= 0.45.

**"Uncertain"**: the classifier answers a cause only when its top probability is at least
**{c['uncertain_below']:.3f}**. Rule: {c['uncertain_rule']}, chosen on the out-of-fold
predictions above (balanced accuracy, because plain accuracy rewards answering "hungry" every time);
it answers {pct(c['answered_share'])} of clips, with balanced accuracy {f3(c['answered_balanced_accuracy'])} and accuracy
{f3(c['answered_accuracy'])} on them (chance balanced accuracy: 0.200).

## Limits

- Small data: {val['cry_windows']} validation cry windows from few sources; the validation music and
  speech come from a handful of recordings, so their false-positive rates are coarse.
- Window labels are clip labels: a pause inside a cry clip counts as "cry".
- Real rooms (several infants, adult voices, TV, alarms, far-field microphones) are not in the data.
- Cause labels are parents' guesses, few for every cause but hungry; the classifier can at best learn
  what parents reported. The trunk variants use the detector's trunk, which saw the training cry clips
  (without their causes).
- 2 s windows were chosen for detection latency (a window every 0.5 s); they were not compared with the
  reference's 5 s windows, so no claim is made that they detect as well.
- Training ran on two shared CPU cores; the full `train_all.sh` took about {d.get('seconds', 0) / 60 + c.get('seconds', 0) / 60:.0f} min of
  training and export on a busy machine.
- The 8 kHz round trip and band limit make the models blind above 3.4 kHz by design.
"""
    with open(args.out, "w") as f:
        f.write(card)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
