package io.cryflow.dashboard;

import static io.cryflow.dashboard.DashboardRecords.event;
import static io.cryflow.dashboard.DashboardRecords.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MicrophoneState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page at 50 rooms on a 1920x1080 nurse-station screen, in Debian's headless Chromium: every tile
 * visible at once without scrolling, no room name, state or cause cut off. Skipped where chromium or
 * playwright-core is not installed (CI installs both). The screenshot is kept in target/.
 */
class DashboardAtFiftyRoomsTest {

    @Test
    void fiftyRoomsFitOneScreenReadably() throws Exception {
        Path modules = Path.of("src", "test", "browser", "node_modules", "playwright-core");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isDirectory(modules),
                "chromium or playwright-core not installed");
        RoomBoard board = new RoomBoard();
        for (int i = 0; i < 50; i++) {
            String room = String.format("nicu-bay-%02d", i);
            board.level(room, "mic-1", -60 + i % 30);
            board.apply(event(room, CryEventType.CRY_ENDED, i * 60, i * 60 + 45, CryCause.TIRED, 0.9f));
            if (i % 7 == 0) {
                board.apply(event(room, CryEventType.CRY_STARTED, 9000 + i, null, CryCause.BELLY_PAIN, 0.87f));
            }
            if (i % 11 == 5) {
                board.apply(status(room, "mic-1", MicrophoneState.MICROPHONE_OFFLINE, "no audio for 10 s"));
            }
        }
        Path screenshot = Path.of("target", "dashboard-50-rooms.png");
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, board,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> Map.of("status", "UP")).start()) {
            Process node = new ProcessBuilder("node", Path.of("src", "test", "browser", "fifty-rooms-check.mjs").toString(),
                    server.url(), screenshot.toString()).redirectErrorStream(true).start();
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "browser check finished");
            String out = new String(node.getInputStream().readAllBytes()).trim();
            assertEquals(0, node.exitValue(), out);
            Matcher m = Pattern.compile("VISIBLE (\\d+) OF (\\d+) CLIPPED (\\d+)").matcher(out);
            assertTrue(m.find(), out);
            assertEquals(50, Integer.parseInt(m.group(2)), out);
            assertEquals(50, Integer.parseInt(m.group(1)), "every tile on one screen: " + out);
            assertEquals(0, Integer.parseInt(m.group(3)), "no name, state or cause cut off: " + out);
        }
    }
}
