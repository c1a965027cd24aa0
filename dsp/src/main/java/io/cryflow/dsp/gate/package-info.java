/**
 * The causal streaming cry gate of the features stage: per-frame energy in absolute dBFS
 * ({@link io.cryflow.dsp.gate.DbfsCalibration}), smoothed with a fixed look-ahead delay, compared with an
 * adaptive noise floor plus sensitivity-shifted margins, with hysteresis and hang-over
 * ({@link io.cryflow.dsp.gate.CryGate}). Its job is recall: let practically every cry through while cutting
 * the audio the classifier has to score. Pure computation, no I/O.
 */
package io.cryflow.dsp.gate;
