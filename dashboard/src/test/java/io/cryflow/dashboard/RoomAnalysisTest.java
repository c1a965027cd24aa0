package io.cryflow.dashboard;

import static io.cryflow.dashboard.DashboardRecords.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A room's tile shows it monitored (quiet or crying) only while its audio is analysed. */
class RoomAnalysisTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:05:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final RoomBoard board = new RoomBoard(clock);

    private static MicrophoneStatus analysis(MicrophoneState state, Instant analysedUpTo, String detail) {
        return MicrophoneStatus.newBuilder().setRoomId("r").setMicrophoneId("mic-1").setStatus(state)
                .setSinceMicros(analysedUpTo).setDetail(detail).setAnalysedUpToMicros(analysedUpTo).build();
    }

    @Test
    void anAnalysisAlarmShowsNotAnalysedSinceItsTimeUntilAnalysisResumes() {
        Instant upTo = DashboardRecords.T0.plusSeconds(42);
        board.level("r", "mic-1", -50);
        board.apply(analysis(MicrophoneState.ANALYSIS_FAILED, upTo, "audio arrives but has not been analysed for 10.0 s"));

        RoomView failed = board.view("r");
        assertEquals("NOT_ANALYSED", failed.state());
        assertEquals(upTo.toEpochMilli(), failed.notAnalysedSinceMillis());
        assertTrue(failed.statusDetail().contains("not been analysed"), failed.statusDetail());

        board.apply(status("r", "mic-1", MicrophoneState.MICROPHONE_ONLINE, "audio signal back after a flat line"));
        assertEquals("NOT_ANALYSED", board.view("r").state(), "the features stage's ONLINE says nothing of analysis");
        board.apply(status("r", "mic-1", MicrophoneState.MICROPHONE_OFFLINE, "no audio"));
        assertEquals("OFFLINE", board.view("r").state(), "offline outranks it");
        board.apply(status("r", "mic-1", MicrophoneState.MICROPHONE_ONLINE, "audio frames arrive again"));

        board.apply(analysis(MicrophoneState.ANALYSIS_RESUMED, upTo.plusSeconds(30), ""));
        RoomView resumed = board.view("r");
        assertEquals("QUIET", resumed.state());
        assertNull(resumed.notAnalysedSinceMillis());
    }

    @Test
    void aMovingLevelWithoutAnalysisReportsIsNotAQuietRoom() {
        // Inference down: features still moves the meter, and nobody reports the analysis any more.
        Instant upTo = DashboardRecords.T0.plusSeconds(100);
        board.level("r", "mic-1", -50);
        board.apply(analysis(MicrophoneState.ANALYSIS_PROGRESS, upTo, ""));
        for (int second = 1; second <= 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            board.level("r", "mic-1", -50 + second % 2 * 3);
            assertEquals(List.of(), board.checkAnalysis(), "within the budget at " + second + " s");
        }
        assertEquals("QUIET", board.view("r").state());

        clock.advance(Duration.ofSeconds(1));
        board.level("r", "mic-1", -50);
        board.checkAnalysis();
        RoomView stale = board.view("r");
        assertEquals("NOT_ANALYSED", stale.state(), "11 s of audio without a report");
        assertEquals(upTo.toEpochMilli(), stale.notAnalysedSinceMillis());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), board.checkAnalysis(), "no push while nothing changes");

        board.apply(analysis(MicrophoneState.ANALYSIS_PROGRESS, upTo.plusSeconds(12), ""));
        assertEquals("QUIET", board.view("r").state(), "a report brings it back");
    }

    @Test
    void aRoomNeverAnalysedTurnsNotAnalysedAndOneWithoutAudioDoesNot() {
        board.level("r", "mic-1", -50);
        board.level("silent-room", "mic-1", -50);
        for (int second = 1; second <= 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            board.level("r", "mic-1", -50);
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("r"), board.checkAnalysis(), "only the room whose audio still arrives");
        assertEquals("NOT_ANALYSED", board.view("r").state());
        assertNull(board.view("r").notAnalysedSinceMillis(), "never analysed");
        assertEquals("QUIET", board.view("silent-room").state());
    }
}
