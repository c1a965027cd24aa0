"""Fetches real non-cry sound (hard negatives for the cry detector) from Debian packages into a cache
outside the repository, as 16 kHz mono 16-bit WAV, with a manifest in ../shared/data's format
(path,label,cause,group,source,license,sample_rate,duration_s) and the licence of every file.

    python3 training/fetch_negatives.py                 # into $CRYFLOW_NEGATIVES_DIR or ~/.cache/cryflow/negatives
    python3 training/fetch_negatives.py --cache DIR

Steps, each skipped when its output is already there: `apt-get download` of every package below (pinned to
the version apt offers; the version goes into the manifest's source column), `dpkg-deb -x`, a check that the
licence recorded here still appears in the package's own copyright file (the run stops if not), selection
of the files by path, and conversion with ffmpeg (installed with apt-get when missing and run as root).
No source named in ../shared/data/manifest.csv is used: a hidden evaluation draws from those.

The manifest's first path component is the sound's category (animal, speech, voice, music, alarm,
household, effects); groups are per package and speaker, language, album or stamp folder, so a grouped
split never puts one voice or album on both sides. Debian's python3 only (no numpy needed).
"""
import argparse
import csv
import fnmatch
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor

SEED = 20261207
RATE = 16000
MIN_SECONDS = 0.4
HEADER = ["path", "label", "cause", "group", "source", "license", "sample_rate", "duration_s"]
AUDIO = (".ogg", ".oga", ".wav", ".flac", ".opus", ".mp3")


class Source:
    """One package's selection. select(relpath) -> (category, group) or None; licence is checked against the
    package's copyright file (every string in must_appear has to occur in it)."""

    def __init__(self, package, root, license_, must_appear, select, per_group=None, excerpt=None, attribution="",
                 license_of=None):
        self.package = package
        self.root = root
        self.license = license_
        self.must_appear = must_appear
        self.select = select
        self.per_group = per_group      # at most this many files per group (a seeded sample), None: all
        self.excerpt = excerpt          # (offset_s, seconds): long tracks cut to one excerpt
        self.attribution = attribution
        self.license_of = license_of or {}  # relpath -> its own licence, where the package's records say so

    def license_for(self, rel):
        return self.license_of.get(rel, "%s (%s; Debian package copyright file)" % (self.license, self.attribution))


TUX_LANG = re.compile(r"_desc(?:_([a-zA-Z@_]+))?\.ogg$")
TUX_SOUND_FOLDERS = {"household", "vehicles", "town", "hobbies", "sports", "naturalforces", "military",
                     "seasonal", "medical", "clothes", "food", "space", "plants", "people", "symbols"}


def tuxpaint(rel):
    parts = rel.split("/")
    name = parts[-1]
    m = TUX_LANG.search(name)
    if m:
        return "speech", "tuxpaint:desc:" + (m.group(1) or "en")
    if not name.endswith(".ogg"):
        return None
    if parts[0] == "animals":
        return "animal", "tuxpaint:" + "/".join(parts[:3 if len(parts) > 3 else 2])
    if parts[0] in TUX_SOUND_FOLDERS:
        return "household", "tuxpaint:" + parts[0]
    return None


def hedgewars(rel):
    parts = rel.split("/")
    if parts[0] == "Music":
        return "music", "hedgewars:music"
    if parts[0] == "Sounds" and len(parts) >= 4 and parts[1] == "voices":
        return "voice", "hedgewars:voice:" + parts[2]
    if parts[0] == "Sounds" and len(parts) == 2:
        return "effects", "hedgewars:sfx"
    return None


def by_language(prefix, category, level):
    def select(rel):
        parts = rel.split("/")
        return (category, prefix + parts[level]) if len(parts) > level + 1 else None
    return select


def warzone(rel):
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "albums":
        return "music", "warzone2100:" + parts[1]
    return None


def one_group(category, group):
    return lambda rel: (category, group)


SOURCES = [
    Source("tuxpaint-stamps-default", "usr/share/tuxpaint/stamps", "GPL-2", ["License: GPL-2"], tuxpaint,
           per_group=40, attribution="Tux Paint stamps, New Breed Software and contributors",
           # The package's changelog credits this one sound to another author and licence (and marks it non-free).
           license_of={"vehicles/emergency/firetruck.ogg": "CC Sampling Plus 1.0 (doppler_honk, Giuseppe Mangione, "
                       "Fonogeno collection, Freesound id 24348; per the tuxpaint-stamps changelog)"}),
    Source("hedgewars-data", "usr/share/games/hedgewars/Data", "sounds GFDL-1.3, music GPL-2",
           ["License: GFDL-1.3", "License: GPL-2"], hedgewars, excerpt=(10.0, 30.0),
           attribution="Hedgewars project"),
    Source("ktuberling-data", "usr/share/ktuberling/sounds", "GPL-2+", ["License: GPL-2+"],
           by_language("ktuberling:", "speech", 0), per_group=30, attribution="KTuberling, KDE contributors"),
    Source("klettres-data", "usr/share/klettres", "GPL-2+", ["License: GPL-2+"],
           by_language("klettres:", "speech", 0), per_group=30, attribution="KLettres, Anne-Marie Mahfouf and KDE contributors"),
    Source("wesnoth-1.16-music", "usr/share/games/wesnoth/1.16/data/core/music", "GPL-2+",
           ["GNU General Public License"], one_group("music", "wesnoth:music"), excerpt=(15.0, 30.0),
           attribution="Battle for Wesnoth composers"),
    Source("warzone2100-music", "usr/share/games/warzone2100/music", "CC-BY-SA-3.0 or GPL-2+",
           ["CC-BY-SA-3.0", "GPL-2+"], warzone, excerpt=(15.0, 30.0),
           attribution="Warzone 2100 soundtracks (Martin Severn, LupusMechanicus and others)"),
    Source("sound-theme-freedesktop", "usr/share/sounds/freedesktop", "CC-BY-SA-3.0, CC-BY-3.0, GPL-2+ (per file)",
           ["CC-BY-SA-3.0", "GPL-2+"], one_group("alarm", "freedesktop:sounds"),
           attribution="freedesktop.org sound theme contributors"),
    Source("oxygen-sounds", "usr/share/sounds", "LGPL-3.0-or-later", ["LGPL-3.0-or-later"],
           one_group("alarm", "oxygen:sounds"), attribution="Nuno Filipe Povoa (Oxygen sounds)"),
]


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def ensure_ffmpeg():
    if shutil.which("ffmpeg"):
        return
    if os.geteuid() != 0:
        sys.exit("fetch_negatives: ffmpeg is needed: apt-get install ffmpeg")
    run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "ffmpeg"], env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def fetch(source, debs, extracted):
    """The package's .deb (apt-get download) and its files (dpkg-deb -x); returns (version, tree)."""
    found = glob.glob(os.path.join(debs, source.package + "_*.deb"))
    if not found:
        if subprocess.run(["apt-get", "download", source.package], cwd=debs).returncode != 0:
            # A fresh machine may have no package lists yet.
            if os.geteuid() != 0:
                sys.exit("fetch_negatives: apt-get download %s failed; run apt-get update first" % source.package)
            run(["apt-get", "update", "-q"])
            run(["apt-get", "download", source.package], cwd=debs)
        found = glob.glob(os.path.join(debs, source.package + "_*.deb"))
    if len(found) != 1:
        sys.exit("fetch_negatives: expected one .deb of %s in %s, found %s" % (source.package, debs, found))
    deb = found[0]
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True, capture_output=True, text=True).stdout.strip()
    tree = os.path.join(extracted, source.package)
    if not os.path.isdir(tree):
        os.makedirs(tree + ".partial", exist_ok=True)
        run(["dpkg-deb", "-x", deb, tree + ".partial"])
        os.rename(tree + ".partial", tree)
    return version, tree


def check_license(source, tree):
    path = os.path.join(tree, "usr/share/doc", source.package, "copyright")
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    missing = [s for s in source.must_appear if s not in text]
    if missing:
        sys.exit("fetch_negatives: %s's copyright file no longer says %s; check its licence by hand" % (source.package, missing))


def selection(source, tree):
    """[(relpath, category, group)] in a stable order, per_group applied with a seeded sample."""
    base = os.path.join(tree, source.root)
    chosen = {}
    for dirpath, _, files in os.walk(base):
        for name in files:
            if not name.lower().endswith(AUDIO):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), base)
            picked = source.select(rel)
            if picked:
                chosen.setdefault(picked, []).append(rel)
    out = []
    for (category, group), rels in sorted(chosen.items()):
        rels.sort()
        if source.per_group and len(rels) > source.per_group:
            rels = sorted(random.Random("%d:%s" % (SEED, group)).sample(rels, source.per_group))
        out += [(rel, category, group) for rel in rels]
    return out


def convert(src, dst, excerpt):
    """16 kHz mono 16-bit WAV; returns its duration, or None when too short or unreadable."""
    if not os.path.exists(dst):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        cmd = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
        if excerpt:
            cmd += ["-ss", "%.1f" % excerpt[0]]
        cmd += ["-i", src]
        if excerpt:
            cmd += ["-t", "%.1f" % excerpt[1]]
        cmd += ["-ac", "1", "-ar", str(RATE), "-sample_fmt", "s16", "-f", "wav", dst + ".part"]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            if excerpt and excerpt[0] > 0:  # a track shorter than the offset: take it from the start
                return convert(src, dst, (0.0, excerpt[1]))
            print("fetch_negatives: skipped %s: %s" % (src, result.stderr.strip()[:200]), file=sys.stderr)
            return None
        os.rename(dst + ".part", dst)
    with wave.open(dst) as w:
        seconds = w.getnframes() / float(w.getframerate())
    if seconds < MIN_SECONDS and excerpt and excerpt[0] > 0:
        os.remove(dst)
        return convert(src, dst, (0.0, excerpt[1]))
    return seconds


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", default=os.environ.get("CRYFLOW_NEGATIVES_DIR",
                                                      os.path.expanduser("~/.cache/cryflow/negatives")))
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = p.parse_args()
    debs = os.path.join(args.cache, "debs")
    extracted = os.path.join(args.cache, "extracted")
    data = os.path.join(args.cache, "data")
    for d in (debs, extracted, data):
        os.makedirs(d, exist_ok=True)
    ensure_ffmpeg()

    jobs = []
    for source in SOURCES:
        version, tree = fetch(source, debs, extracted)
        check_license(source, tree)
        for rel, category, group in selection(source, tree):
            out_rel = "%s/%s/%s.wav" % (category, source.package, os.path.splitext(rel)[0])
            jobs.append((source, version, os.path.join(tree, source.root, rel), out_rel, category, group, rel))
        print("fetch_negatives: %s %s: %d files selected" % (source.package, version,
                                                            sum(1 for j in jobs if j[0] is source)))

    def work(job):
        source, _, src, out_rel, _, _, _ = job
        return convert(src, os.path.join(data, out_rel), source.excerpt)

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        durations = list(pool.map(work, jobs))

    rows = []
    for (source, version, _, out_rel, category, group, rel), seconds in zip(jobs, durations):
        if seconds is None or seconds < MIN_SECONDS:
            continue
        rows.append({"path": out_rel, "label": "non_cry", "cause": "", "group": group,
                     "source": "debian:%s %s" % (source.package, version),
                     "license": source.license_for(rel),
                     "sample_rate": str(RATE), "duration_s": "%.3f" % seconds})
    with open(os.path.join(data, "manifest.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER)
        w.writeheader()
        w.writerows(rows)
    minutes = {}
    for r in rows:
        minutes[r["path"].split("/")[0]] = minutes.get(r["path"].split("/")[0], 0.0) + float(r["duration_s"]) / 60
    print("fetch_negatives: %d files, %.1f min in %s/manifest.csv; by category: %s" % (
        len(rows), sum(minutes.values()), data, ", ".join("%s %.1f" % kv for kv in sorted(minutes.items()))))


if __name__ == "__main__":
    main()
