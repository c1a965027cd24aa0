package io.cryflow.dashboard;

import static io.cryflow.dashboard.DashboardRecords.event;
import static io.cryflow.dashboard.DashboardRecords.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MicrophoneState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RoomBoardTest {

    private final RoomBoard board = new RoomBoard(Clock.fixed(Instant.parse("2026-12-01T10:05:00Z"), ZoneOffset.UTC));

    @Test
    void anEpisodeOpensRefinesAndEndsIntoTheHistory() {
        board.apply(event("nicu-1", CryEventType.CRY_STARTED, 10, null, CryCause.UNCERTAIN, 0.8f));
        RoomView started = board.view("nicu-1");
        assertEquals("CRYING", started.state());
        assertEquals("uncertain", started.cause());
        assertEquals(1, started.history().size());
        assertNull(started.history().get(0).endMillis());

        board.apply(event("nicu-1", CryEventType.CRY_UPDATED, 10, null, CryCause.HUNGRY, 0.93f));
        RoomView updated = board.view("nicu-1");
        assertEquals("hungry", updated.cause());
        assertEquals(0.93f, updated.confidence());
        assertEquals(1, updated.history().size(), "the same episode, refined, not a second one");

        board.apply(event("nicu-1", CryEventType.CRY_ENDED, 10, 42, CryCause.HUNGRY, 0.5f));
        RoomView ended = board.view("nicu-1");
        assertEquals("QUIET", ended.state());
        assertFalse(ended.crying());
        assertNull(ended.cause());
        assertEquals(DashboardRecords.T0.plusSeconds(42).toEpochMilli(), ended.history().get(0).endMillis());
    }

    @Test
    void historyKeepsTheNewestEpisodes() {
        for (int i = 0; i < RoomBoard.HISTORY + 3; i++) {
            board.apply(event("r", CryEventType.CRY_ENDED, i * 100, i * 100 + 20, CryCause.TIRED, 0.9f));
        }
        RoomView view = board.view("r");
        assertEquals(RoomBoard.HISTORY, view.history().size());
        assertEquals(DashboardRecords.T0.plusSeconds((RoomBoard.HISTORY + 2) * 100L).toEpochMilli(), view.history().get(0).startMillis());
    }

    @Test
    void anOfflineMicrophoneOutranksCryingAndOnlineClearsIt() {
        board.apply(event("r", CryEventType.CRY_STARTED, 0, null, CryCause.HUNGRY, 0.9f));
        board.apply(status("r", "mic-1", MicrophoneState.MICROPHONE_OFFLINE, "no audio for 10 s"));
        RoomView offline = board.view("r");
        assertEquals("OFFLINE", offline.state());
        assertTrue(offline.crying(), "the open episode is still known");
        assertEquals("no audio for 10 s", offline.statusDetail());

        board.apply(status("r", "mic-2", MicrophoneState.SILENT, "flat line"));
        assertEquals("OFFLINE", board.view("r").state(), "the worst condition of any microphone shows");
        board.apply(status("r", "mic-1", MicrophoneState.MICROPHONE_ONLINE, ""));
        assertEquals("SILENT", board.view("r").state());
        board.apply(status("r", "mic-2", MicrophoneState.MICROPHONE_ONLINE, ""));
        assertEquals("CRYING", board.view("r").state());
    }

    @Test
    void levelChangesUnderOneDecibelAreNotPushed() {
        assertTrue(board.level("r", "mic-1", -40.0));
        assertFalse(board.level("r", "mic-1", -40.5));
        assertTrue(board.level("r", "mic-1", -38.0));
        assertEquals(-38.0, board.view("r").levelDbfs());
    }

    @Test
    void aRoomShowsItsLoudestMicrophoneUntilThatOneGoesOffline() {
        board.level("r", "near", -30.0);
        assertFalse(board.level("r", "far", -45.0), "the quieter microphone changes nothing");
        assertEquals(-30.0, board.view("r").levelDbfs());
        assertFalse(board.level("r", "near", -30.4));
        assertTrue(board.level("r", "far", -20.0), "now the far one is the loudest");
        assertEquals(-20.0, board.view("r").levelDbfs());
        board.apply(status("r", "far", MicrophoneState.MICROPHONE_OFFLINE, "no audio"));
        assertEquals(-30.4, board.view("r").levelDbfs(), "the remaining microphone's level");
    }
}
