package io.cryflow.inference.model;

import io.cryflow.inference.input.ModelInputSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The real models behind a switch that makes them misbehave the ways a broken model file or runtime does, for the
 * tests of what Cryflow does then. {@link Fault#NONE} passes every call to the real model.
 */
public final class FaultyModels {

    /** How a model misbehaves. */
    public enum Fault { NONE, THROWS, NAN, OUT_OF_RANGE, WRONG_COUNT }

    private FaultyModels() {}

    /** A detector answering as {@code real} until its fault is set. */
    public static final class Detector implements CryDetector {
        private final CryDetector real;
        private volatile Fault fault = Fault.NONE;

        public Detector(CryDetector real) {
            this.real = real;
        }

        public Detector fault(Fault newFault) {
            this.fault = newFault;
            return this;
        }

        @Override
        public ModelInputSpec inputSpec() {
            return real.inputSpec();
        }

        @Override
        public String version() {
            return real.version();
        }

        @Override
        public float threshold() {
            return real.threshold();
        }

        @Override
        public float[] cryProbabilities(List<float[]> windows) {
            return switch (fault) {
                case NONE -> real.cryProbabilities(windows);
                case THROWS -> throw new IllegalStateException("ONNX Runtime: simulated failure");
                case NAN -> filled(windows.size(), Float.NaN);
                case OUT_OF_RANGE -> filled(windows.size(), 1.5f);
                case WRONG_COUNT -> filled(windows.size() + 1, 0.5f);
            };
        }
    }

    /** A classifier answering as {@code real} until its fault is set. */
    public static final class Classifier implements CauseClassifier {
        private final CauseClassifier real;
        private volatile Fault fault = Fault.NONE;

        public Classifier(CauseClassifier real) {
            this.real = real;
        }

        public Classifier fault(Fault newFault) {
            this.fault = newFault;
            return this;
        }

        @Override
        public ModelInputSpec inputSpec() {
            return real.inputSpec();
        }

        @Override
        public String version() {
            return real.version();
        }

        @Override
        public List<CausePrediction> classify(List<float[]> windows) {
            return switch (fault) {
                case NONE -> real.classify(windows);
                case THROWS -> throw new IllegalStateException("ONNX Runtime: simulated failure");
                case NAN -> predictions(windows.size(), Float.NaN);
                case OUT_OF_RANGE -> predictions(windows.size(), -0.5f);
                case WRONG_COUNT -> predictions(windows.size() + 1, 0.2f);
            };
        }

        private static List<CausePrediction> predictions(int count, float value) {
            return java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> CausePrediction.of(filled(CausePrediction.CAUSES.size(), value), 0.5f)).toList();
        }
    }

    private static float[] filled(int length, float value) {
        float[] values = new float[length];
        Arrays.fill(values, value);
        return values;
    }
}
