#!/usr/bin/env bash
# Trains a 5 s window variant of the cry detector (500 frames, a window every 1 s, as the reference)
# on the same grouped split, plans (only the padding of short clips differs), tune groups and threshold
# rule as the shipped 2 s model, and compares the two on a common footing (compare_windows.py):
# clip-level metrics on the same validation clips, and detection latency on onset scenes.
# Everything goes to training/work-5s/; the shipped models are only read.
#   training/compare_windows.sh              full run (about 12 min on one core, plus about 8 min per extra seed)
#   training/compare_windows.sh --reuse      keep tensors and models that already exist in work-5s
# Environment: CRYFLOW_SHARED_DIR, PYTHON as train_all.sh; CRYFLOW_TORCH_THREADS and CRYFLOW_EXPORT_THREADS
# (default 1 each: this is a side experiment, it leaves the other core alone); CRYFLOW_EXTRA_SEEDS="1 2":
# also train 5 s models with these seeds (work-5s/seed-N), and CRYFLOW_RETRAIN_2S_SEEDS="1": retrain
# 2 s models with the shipped recipe and these seeds (work-5s/seed-N-2s), each compared like the first.
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

reuse=0
[ "${1:-}" = "--reuse" ] && reuse=1

export_tensors() {  # plan out window hop
  if [ $reuse -eq 1 ] && [ -f "$2/windows.npy" ]; then echo "compare_windows: reusing $2"; return; fi
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

train() {  # work-dir [train_detector options]: a detector into work-dir/models, unless reused
  local dir="$1"; shift
  if [ $reuse -eq 1 ] && [ -f "$dir/models/cry-detector.onnx" ]; then echo "compare_windows: reusing $dir/models"; return; fi
  local t0=$(date +%s)
  "$python" "$root/training/train_detector.py" --work "$dir" --models "$dir/models" "$@"
  echo "compare_windows: trained $dir in $(( $(date +%s) - t0 )) s"
}

compare() {  # 2s-onnx 5s-onnx 5s-metrics out
  "$python" "$root/training/compare_windows.py" evaluate --repo "$root" --model-2s "$1" --model-5s "$2" \
      --own-2s "$work/tensors-2s" --own-5s "$work/tensors" --common-2s "$work/tensors-common-2s" \
      --scenes-plan "$work/plans/scenes.csv" --scenes-2s "$work/tensors-2s/scenes" \
      --scenes-5s "$work/tensors/scenes-hop50" --metrics-5s "$3" --out "$4"
}

train "$work" --time-cells 5
compare "$shipped" "$work/models/cry-detector.onnx" "$work/detector_metrics.json" "$work/window_comparison.json"

for seed in ${CRYFLOW_EXTRA_SEEDS:-}; do   # the 5 s recipe again, other initialisation and batch order
  dir="$work/seed-$seed"
  mkdir -p "$dir" && ln -sfn ../tensors "$dir/tensors"
  train "$dir" --time-cells 5 --seed "$seed"
  compare "$shipped" "$dir/models/cry-detector.onnx" "$dir/detector_metrics.json" "$dir/window_comparison.json"
done
if [ -n "${CRYFLOW_RETRAIN_2S_SEEDS:-}" ]; then  # the shipped 2 s recipe again, against the first 5 s model
  export_tensors "$work/plans-2s/detector_train.csv" "$work/tensors-2s/detector_train" 200 50
  for seed in $CRYFLOW_RETRAIN_2S_SEEDS; do
    dir="$work/seed-$seed-2s"
    mkdir -p "$dir" && ln -sfn ../tensors-2s "$dir/tensors"
    train "$dir" --seed "$seed"
    compare "$dir/models/cry-detector.onnx" "$work/models/cry-detector.onnx" "$work/detector_metrics.json" \
        "$dir/window_comparison.json"
  done
fi
"$python" "$root/training/compare_windows.py" summarize --work "$work" --out "$work/window_comparison_summary.json" \
    --commands "CRYFLOW_EXTRA_SEEDS=\"${CRYFLOW_EXTRA_SEEDS:-}\" CRYFLOW_RETRAIN_2S_SEEDS=\"${CRYFLOW_RETRAIN_2S_SEEDS:-}\" training/compare_windows.sh $*"
echo "compare_windows: the summary to commit (training/window_comparison.json, with its conclusion) is $work/window_comparison_summary.json"
echo "compare_windows: done in $(( $(date +%s) - started )) s; results in $work/window_comparison.json"
