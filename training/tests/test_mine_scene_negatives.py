"""Mining hard negatives from evaluate's scenes: python3 -m unittest discover -s training/tests (Debian's python3)."""
import csv
import os
import sys
import tempfile
import unittest

import numpy as np
import soundfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import common  # noqa: E402
import mine_scene_negatives  # noqa: E402

RATE = 16000


def write_scene(folder, name, seconds, bouts, high_windows):
    """A scene as ./cryflow evaluate --out keeps it: WAV, cries, events and scores (2 s windows every 0.5 s)."""
    soundfile.write(os.path.join(folder, name + ".wav"), np.zeros(int(seconds * RATE), dtype=np.int16), RATE,
                    subtype="PCM_16")
    with open(os.path.join(folder, name + ".cries.csv"), "w") as f:
        f.write("start_s,end_s,snr_db,source_clip,cause\n")
        for s, e in bouts:
            f.write("%.3f,%.3f,20,cry.wav,x\n" % (s, e))
    with open(os.path.join(folder, name + ".events.csv"), "w") as f:
        f.write("kind,start_s,end_s,class,level_db,group,clips\n")
    with open(os.path.join(folder, name + ".scores.csv"), "w") as f:
        f.write("start_s,end_s,cry_probability\n")
        start = 0.0
        while start + 2.0 <= seconds:
            p = 0.9 if start in high_windows else 0.01
            f.write("%.3f,%.3f,%s\n" % (start, start + 2.0, "" if start == 0.0 else "%.5f" % p))
            start += 0.5


class MineSceneNegativesTest(unittest.TestCase):

    def test_high_windows_far_from_bouts_become_excerpts_and_near_ones_do_not(self):
        scenes, out = tempfile.mkdtemp(), tempfile.mkdtemp()
        # Bout at 30-40 s. High windows: 10.0 and 10.5 (one run), 20.0 (its own run), 27.0 (ends 29.0, within the
        # 1.5 s margin: a cry's onset, not a false alarm) and 41.0 (starts 1 s after the bout: also too near).
        write_scene(scenes, "scene-001", 60, [(30.0, 40.0)], {10.0, 10.5, 20.0, 27.0, 41.0})
        write_scene(scenes, "scene-002", 60, [], set())
        excerpts, seconds, windows = mine_scene_negatives.mine(scenes, out, 0.25, 1.5, 0.5)
        self.assertEqual(2, excerpts)
        self.assertEqual(3, windows)
        rows = common.read_manifest(out, extra=True)
        self.assertEqual(["extra_scenes"] * 2, [r["kind"] for r in rows])
        self.assertEqual([3.5, 3.0], [r["duration_s"] for r in rows])  # 9.5-13.0 and 19.5-22.5 s
        self.assertEqual({"non_cry"}, {r["label"] for r in rows})
        self.assertEqual({"scene:%s/scene-001" % os.path.basename(scenes)}, {r["group"] for r in rows})
        for r in rows:
            info = soundfile.info(r["path"])
            self.assertEqual(RATE, info.samplerate)
            self.assertAlmostEqual(r["duration_s"], info.duration, places=3)

    def test_context_never_reaches_into_the_margin_of_a_bout(self):
        scenes, out = tempfile.mkdtemp(), tempfile.mkdtemp()
        # The run 24.0-26.0 s is 2 s from the bout at 28 s: its context stops at 26.5 (28 - 1.5), not 26.5 + 0.5.
        write_scene(scenes, "scene-001", 40, [(28.0, 34.0)], {24.0})
        mine_scene_negatives.mine(scenes, out, 0.25, 1.5, 1.0)
        with open(os.path.join(out, "manifest.csv"), newline="") as f:
            row, = list(csv.DictReader(f))
        self.assertEqual("3.500", row["duration_s"])  # 23.0-26.5 s


if __name__ == "__main__":
    unittest.main()
