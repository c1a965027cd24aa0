package io.cryflow.inference.app;

import io.cryflow.inference.health.AnalysisHealth;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.scoring.ModelProbe;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.streams.StreamsService;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * The inference stage as a service: {@code start(bootstrapServers, stateDir, properties)} and {@link #stop()}.
 * The properties carry Streams overrides, the {@link InferenceConfig} keys and the model keys of
 * {@link BundledModels} (model files, ONNX intra-op threads). The models are loaded once at start, shared by
 * every stream thread, and closed at stop; a probe inference refuses models whose outputs are not probabilities
 * ({@link ModelProbe}). {@link #problems()} reports analysis alarms and recent scoring failures, so the service's
 * {@code /health} is DOWN while analysis fails although the stream threads run.
 */
public final class InferenceApp extends StreamsService {

    private OnnxCryDetector detector;
    private OnnxCauseClassifier classifier;
    private volatile AnalysisHealth health;

    @Override
    protected String applicationId() {
        return InferenceConfig.APPLICATION_ID;
    }

    @Override
    protected synchronized Topology topology(Properties config) {
        InferenceConfig inference = InferenceConfig.fromProperties(config);
        closeModels();
        detector = BundledModels.cryDetector(config);
        try {
            classifier = BundledModels.causeClassifier(config);
            ModelProbe.requireSaneOutputs(detector, classifier);
            WindowScorer scorer = new WindowScorer(detector, classifier);
            health = new AnalysisHealth(inference.offlineAfter().toMillis());
            return InferenceTopology.build(inference, scorer, classifier.uncertainBelow(), health);
        } catch (RuntimeException e) {
            closeModels();
            throw e;
        }
    }

    @Override
    public List<String> problems() {
        AnalysisHealth current = health;
        return current == null ? List.of() : current.problems(System.currentTimeMillis());
    }

    @Override
    public synchronized void stop() {
        super.stop();
        closeModels();
    }

    private void closeModels() {
        if (classifier != null) {
            classifier.close();
            classifier = null;
        }
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
