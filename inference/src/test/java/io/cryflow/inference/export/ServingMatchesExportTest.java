package io.cryflow.inference.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.features.FeaturesConfig;
import io.cryflow.features.FeaturesTopology;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.input.WindowAssembler;
import io.cryflow.inference.model.NpyFloats;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.AvroClassTrust;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import io.cryflow.testkit.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tensors {@code export-tensors} writes for a real clip are exactly the windows serving builds:
 * the same audio, published as 0.5 s PCM chunks, through the real features topology (in a
 * TopologyTestDriver), its {@code MelFrames} records fed one by one to a {@link WindowAssembler}.
 */
class ServingMatchesExportTest {

    private static final String CRY = "baby_cry_detection/crying_baby/esc50_1-187207-A.wav";
    private static final String BACKGROUND = "wids_tutorial/background_noise/running_tap.wav";
    private static final int CHUNK_SAMPLES = 8000;
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    @Test
    void topologyFramesThroughTheAssemblerGiveTheExportedTensors(@TempDir Path tmp) throws Exception {
        Path data = SharedData.resolve("data");
        Path plan = tmp.resolve("plan.csv");
        Files.writeString(plan, "id,files,background,snr_db,gain_db,roundtrip_8k,min_seconds,label\n"
                + "mixed," + CRY + "," + BACKGROUND + ",3,-4,1,6.5,cry\n", StandardCharsets.UTF_8);
        FeatureConfig features = FeatureConfig.DEFAULT;
        ModelInputSpec spec = ModelInputSpec.allBands(features.id(), features.melCount(), 200, 50);
        List<ExampleRecipe> recipes = TensorExport.readPlan(plan);
        TensorExport export = new TensorExport(data, features, spec, 1);
        TensorExport.Summary summary = export.export(recipes, tmp.resolve("out"));
        NpyFloats exported = NpyFloats.read(tmp.resolve("out").resolve(TensorExport.TENSOR_FILE));
        assertEquals(List.of(summary.windows(), 200L, 64L),
                Arrays.stream(exported.shape()).mapToObj(Long::valueOf).toList());

        float[] audio = new ExampleRenderer(data, features.sampleRate()).render(recipes.get(0));
        List<MelWindow> served = serve(audio, spec, tmp.resolve("state"));

        // 6.5 s = 104000 samples = (104000 - 512) / 160 + 1 = 647 whole frames: windows start at 0, 50, ... 400
        assertEquals(9, served.size());
        assertEquals(served.size(), exported.shape()[0]);
        for (int i = 0; i < served.size(); i++) {
            assertEquals(50L * i, served.get(i).startFrameIndex());
            assertArrayEquals(exported.row(i), served.get(i).values(), "window " + i);
        }
        assertTrue(!Arrays.equals(exported.row(3), exported.row(4)), "windows differ from one another");
    }

    private static List<MelWindow> serve(float[] audio, ModelInputSpec spec, Path stateDir) {
        AvroClassTrust.install();
        FeaturesConfig config = FeaturesConfig.fromProperties(new Properties());
        Properties props = StreamsProperties.forApplication(FeaturesConfig.APPLICATION_ID)
                .bootstrapServers("unused:9092").stateDir(stateDir.toString()).build();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        WindowAssembler assembler = new WindowAssembler(spec);
        List<MelWindow> windows = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(FeaturesTopology.build(config), props)) {
            TestInputTopic<String, AudioChunk> in = driver.createInputTopic(config.inputTopic(),
                    new StringSerializer(), AvroSerdes.audioChunk().serializer());
            TestOutputTopic<String, MelFrames> mel = driver.createOutputTopic(config.melTopic(),
                    Serdes.String().deserializer(), AvroSerdes.melFrames().deserializer());
            for (int offset = 0, sequence = 0; offset < audio.length; offset += CHUNK_SAMPLES, sequence++) {
                float[] samples = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + CHUNK_SAMPLES));
                in.pipeInput("room-1", AudioChunk.newBuilder()
                        .setRoomId("room-1")
                        .setMicrophoneId("mic-1")
                        .setSequenceNumber(sequence)
                        .setCaptureStartMicros(T0.plusNanos(offset * 1_000_000_000L / 16_000))
                        .setSampleRate(16_000)
                        .setSamples(PcmS16le.fromFloats(samples))
                        .build());
                for (MelFrames frames : mel.readValuesToList()) {
                    assertEquals(spec.dspConfigId(), frames.getDspConfigId());
                    boolean restart = frames.getFlags().contains(MelFramesFlag.STREAM_START)
                            || frames.getFlags().contains(MelFramesFlag.DISCONTINUITY);
                    windows.addAll(assembler.accept(frames.getFirstFrameIndex(),
                            micros(frames.getFirstFrameCaptureMicros()), frames.getHopMicros(),
                            Float32le.toFloats(frames.getLogMel()), frames.getFrameCount(), restart));
                }
            }
        }
        return windows;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
