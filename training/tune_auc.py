"""Tune ROC-AUC of any cry detector from its scores of the training tensors (`./cryflow score-tensors --tensors
work/tensors/detector_train`), on the windows train_detector.py chooses epochs and thresholds by, with and without
the cries' pauses: compares a candidate with the shipped ONNX model, whose training weights may not be at hand."""
import argparse
import csv
import os

import numpy as np

import common
import train_detector


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True, help="the training work folder (tensors/detector_train)")
    p.add_argument("--scores", required=True, nargs="+", help="score-tensors CSV files (row,cry_probability)")
    p.add_argument("--ignore-cry-pauses", type=float, default=15.0, metavar="DB",
                   help="the pause rule of train_detector.py --ignore-cry-pauses (default: 15)")
    args = p.parse_args()
    windows, index = common.read_tensors(os.path.join(args.work, "tensors", "detector_train"))
    labels = np.array([r["label"] == "cry" for r in index])
    _, is_tune, keep = train_detector.tune_split(index)
    tune = is_tune & keep
    pause = train_detector.cry_pause_windows(windows, index, args.ignore_cry_pauses)
    print("tune windows: %d, %d of them cry pauses (%g dB below the clip's loudest window)" % (
        tune.sum(), (tune & pause).sum(), args.ignore_cry_pauses))
    for path in args.scores:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        scores = np.full(len(index), np.nan)
        for r in rows:
            scores[int(r["row"])] = float(r["cry_probability"])
        if np.isnan(scores[tune]).any():
            raise SystemExit("%s: no score for some tune windows; score the whole detector_train export" % path)
        print("%s: tune ROC-AUC %.4f, without the pauses %.4f" % (
            path, common.roc_auc(labels[tune], scores[tune]), common.roc_auc(labels[tune & ~pause], scores[tune & ~pause])))


if __name__ == "__main__":
    main()
