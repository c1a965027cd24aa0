"""Writes the export plans (CSV) for ./cryflow export-tensors: a grouped train/val split of the
manifest, detector training examples with augmentation (cries mixed over backgrounds at -5..20 dB SNR,
gain changes, an 8 kHz round trip on every training example), the validation sets, and the cause
classifier's examples. Every random choice is seeded and written into the plan."""
import argparse
import collections
import csv
import os
import random

import common

HEADER = ["id", "files", "background", "snr_db", "gain_db", "roundtrip_8k", "min_seconds", "offset_s",
          "bg_offset_s", "label", "kind", "group", "split", "cause", "aug"]
BACKGROUND_KINDS = {"noise_esc50", "laugh_recording", "hum_recording", "music", "other_sounds",
                    "read_speech", "background_noise"}
QUIET_KINDS = {"background_noise", "hum_recording"}
CRY_KINDS = {"cry_donateacry", "cry_esc50", "cry_recording"}
DIGITS_PER_EXAMPLE = 6
WINDOW_SECONDS = 2.0     # the model window the plans are made for; --window-seconds changes it
# The feature extractor's first frame needs 25 ms of audio, so a clip must be this much longer than a
# window to give one (a 5.00 s ESC-50 clip gives 498 frames, not 500).
ONE_WINDOW_MARGIN_S = 0.05


def row(id_, files, r, split, aug, background=None, snr=None, gain=0.0, roundtrip=False, min_s=0.0,
        offset=0.0, bg_offset=0.0, label=None):
    return {"id": id_, "files": "|".join(files), "background": background["path"] if background else "",
            "snr_db": "" if snr is None else "%.2f" % snr, "gain_db": "%.2f" % gain,
            "roundtrip_8k": "1" if roundtrip else "0", "min_seconds": "%.2f" % min_s, "offset_s": "%.3f" % offset,
            "bg_offset_s": "%.3f" % bg_offset, "label": label or r["label"], "kind": r["kind"], "group": r["group"],
            "split": split, "cause": r["cause"], "aug": aug}


def at_least_one_window(rows, duration_of):
    """Pads (min_seconds: silence, or the looped background) every example shorter than one window,
    so each clip gives at least one window, as the reference scores a 5 s clip as one 5 s window.
    Only changes anything when the window is longer than some clips (never for 2 s windows)."""
    floor = WINDOW_SECONDS + ONE_WINDOW_MARGIN_S
    for r in rows:
        length = float(r["offset_s"]) + sum(duration_of[f] for f in r["files"].split("|"))
        if length < floor and float(r["min_seconds"]) < floor:
            r["min_seconds"] = "%.2f" % floor
    return rows


def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER)
        w.writeheader()
        w.writerows(rows)
    print("plan %s: %d examples" % (path, len(rows)))


def digit_examples(rows, split, rng, quiet, copies, roundtrip, snr_range):
    """Spoken digits are < 1.3 s: a window needs 2 s, so DIGITS_PER_EXAMPLE digits of one speaker are
    concatenated (as a talking adult would be heard) over a quiet background."""
    out = []
    by_speaker = collections.defaultdict(list)
    for r in rows:
        by_speaker[r["group"]].append(r)
    for copy in range(copies):
        for speaker, files in sorted(by_speaker.items()):
            files = files[:]
            rng.shuffle(files)
            for i in range(0, len(files) - DIGITS_PER_EXAMPLE + 1, DIGITS_PER_EXAMPLE):
                chunk = files[i:i + DIGITS_PER_EXAMPLE]
                bg = rng.choice(quiet)
                out.append(row("digits-%s-%d-%d" % (speaker, copy, i), [f["path"] for f in chunk], chunk[0], split,
                               "digits", background=bg, snr=rng.uniform(*snr_range),
                               gain=rng.uniform(-12, 0) if roundtrip else 0.0, roundtrip=roundtrip,
                               min_s=WINDOW_SECONDS + 0.5, offset=0.25,
                               bg_offset=rng.uniform(0, bg["duration_s"])))
    return out


def extra_examples(rows, split, rng, backgrounds, quiet, duration_of, roundtrip):
    """Examples of the extra non-cry sounds: a clip as long as a window as it is (through the round trip in
    training) and, when backgrounds are given, once more over one of them; shorter clips (words, barks, beeps,
    exclamations) chained per group into utterances of at least a window and a half over a quiet background,
    as a talking adult or a barking dog is heard. Music gets one example per clip (it has the most minutes)."""
    out = []
    floor = WINDOW_SECONDS + 0.05
    by_group = collections.defaultdict(list)
    for r in rows:
        if r["duration_s"] >= floor:
            out.append(row(r["path"] + "#clean", [r["path"]], r, split, "extra", gain=rng.uniform(-12, 0) if roundtrip else 0.0,
                           roundtrip=roundtrip))
            if backgrounds and r["kind"] != "extra_music":
                bg = rng.choice(backgrounds)
                out.append(row(r["path"] + "#mix", [r["path"]], r, split, "extra_mix", background=bg, snr=rng.uniform(0, 20),
                               gain=rng.uniform(-20, 6), roundtrip=roundtrip, bg_offset=rng.uniform(0, bg["duration_s"])))
        else:
            by_group[r["group"]].append(r)
    for group, clips in sorted(by_group.items()):
        clips = sorted(clips, key=lambda r: r["path"])
        rng.shuffle(clips)
        for copy in range(2 if backgrounds else 1):
            i = 0
            while i < len(clips):
                chain, seconds = [], 0.0
                while i < len(clips) and (seconds < 1.5 * WINDOW_SECONDS and len(chain) < 8):
                    chain.append(clips[i])
                    seconds += clips[i]["duration_s"]
                    i += 1
                bg = rng.choice(quiet)
                out.append(row("%s#chain%d-%d" % (chain[0]["path"], copy, i), [c["path"] for c in chain], chain[0], split,
                               "extra_chain", background=bg, snr=rng.uniform(10, 30) if roundtrip else 30.0,
                               gain=rng.uniform(-12, 0) if roundtrip else 0.0, roundtrip=roundtrip,
                               min_s=WINDOW_SECONDS + 0.5, offset=0.25, bg_offset=rng.uniform(0, bg["duration_s"])))
            rng.shuffle(clips)
    return out


def main():
    global WINDOW_SECONDS
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--smoke", action="store_true", help="a handful of files per kind")
    p.add_argument("--window-seconds", type=float, default=WINDOW_SECONDS,
                   help="model window the padding is sized for (default 2.0); every random choice stays the same")
    p.add_argument("--extra-data", action="append", default=[], metavar="DIR",
                   help="a folder of extra non-cry sound with its manifest.csv (training/fetch_negatives.py's cache); its "
                        "groups get their own seeded split, so the shared data's split and every row made from it stay the same")
    p.add_argument("--mined-negatives", action="append", default=[], metavar="DIR",
                   help="excerpts of training-group room scenes a detector scored high far from any cry, with their "
                        "manifest.csv (training/mine_scene_negatives.py); repeatable; each is one training example as it "
                        "is, every other row stays the same")
    p.add_argument("--extra-cry-mixes", type=int, default=0,
                   help="this many more mixes of every training cry (ids '#xmixK', aug 'xmix') from their own seeded "
                        "choices, so every other row stays the same (default 0); train_detector keeps them out of the tune set")
    args = p.parse_args()
    WINDOW_SECONDS = args.window_seconds
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(common.SEED)
    manifest = common.read_manifest(args.data)
    split_of = common.grouped_split([r for r in manifest if r["kind"] != "unscreened"])
    extra = [r for d in args.extra_data for r in common.read_manifest(d, extra=True)]
    extra_split = common.grouped_split(extra, seed=common.SEED + 11)
    shared_groups = set(split_of) & set(extra_split)
    if shared_groups:
        raise SystemExit("make_plans: groups in both the shared and the extra data: %s" % sorted(shared_groups)[:5])
    split_of.update(extra_split)
    manifest += extra
    duration_of = {r["path"]: r["duration_s"] for r in manifest}
    if args.smoke:
        by_kind = collections.defaultdict(list)
        for r in manifest:
            by_kind[(r["kind"], split_of.get(r["group"], "cv"))].append(r)
        manifest = [r for rows in by_kind.values() for r in rows[:6]]

    def files(split, kinds):
        return [r for r in manifest if r["kind"] in kinds and split_of.get(r["group"]) == split]

    splits = {}
    for split in ("train", "val"):
        bgs = files(split, BACKGROUND_KINDS) or files("train", BACKGROUND_KINDS)
        quiet = files(split, QUIET_KINDS) or files("train", QUIET_KINDS)
        splits[split] = (bgs, quiet)

    # Detector training: every example through the 8 kHz round trip, so bandwidth cannot tell classes apart.
    train_bgs, train_quiet = splits["train"]

    def cry_mix(r, id_, aug, choices):
        """A training cry over a random training background at -5..20 dB SNR, drawn from choices."""
        bg = choices.choice(train_bgs)
        return row(id_, [r["path"]], r, "train", aug, background=bg, snr=choices.uniform(-5, 20),
                   gain=choices.uniform(-20, 6), roundtrip=True, bg_offset=choices.uniform(0, bg["duration_s"]))

    train = []
    for r in files("train", CRY_KINDS):
        train.append(row(r["path"] + "#clean", [r["path"]], r, "train", "clean", gain=rng.uniform(-12, 0),
                         roundtrip=True))
        for k in range(2):
            train.append(cry_mix(r, r["path"] + "#mix%d" % k, "mix", rng))
    for r in files("train", BACKGROUND_KINDS):
        train.append(row(r["path"] + "#clean", [r["path"]], r, "train", "clean", gain=rng.uniform(-12, 0),
                         roundtrip=True))
        bg = rng.choice(train_bgs)
        train.append(row(r["path"] + "#mix", [r["path"]], r, "train", "mix", background=bg,
                         snr=rng.uniform(0, 20), gain=rng.uniform(-20, 6), roundtrip=True,
                         bg_offset=rng.uniform(0, bg["duration_s"])))
    for k in range(2):
        for r in files("train", {"words_sc09"}):
            bg = rng.choice(train_bgs)
            train.append(row(r["path"] + "#pad%d" % k, [r["path"]], r, "train", "word", background=bg,
                             snr=rng.uniform(5, 25), gain=rng.uniform(-12, 0), roundtrip=True,
                             min_s=WINDOW_SECONDS + 0.5, offset=rng.uniform(0, 1.2),
                             bg_offset=rng.uniform(0, bg["duration_s"])))
    train += digit_examples(files("train", {"digits_8k"}), "train", rng, train_quiet, 2, True, (10, 30))
    xrng = random.Random(common.SEED + 5)
    for r in files("train", CRY_KINDS):
        for k in range(args.extra_cry_mixes):
            train.append(cry_mix(r, r["path"] + "#xmix%d" % k, "xmix", xrng))
    extra_kinds = sorted({r["kind"] for r in extra})
    train += extra_examples(files("train", extra_kinds), "train", random.Random(common.SEED + 12), train_bgs, train_quiet,
                            duration_of, roundtrip=True)
    # Cries over the extra sounds (music, household, speech...): a cry heard while the radio plays is still a cry.
    long_extra = [r for r in files("train", extra_kinds) if r["duration_s"] >= WINDOW_SECONDS + 0.5]
    if long_extra:
        erng = random.Random(common.SEED + 13)
        for r in files("train", CRY_KINDS):
            bg = erng.choice(long_extra)
            train.append(row(r["path"] + "#emix", [r["path"]], r, "train", "emix", background=bg, snr=erng.uniform(-5, 20),
                             gain=erng.uniform(-20, 6), roundtrip=True, bg_offset=erng.uniform(0, bg["duration_s"])))
    # Already mixed and at scene levels: only the round trip and a gain, as every training example gets.
    mrng = random.Random(common.SEED + 15)
    for folder in args.mined_negatives:
        for r in common.read_manifest(folder, extra=True):
            duration_of[r["path"]] = r["duration_s"]
            train.append(row(r["path"] + "#mined", [r["path"]], r, "train", "mined", gain=mrng.uniform(-12, 0),
                             roundtrip=True))
    write(os.path.join(args.out, "detector_train.csv"), at_least_one_window(train, duration_of))
    if extra:
        val_extra = extra_examples(files("val", extra_kinds), "val", random.Random(common.SEED + 14), [], splits["val"][1],
                                   duration_of, roundtrip=False)
        write(os.path.join(args.out, "detector_val_extra.csv"), at_least_one_window(val_extra, duration_of))

    # Validation as recorded (no round trip, no mixing), short clips padded over a quiet background.
    val_bgs, val_quiet = splits["val"]
    for name, roundtrip in (("detector_val", False), ("detector_val_8k", True)):
        val = []
        vrng = random.Random(common.SEED + 1)
        for r in files("val", CRY_KINDS | BACKGROUND_KINDS):
            val.append(row(r["path"], [r["path"]], r, "val", "as_recorded", roundtrip=roundtrip))
        for r in files("val", {"words_sc09"}):
            bg = vrng.choice(val_quiet)
            val.append(row(r["path"], [r["path"]], r, "val", "word", background=bg, snr=30.0, roundtrip=roundtrip,
                           min_s=WINDOW_SECONDS + 0.5, offset=0.75, bg_offset=vrng.uniform(0, bg["duration_s"])))
        val += digit_examples(files("val", {"digits_8k"}), "val", vrng, val_quiet, 1, roundtrip, (30, 30))
        write(os.path.join(args.out, name + ".csv"), at_least_one_window(val, duration_of))

    # Validation cries mixed over validation backgrounds: the harder, room-like case.
    mixed = []
    mrng = random.Random(common.SEED + 2)
    for r in files("val", CRY_KINDS):
        bg = mrng.choice(val_bgs)
        mixed.append(row(r["path"] + "#mix", [r["path"]], r, "val", "mix", background=bg, snr=mrng.uniform(-5, 20),
                         bg_offset=mrng.uniform(0, bg["duration_s"])))
    for r in files("val", BACKGROUND_KINDS):
        mixed.append(row(r["path"], [r["path"]], r, "val", "as_recorded"))
    write(os.path.join(args.out, "detector_val_mixed.csv"), at_least_one_window(mixed, duration_of))

    # Cause classifier: every Donate-a-cry clip of the five causes, plus the unscreened uploads of
    # those causes (screened later with the detector); as recorded, and once through the round trip.
    cause_rows = []
    for r in manifest:
        if r["cause"] in common.CAUSES and r["kind"] in ("cry_donateacry", "unscreened"):
            cause_rows.append(row(r["path"], [r["path"]], r, "cv", "as_recorded"))
            cause_rows.append(row(r["path"] + "#8k", [r["path"]], r, "cv", "roundtrip", roundtrip=True,
                                  gain=rng.uniform(-12, 0)))
    write(os.path.join(args.out, "classifier.csv"), cause_rows)

    summary = collections.Counter((split_of.get(r["group"], "-"), r["kind"]) for r in manifest)
    common.write_json(os.path.join(args.out, "split.json"), {
        "seed": common.SEED,
        "groups": {g: s for g, s in sorted(split_of.items())},
        "files_per_split_and_kind": {"%s/%s" % k: v for k, v in sorted(summary.items())}})


if __name__ == "__main__":
    main()
