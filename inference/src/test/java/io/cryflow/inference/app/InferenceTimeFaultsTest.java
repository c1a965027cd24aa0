package io.cryflow.inference.app;

import static io.cryflow.inference.app.InferenceTopologyTest.ROOM;
import static io.cryflow.inference.app.InferenceTopologyTest.withoutDelays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture times that jump and wall clocks that disagree: settling and offline detection keep working. */
class InferenceTimeFaultsTest {

    @TempDir
    Path stateDir;

    /** The chunks of the one-cry scene, chunk {@code bad}'s mel frames dated a day ahead (and not flagged). */
    static List<FeaturesRun.Chunk> withOneFutureRecord(List<FeaturesRun.Chunk> chunks, int bad) {
        List<FeaturesRun.Chunk> changed = new ArrayList<>(chunks);
        FeaturesRun.Chunk chunk = chunks.get(bad);
        List<MelFrames> future = chunk.mel().stream()
                .map(mel -> MelFrames.newBuilder(mel).setFirstFrameCaptureMicros(mel.getFirstFrameCaptureMicros().plus(Duration.ofDays(1))).build())
                .toList();
        changed.set(bad, new FeaturesRun.Chunk(chunk.wallMillis(), future, chunk.candidates()));
        return changed;
    }

    @Test
    void oneFutureTimestampDoesNotSwitchSettlingOffForGood() {
        InferenceTopologyTest.OneCry scene = InferenceTopologyTest.OneCry.make();
        // A record 4 s in claims a capture time a day ahead; the cry starts at 10 s.
        List<FeaturesRun.Chunk> chunks = withOneFutureRecord(FeaturesRun.of(ROOM, scene.audio()), 8);
        // With each chunk's candidates after the next chunk's frames, settling must still wait for them.
        List<List<CryEvent>> runs = InferenceTopologyTest.inOrderAndCandidatesLate(stateDir, chunks);
        assertFalse(runs.get(0).isEmpty(), "the cry is found");
        assertEquals(withoutDelays(runs.get(0)), withoutDelays(runs.get(1)),
                "late candidates still gate their windows after the bad record");
    }

    @Test
    void aMicrophoneGoesOfflineOnTimeOnAnInstanceWhoseClockIsBehind() {
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, InferenceTopologyTest.OneCry.make().audio());
        Map<String, Map<String, byte[]>> stores;
        try (InferenceDriver before = new InferenceDriver(stateDir.resolve("before"))) {
            before.feed(chunks);
            stores = before.storeContents();
        }
        // The task moves to an instance whose clock is an hour behind (or the host's clock was stepped back while the
        // app was down): what the first instance remembers lies in this one's future.
        Instant behind = Instant.ofEpochMilli(chunks.get(chunks.size() - 1).wallMillis()).minus(Duration.ofHours(1));
        try (InferenceDriver after = new InferenceDriver(new Properties(), stateDir.resolve("after"), behind)) {
            after.restore(stores);
            after.advanceWallClock(Duration.ofSeconds(9));
            assertTrue(alarms(after).isEmpty(), "not offline within 10 s of watching");
            after.advanceWallClock(Duration.ofSeconds(2));
            List<MicrophoneStatus> statuses = alarms(after);
            assertEquals(1, statuses.size(), "offline 10 s after this instance began watching, not an hour later");
            assertEquals(MicrophoneState.MICROPHONE_OFFLINE, statuses.get(0).getStatus());
        }
    }

    /** The status records but the periodic ANALYSIS_PROGRESS reports, which a microphone not yet offline gets. */
    private static List<MicrophoneStatus> alarms(InferenceDriver inference) {
        return inference.status.readValuesToList().stream()
                .filter(s -> s.getStatus() != MicrophoneState.ANALYSIS_PROGRESS).toList();
    }
}
