"""Hard negatives from room scenes: the stretches of training-group scenes where a detector scored high far from any
crying bout (what would become its false alarms), cut out as WAV excerpts with a manifest that make_plans.py
--mined-negatives reads.

The scenes come from `./cryflow evaluate --groups train --out DIR` (scene-NNN.wav with .cries.csv, .events.csv and
.scores.csv). They are built only from the split's training groups, so mining them never looks at validation audio.
A scene mixes a room-noise bed, distractor sounds and cries, so an excerpt carries the licences of the training clips
it was mixed from; it is a derived working file in the training work folder, never redistributed.

    /usr/bin/python3 training/mine_scene_negatives.py --scenes work/mined-scenes --out work/mined
"""
import argparse
import csv
import glob
import os

import numpy as np
import soundfile

import common

WINDOW_SECONDS = 2.0
# An excerpt needs a little more than a window: the feature extractor's first frame takes 25 ms of audio.
MIN_EXCERPT_SECONDS = WINDOW_SECONDS + 0.05


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def hard_runs(scores, bouts, threshold, margin, join_gap):
    """(start_s, end_s) of each run of windows scoring >= threshold whose audio stays margin seconds away from
    every bout; runs less than join_gap apart are one run."""
    runs, current = [], None
    for w in scores:
        p = float(w["cry_probability"] or 0.0)  # empty: the gate left the window unscored
        start, end = float(w["start_s"]), float(w["end_s"])
        far = all(end <= s - margin or start >= e + margin for s, e in bouts)
        if p >= threshold and far:
            if current and start <= current[1] + join_gap:
                current[1] = end
            else:
                if current:
                    runs.append(tuple(current))
                current = [start, end]
    if current:
        runs.append(tuple(current))
    return runs


def mine(scenes_dir, out_dir, threshold, margin, context):
    """Writes out_dir/scenes/*.wav and out_dir/manifest.csv; returns (excerpts, seconds, hard windows). The files
    sit under scenes/ because read_manifest(extra=True) takes a path's first folder as its kind."""
    data_dir = os.path.join(out_dir, "scenes")
    os.makedirs(data_dir, exist_ok=True)
    rows, seconds, windows = [], 0.0, 0
    score_files = sorted(glob.glob(os.path.join(scenes_dir, "scene-*.scores.csv")))
    if not score_files:
        raise SystemExit("mine_scene_negatives: no scene-*.scores.csv in %s (run ./cryflow evaluate --out)" % scenes_dir)
    for scores_path in score_files:
        scene = os.path.basename(scores_path)[:-len(".scores.csv")]
        scores = read_csv(scores_path)
        bouts = [(float(b["start_s"]), float(b["end_s"]))
                 for b in read_csv(os.path.join(scenes_dir, scene + ".cries.csv"))]
        runs = hard_runs(scores, bouts, threshold, margin, 2 * context)
        if not runs:
            continue
        audio, rate = soundfile.read(os.path.join(scenes_dir, scene + ".wav"), dtype="int16")
        duration = len(audio) / rate
        for start, end in runs:
            windows += int(round((end - start - WINDOW_SECONDS) / 0.5)) + 1
            # A little context either side, never closer to a bout than the margin.
            lo = max([0.0, start - context] + [e + margin for s, e in bouts if e + margin <= start])
            hi = min([duration, end + context] + [s - margin for s, e in bouts if s - margin >= end])
            if hi - lo < MIN_EXCERPT_SECONDS:
                continue
            name = "%s-%07.2f.wav" % (scene, lo)
            soundfile.write(os.path.join(data_dir, name), audio[int(lo * rate):int(hi * rate)], rate, subtype="PCM_16")
            seconds += hi - lo
            rows.append({"path": "scenes/" + name, "label": "non_cry", "cause": "", "group": "scene:%s/%s" % (os.path.basename(os.path.normpath(scenes_dir)), scene),
                         "source": "cryflow scene %s (training groups), %.2f-%.2f s" % (scene, lo, hi),
                         "license": "the training clips it mixes (see their manifests)", "sample_rate": str(rate),
                         "duration_s": "%.3f" % (hi - lo)})
    with open(os.path.join(out_dir, "manifest.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=common.MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows), seconds, windows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scenes", required=True, help="a folder written by ./cryflow evaluate --groups train --out")
    p.add_argument("--out", required=True, help="where the excerpts (scenes/) and manifest.csv go; emptied first")
    p.add_argument("--threshold", type=float, default=0.25,
                   help="a window this likely a cry far from every bout is a hard negative (default 0.25)")
    p.add_argument("--margin", type=float, default=1.5, help="seconds kept clear of every bout (default 1.5)")
    p.add_argument("--context", type=float, default=0.5, help="seconds of audio kept either side of a run (default 0.5)")
    args = p.parse_args()
    old = os.path.join(args.out, "scenes")
    if os.path.isdir(old):
        for f in glob.glob(os.path.join(old, "*.wav")):
            os.remove(f)
    excerpts, seconds, windows = mine(args.scenes, args.out, args.threshold, args.margin, args.context)
    print("mine_scene_negatives: %d excerpts, %.1f min, %d windows at >= %.2f far from every bout, in %s"
          % (excerpts, seconds / 60, windows, args.threshold, args.out))


if __name__ == "__main__":
    main()
