#!/usr/bin/env bash
# Trains a 5 s window variant of the cry detector (500 frames, a window every 1 s, as the reference)
# on the same grouped split, plans (only the padding of short clips differs), tune groups and threshold
# rule as the shipped 2 s model, and compares the two on a common footing (compare_windows.py):
# clip-level metrics on the same validation clips, and detection latency on onset scenes.
# Everything goes to training/work-5s/; the shipped models are only read.
#   training/compare_windows.sh              full run (about 15 min on one core)
#   training/compare_windows.sh --reuse      skip the 5 s training if work-5s/models/cry-detector.onnx exists
# Environment: CRYFLOW_SHARED_DIR, PYTHON as train_all.sh; CRYFLOW_TORCH_THREADS and CRYFLOW_EXPORT_THREADS
# (default 1 each: this is a side experiment, it leaves the other core alone).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${CRYFLOW_SHARED_DIR:-$root/../shared}/data"
export CRYFLOW_TORCH_THREADS="${CRYFLOW_TORCH_THREADS:-1}"
threads="${CRYFLOW_EXPORT_THREADS:-1}"
work="$root/training/work-5s"
shipped="$root/inference/src/main/resources/io/cryflow/inference/models/cry-detector.onnx"
[ -f "$data/manifest.csv" ] || { echo "compare_windows: no $data/manifest.csv; set CRYFLOW_SHARED_DIR" >&2; exit 1; }
mkdir -p "$work"
started=$(date +%s)

export_tensors() {  # plan out window hop
  "$root/cryflow" export-tensors --plan "$1" --data-dir "$data" --out "$2" --window-frames "$3" --hop-frames "$4" \
      --threads "$threads"
}

# Plans: the shipped 2 s plans, and the same plans for 5 s windows (short clips padded to one window).
"$python" "$root/training/make_plans.py" --data "$data" --out "$work/plans-2s"
"$python" "$root/training/make_plans.py" --data "$data" --out "$work/plans" --window-seconds 5
"$python" "$root/training/compare_windows.py" scenes --plans "$work/plans" --data "$data" --out "$work/plans/scenes.csv"

for plan in detector_train detector_val detector_val_8k detector_val_mixed; do
  export_tensors "$work/plans/$plan.csv" "$work/tensors/$plan" 500 100           # 5 s model, its own plans
done
for plan in detector_val detector_val_8k detector_val_mixed; do
  export_tensors "$work/plans-2s/$plan.csv" "$work/tensors-2s/$plan" 200 50      # 2 s model, its own plans
done
for plan in detector_val detector_val_mixed; do
  export_tensors "$work/plans/$plan.csv" "$work/tensors-common-2s/$plan" 200 50  # 2 s model, the 5 s renderings
done
export_tensors "$work/plans/scenes.csv" "$work/tensors-2s/scenes" 200 50
export_tensors "$work/plans/scenes.csv" "$work/tensors/scenes-hop50" 500 50       # every other window = the 1 s hop

if [ "${1:-}" = "--reuse" ] && [ -f "$work/models/cry-detector.onnx" ]; then
  echo "compare_windows: reusing $work/models/cry-detector.onnx"
else
  "$python" "$root/training/train_detector.py" --work "$work" --models "$work/models" --time-cells 5
fi

"$python" "$root/training/compare_windows.py" evaluate --repo "$root" \
    --model-2s "$shipped" --model-5s "$work/models/cry-detector.onnx" \
    --own-2s "$work/tensors-2s" --own-5s "$work/tensors" --common-2s "$work/tensors-common-2s" \
    --scenes-plan "$work/plans/scenes.csv" --scenes-2s "$work/tensors-2s/scenes" --scenes-5s "$work/tensors/scenes-hop50" \
    --out "$work/window_comparison.json"
echo "compare_windows: done in $(( $(date +%s) - started )) s; results in $work/window_comparison.json"
