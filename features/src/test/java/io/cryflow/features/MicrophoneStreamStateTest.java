package io.cryflow.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MicrophoneStreamStateTest {

    @Test
    void roundTripsEveryField() {
        MicrophoneStreamState state = new MicrophoneStreamState();
        state.streamFirstSequence = 3;
        state.nextSequence = 99;
        state.declareLost(10, 12);
        state.pending.add(101L);
        state.pending.add(103L);
        state.rejectedAhead.add(100L);
        state.discontinuityPending = true;
        state.duplicates = 7;
        state.heldSinceMillis = 1_700_000_000_000L;
        state.sampleRate = 16_000;
        state.expectedNextCaptureMicros = 1_700_000_000_123_456L;
        state.nextFrameIndex = 12_345;
        state.segmentFirstFrame = 1_000;
        state.segmentSamples = 160_000;
        state.anchorFrame = 12_300;
        state.anchorMicros = 42;
        state.previousAnchorFrame = 900;
        state.previousAnchorMicros = 41;
        state.gateOpenedMicros = 40;
        state.gateFirstFrame = 5;
        state.health = MicrophoneStreamState.Health.CLIPPING;
        state.flatSinceMicros = 39;
        state.clipWindowStartMicros = 38;
        state.clipWindowSamples = 1_600;
        state.clipWindowClipped = 17;
        state.extractorSnapshot = new byte[] {1, 2, 3};
        state.gateSnapshot = new byte[] {4, 5};
        state.streamFirstCaptureMicros = 1_700_000_000_000_000L;
        state.lastSequence = 98;
        state.lastCaptureMicros = 1_700_000_000_100_000L;

        byte[] bytes = state.toBytes();
        MicrophoneStreamState read = MicrophoneStreamState.fromBytes(bytes);

        assertArrayEquals(bytes, read.toBytes());
        assertEquals(3, read.lostChunks);
        assertTrue(read.isDeclaredLost(11));
        assertFalse(read.isDeclaredLost(13));
        assertEquals(MicrophoneStreamState.Health.CLIPPING, read.health);
        assertEquals(5, read.gateFirstFrame);
    }

    @Test
    void aStateFromBeforeTheCaptureTimesWereKeptIsStillRead() {
        MicrophoneStreamState state = new MicrophoneStreamState();
        state.nextSequence = 10;
        state.expectedNextCaptureMicros = 5_000_000;
        byte[] current = state.toBytes();
        byte[] version1 = Arrays.copyOf(current, current.length - 3 * Long.BYTES);
        version1[4] = 1;

        MicrophoneStreamState read = MicrophoneStreamState.fromBytes(version1);
        assertEquals(10, read.nextSequence);
        assertEquals(MicrophoneStreamState.UNKNOWN, read.streamFirstCaptureMicros);
        assertTrue(read.couldHaveHad(3, 1_000_000), "without the stream's times, an earlier capture time is a repeat");
        assertFalse(read.couldHaveHad(0, 5_000_000), "and a later one a restart");
    }

    @Test
    void aStreamCouldHaveHadOnlyTheCaptureTimesItsSequenceNumbersAllow() {
        MicrophoneStreamState state = new MicrophoneStreamState();
        state.streamFirstSequence = 2;
        state.streamFirstCaptureMicros = 1_000;
        state.lastSequence = 9;
        state.lastCaptureMicros = 8_000;
        state.nextSequence = 10;
        state.expectedNextCaptureMicros = 9_000;
        assertTrue(state.couldHaveHad(2, 1_000));
        assertTrue(state.couldHaveHad(5, 4_000));
        assertTrue(state.couldHaveHad(9, 8_000));
        assertFalse(state.couldHaveHad(2, 1_300), "the first chunk's number with another time");
        assertFalse(state.couldHaveHad(5, 500), "before the stream began");
        assertFalse(state.couldHaveHad(5, 8_500), "after the last chunk analysed");
        assertFalse(state.couldHaveHad(9, 7_999));
        assertFalse(state.couldHaveHad(1, 900), "numbered before the stream");
    }

    @Test
    void remembersOnlyTheLatestLostRanges() {
        MicrophoneStreamState state = new MicrophoneStreamState();
        for (int i = 0; i < MicrophoneStreamState.LOST_RANGES + 2; i++) {
            state.declareLost(10L * i, 10L * i + 1);
        }
        assertEquals(MicrophoneStreamState.LOST_RANGES, state.lostRanges.size());
        assertEquals(12, state.lostForgottenBelow, "below this a late chunk cannot be told from a duplicate");
        assertFalse(state.isDeclaredLost(0));
        assertTrue(state.isDeclaredLost(91));
    }

    @Test
    void corruptBytesAreRefused() {
        byte[] good = new MicrophoneStreamState().toBytes();
        assertThrows(IllegalArgumentException.class, () -> MicrophoneStreamState.fromBytes(Arrays.copyOf(good, good.length - 1)));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> MicrophoneStreamState.fromBytes(wrongMagic));
        assertThrows(IllegalArgumentException.class, () -> MicrophoneStreamState.fromBytes(Arrays.copyOf(good, good.length + 1)));
    }
}
