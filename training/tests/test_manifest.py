"""The manifest loader of the training scripts: python3 -m unittest discover -s training/tests (Debian's python3)."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import common  # noqa: E402

HEADER = "path,label,cause,group,source,license,sample_rate,duration_s\n"


def manifest(text):
    folder = tempfile.mkdtemp()
    with open(os.path.join(folder, "manifest.csv"), "w") as f:
        f.write(text)
    return folder


class ReadManifestTest(unittest.TestCase):

    def test_an_extra_folder_gives_absolute_paths_and_a_kind_per_category(self):
        folder = manifest(HEADER + "animal/tuxpaint/cat.wav,non_cry,,tuxpaint:cats,debian:x 1,GPL-2,16000,1.5\n")
        rows = common.read_manifest(folder, extra=True)
        self.assertEqual(os.path.join(folder, "animal/tuxpaint/cat.wav"), rows[0]["path"])
        self.assertEqual("extra_animal", rows[0]["kind"])
        self.assertEqual(1.5, rows[0]["duration_s"])

    def test_bad_rows_are_refused_with_file_and_line(self):
        cases = {
            "path,label,group\n": "no column cause",
            HEADER + "a/b.wav,non_cry,,g,s,l,16000\n": ":2: 7 fields, the header has 8",
            HEADER + "a/b.wav,non_cry,,g,s,l,16000,1.0\na/c.wav,non_cry,,g,s,l,16000,1.0,x\n": ":3: 9 fields",
            HEADER + "a/b.wav,noise,,g,s,l,16000,1.0\n": ":2: label 'noise'",
            HEADER + "a/b.wav,non_cry,,g,s,l,16000,long\n": ":2: duration_s 'long' is not a number",
            HEADER + "a/b.wav,non_cry,,,s,l,16000,1.0\n": ":2: empty group",
        }
        for text, reason in cases.items():
            folder = manifest(text)
            with self.assertRaises(ValueError, msg=reason) as caught:
                common.read_manifest(folder, extra=True)
            self.assertIn(os.path.join(folder, "manifest.csv"), str(caught.exception))
            self.assertIn(reason, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
