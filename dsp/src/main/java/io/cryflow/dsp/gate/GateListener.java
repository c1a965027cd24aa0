package io.cryflow.dsp.gate;

/** Receives a gate's transitions in stream order; OPEN and CLOSE alternate, starting with OPEN. */
@FunctionalInterface
public interface GateListener {

    void onTransition(GateTransition transition);

    /** A listener that ignores transitions (for callers that poll {@link CryGate#isOpen(long)}). */
    GateListener NONE = transition -> { };
}
