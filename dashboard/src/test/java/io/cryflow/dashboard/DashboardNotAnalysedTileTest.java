package io.cryflow.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * In Debian's headless Chromium, a room whose audio arrives (its meter moves) but is not analysed reads "not analysed
 * since HH:MM:SS", never "quiet". Skipped where chromium or playwright-core is not installed (CI installs both).
 */
class DashboardNotAnalysedTileTest {

    private static MicrophoneStatus analysis(String room, MicrophoneState state, Instant analysedUpTo) {
        return MicrophoneStatus.newBuilder().setRoomId(room).setMicrophoneId("mic-1").setStatus(state)
                .setSinceMicros(analysedUpTo).setDetail(state == MicrophoneState.ANALYSIS_FAILED
                        ? "audio arrives but has not been analysed for 10.0 s: analysis failed" : "")
                .setAnalysedUpToMicros(analysedUpTo).build();
    }

    @Test
    void aRoomWhoseAnalysisFailedReadsNotAnalysedSinceItsTime() throws Exception {
        Path modules = Path.of("src", "test", "browser", "node_modules", "playwright-core");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isDirectory(modules),
                "chromium or playwright-core not installed");
        RoomBoard board = new RoomBoard();
        Instant upTo = Instant.now().minusSeconds(20);
        board.level("nursery-analysed", "mic-1", -45);
        board.apply(analysis("nursery-analysed", MicrophoneState.ANALYSIS_PROGRESS, upTo.plusSeconds(18)));
        board.level("nursery-failing", "mic-1", -45);
        board.apply(analysis("nursery-failing", MicrophoneState.ANALYSIS_FAILED, upTo));
        Path screenshot = Path.of("target", "dashboard-not-analysed.png");
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, board,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> Map.of("status", "UP")).start()) {
            Process node = new ProcessBuilder("node", Path.of("src", "test", "browser", "not-analysed-check.mjs").toString(),
                    server.url(), screenshot.toString()).redirectErrorStream(true).start();
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "browser check finished");
            String out = new String(node.getInputStream().readAllBytes()).trim();
            assertEquals(0, node.exitValue(), out);
            assertTrue(out.matches("(?s).*TILE nursery-failing NOT_ANALYSED \\| not analysed since \\d{2}:\\d{2}:\\d{2}\\n.*"), out);
            assertTrue(out.contains("TILE nursery-analysed QUIET | quiet"), out);
            assertTrue(out.contains("1 not analysed"), out);
        }
    }
}
