"""ONNX export with Cryflow's metadata, and the example inputs/outputs the Java parity test replays."""
import os

import numpy as np
import onnx
import torch

OPSET = 17


def export(model, example_windows, path, metadata, output_name):
    """Exports model (input [N, frames, bands] float32 named 'mel', dynamic N) at opset 17 and stores
    metadata (str -> str) in metadata_props. Returns the PyTorch outputs for example_windows."""
    model.eval()
    x = torch.from_numpy(np.ascontiguousarray(example_windows, dtype=np.float32))
    torch.onnx.export(model, x, path, opset_version=OPSET, input_names=["mel"], output_names=[output_name],
                      dynamic_axes={"mel": {0: "batch"}, output_name: {0: "batch"}}, do_constant_folding=True)
    proto = onnx.load(path)
    del proto.metadata_props[:]
    for key, value in sorted(metadata.items()):
        entry = proto.metadata_props.add()
        entry.key = key
        entry.value = str(value)
    onnx.checker.check_model(proto)
    onnx.save(proto, path)
    with torch.no_grad():
        return model(x).numpy()


def write_parity(models_dir, name, windows, outputs):
    """<name>.parity-input.npy and <name>.parity-output.npy beside the model, for the Java test."""
    np.save(os.path.join(models_dir, name + ".parity-input.npy"), np.ascontiguousarray(windows, dtype=np.float32))
    np.save(os.path.join(models_dir, name + ".parity-output.npy"), np.ascontiguousarray(outputs, dtype=np.float32))


def input_metadata(export_spec, first_band, band_count, serving_hop_frames):
    return {
        "cryflow.dsp_config_id": export_spec["cryflow.dsp_config_id"],
        "cryflow.mel_bands": export_spec["cryflow.mel_bands"],
        "cryflow.window_frames": export_spec["cryflow.window_frames"],
        "cryflow.hop_frames": str(serving_hop_frames),
        "cryflow.first_band": str(first_band),
        "cryflow.band_count": str(band_count),
    }
