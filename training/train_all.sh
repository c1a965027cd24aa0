#!/usr/bin/env bash
# Rebuilds both models from ../shared/data: grouped split and plans -> ./cryflow export-tensors ->
# PyTorch training (the detector twice: round 2 adds round 1's false alarms on training-group scenes) ->
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

# Round 1 trains a detector only to find its false alarms: the stretches of room scenes built from the training groups
# (never validation) that it scores high far from any cry. Round 2 trains the shipped detector with them as well.
mkdir -p "$work/round1"
"$python" "$root/training/train_detector.py" --work "$work" --models "$work/round1" --hard-negatives 0.2 "${smoke[@]}"
cp "$work/detector.pt" "$work/detector_metrics.json" "$work/round1/"
echo "cryflow.inference.model.detector.path=$work/round1/cry-detector.onnx" > "$work/round1/detector.properties"
scenes=300
[ ${#smoke[@]} -eq 0 ] || scenes=6
"$root/cryflow" evaluate --config "$work/round1/detector.properties" --split "$work/plans/split.json" --groups train \
    --data "$data" --data "$negatives/data" --scenes "$scenes" --seed 7 --resamples 100 --out "$work/mined-scenes" \
    > "$work/mined-scenes.txt"
"$python" "$root/training/mine_scene_negatives.py" --scenes "$work/mined-scenes" --out "$work/mined"
"$python" "$root/training/make_plans.py" --data "$data" --extra-data "$negatives/data" --mined-negatives "$work/mined" \
    --out "$work/plans" "${smoke[@]}"
export_plan detector_train
# Round 2 fine-tunes round 1 (a short second run at a lower peak learning rate) rather than starting over.
"$python" "$root/training/train_detector.py" --work "$work" --models "$models" --init-weights "$work/round1/detector.pt" \
    --epochs 4 --lr 3e-4 --hard-negatives 0.2 --hard-negatives-from 1 "${smoke[@]}"
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
