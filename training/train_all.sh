#!/usr/bin/env bash
# Rebuilds both models from ../shared/data: grouped split and plans -> ./cryflow export-tensors ->
# PyTorch training (the detector in rounds: each adds the previous round's false alarms on training-group scenes) ->
# ONNX (opset 17, metadata) + parity examples -> metrics JSON -> inference/MODEL_CARD.md.
#   training/train_all.sh           full run: installs the models in inference/src/main/resources
#   training/train_all.sh --smoke   one epoch on a handful of files, into training/work-smoke/models
# Environment: CRYFLOW_SHARED_DIR (default ../shared beside the repository), PYTHON (default /usr/bin/python3),
# CRYFLOW_NEGATIVES_DIR (the non-cry sound of Debian packages, fetched by training/fetch_negatives.py when missing;
# default ~/.cache/cryflow/negatives).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${CRYFLOW_SHARED_DIR:-$root/../shared}/data"
smoke=()
if [ "${1:-}" = "--smoke" ]; then
  smoke=(--smoke)
  work="$root/training/work-smoke"
  models="$work/models"
else
  work="$root/training/work"
  models="$root/inference/src/main/resources/io/cryflow/inference/models"
fi
[ -f "$data/manifest.csv" ] || { echo "train_all: no $data/manifest.csv; set CRYFLOW_SHARED_DIR" >&2; exit 1; }
mkdir -p "$work"
started=$(date +%s)

negatives="${CRYFLOW_NEGATIVES_DIR:-$HOME/.cache/cryflow/negatives}"
"$python" "$root/training/fetch_negatives.py" --cache "$negatives"
export_plan() {
  "$root/cryflow" export-tensors --plan "$work/plans/$1.csv" --data-dir "$data" --out "$work/tensors/$1" \
      --window-frames 200 --hop-frames 50
}
"$python" "$root/training/make_plans.py" --data "$data" --extra-data "$negatives/data" --out "$work/plans" "${smoke[@]}"
for plan in detector_train detector_val detector_val_8k detector_val_mixed detector_val_extra classifier; do
  export_plan "$plan"
done

# Round 1 trains a detector from scratch. Each later round plays the previous one over room scenes built from the
# training groups (never validation; a new seed per round), cuts out what it scored high far from any cry (what would
# have been its false alarms) and fine-tunes it, at a lower peak learning rate, with every excerpt mined so far.
rounds="${CRYFLOW_DETECTOR_ROUNDS:-2}"
scenes=300
[ ${#smoke[@]} -eq 0 ] || scenes=6
mined=()
for round in $(seq 1 "$rounds"); do
  out="$work/round$round"
  [ "$round" -lt "$rounds" ] || out="$models"
  mkdir -p "$work/round$round"
  if [ "$round" -eq 1 ]; then
    "$python" "$root/training/train_detector.py" --work "$work" --models "$out" --hard-negatives 0.2 "${smoke[@]}"
  else
    previous="$work/round$((round - 1))"
    echo "cryflow.inference.model.detector.path=$previous/cry-detector.onnx" > "$previous/detector.properties"
    "$root/cryflow" evaluate --config "$previous/detector.properties" --split "$work/plans/split.json" --groups train \
        --data "$data" --data "$negatives/data" --scenes "$scenes" --seed $((5 + round)) --resamples 100 \
        --out "$work/mined-scenes-$round" > "$work/mined-scenes-$round.txt"
    "$python" "$root/training/mine_scene_negatives.py" --scenes "$work/mined-scenes-$round" --out "$work/mined-$round"
    mined+=(--mined-negatives "$work/mined-$round")
    "$python" "$root/training/make_plans.py" --data "$data" --extra-data "$negatives/data" "${mined[@]}" \
        --out "$work/plans" "${smoke[@]}"
    export_plan detector_train
    "$python" "$root/training/train_detector.py" --work "$work" --models "$out" --init-weights "$previous/detector.pt" \
        --epochs 4 --lr 3e-4 --hard-negatives 0.2 --hard-negatives-from 1 "${smoke[@]}"
  fi
  cp "$work/detector.pt" "$work/detector_metrics.json" "$work/round$round/"  # the next round starts from these
done
"$python" "$root/training/train_classifier.py" --work "$work" --models "$models" "${smoke[@]}"
if [ ${#smoke[@]} -eq 0 ]; then
  # The shipped detector's split travels with it: ./cryflow evaluate builds its scenes from the validation groups.
  cp "$work/plans/split.json" "$models/cry-detector.split.json"
  "$root/cryflow" evaluate --data "$data" --json "$work/evaluation-shared.json" | tee "$work/evaluation-shared.txt"
  "$root/cryflow" evaluate --data "$data" --data "$negatives/data" --json "$work/evaluation-extra.json" \
      | tee "$work/evaluation-extra.txt"
  "$python" "$root/training/write_model_card.py" --work "$work" --models "$models" --negatives "$negatives" \
      --out "$root/inference/MODEL_CARD.md" \
      --evaluation "The shared data's validation groups (\`./cryflow evaluate\`)=$work/evaluation-shared.json" \
      --evaluation "The same with the Debian sounds' validation groups as distractors too (\`./cryflow evaluate --data ../shared/data --data ~/.cache/cryflow/negatives/data\`)=$work/evaluation-extra.json"
fi
echo "train_all: done in $(( $(date +%s) - started )) s; models in $models"
