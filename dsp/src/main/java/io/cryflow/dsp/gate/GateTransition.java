package io.cryflow.dsp.gate;

/**
 * A gate opening or closing.
 *
 * @param kind          {@link Kind#OPEN} or {@link Kind#CLOSE}
 * @param frame         first frame inside the open gate (OPEN) or first frame after it (CLOSE)
 * @param timeSeconds   that frame's start time in the stream, {@code frame / frameRate}
 * @param levelDbfs     the smoothed level at that frame
 * @param thresholdDbfs the threshold it was compared with (open threshold for OPEN, close threshold for CLOSE)
 * @param floorDbfs     the noise floor estimate at the decision
 */
public record GateTransition(Kind kind, long frame, double timeSeconds, double levelDbfs, double thresholdDbfs, double floorDbfs) {

    public enum Kind { OPEN, CLOSE }
}
