package io.cryflow.dsp.spectral;

/** How a centred STFT pads {@code nFft / 2} samples before the start and after the end of a signal. */
public enum PaddingMode {
    /** Zeros: librosa 0.9+ default ({@code pad_mode='constant'}). */
    CONSTANT,
    /** Mirror without repeating the edge sample ({@code numpy.pad(mode='reflect')}): librosa 0.8 default. */
    REFLECT
}
