package io.cryflow.inference.episode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One room's episodes from its microphones' episodes. Each microphone has its own {@link EpisodeTracker} (its windows
 * form one stream in capture-time order, which interleaved microphones would not), and the room reports one episode
 * while any of them has one: it starts with the first microphone's {@code STARTED}, carries every open microphone's
 * {@code UPDATED} (with that microphone's confidence and cause), and ends with the last one's {@code ENDED}, at the
 * latest end among them. Every event of a room episode carries the room episode's start, so its id is one. With one
 * microphone the room's events are exactly that microphone's. Pure Java, not thread-safe; the stream app keeps one per
 * room in a changelogged store ({@link #snapshot()}, {@link #restore(byte[])}).
 *
 * <p>A microphone whose episode starts only after the room's has ended begins a new room episode, even when its
 * start lies before that end (its onset was confirmed late); the trackers' own merge gap keeps this rare.
 */
public final class RoomEpisodes {

    private static final int MAGIC = 0x43524D45; // "CRME"
    private static final byte VERSION = 1;

    /** Microphones with a reported, not yet ended episode. */
    private final TreeSet<String> openMicrophones = new TreeSet<>();
    private long startMicros;
    private long endMicros = Long.MIN_VALUE;

    /** Whether the room has a reported episode that has not ended. */
    public boolean hasOpenEpisode() {
        return !openMicrophones.isEmpty();
    }

    /**
     * A room whose only microphone's tracker already holds an episode (state written before trackers were kept per
     * microphone): the room's episode is that one.
     */
    public static RoomEpisodes continuing(String microphone, EpisodeTracker tracker) {
        RoomEpisodes room = new RoomEpisodes();
        if (tracker.hasOpenEpisode()) {
            room.openMicrophones.add(microphone);
            room.startMicros = tracker.openEpisodeStartMicros();
        }
        return room;
    }

    /** The room's events for one microphone's tracker events, in order. */
    public List<EpisodeEvent> accept(String microphone, List<EpisodeEvent> microphoneEvents) {
        List<EpisodeEvent> events = new ArrayList<>(microphoneEvents.size());
        for (EpisodeEvent event : microphoneEvents) {
            switch (event.type()) {
                case STARTED -> {
                    if (openMicrophones.isEmpty()) {
                        startMicros = event.episodeStartMicros();
                        endMicros = Long.MIN_VALUE;
                        events.add(event);
                    }
                    openMicrophones.add(microphone);
                }
                case UPDATED -> {
                    if (openMicrophones.contains(microphone)) {
                        events.add(withRoomTimes(event, -1));
                    }
                }
                case ENDED -> {
                    if (openMicrophones.remove(microphone)) {
                        endMicros = Math.max(endMicros, event.episodeEndMicros());
                        if (openMicrophones.isEmpty()) {
                            events.add(withRoomTimes(event, endMicros));
                        }
                    }
                }
            }
        }
        return events;
    }

    private EpisodeEvent withRoomTimes(EpisodeEvent event, long roomEndMicros) {
        boolean ended = event.type() == EpisodeEvent.Type.ENDED;
        return new EpisodeEvent(event.type(), startMicros, roomEndMicros, ended ? roomEndMicros : event.eventTimeMicros(),
                event.confidence(), event.peakConfidence(), event.meanConfidence(), event.cause(), event.causeProbabilities());
    }

    /** The whole state, for a changelogged store; restorable with {@link #restore(byte[])}. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * openMicrophones.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(startMicros);
            out.writeLong(endMicros);
            out.writeShort(openMicrophones.size());
            for (String microphone : openMicrophones) {
                out.writeUTF(microphone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether {@code stored} is a {@link #snapshot()} (rather than, say, a tracker's). */
    public static boolean isSnapshot(byte[] stored) {
        return stored.length >= 5 && ((stored[0] & 0xff) << 24 | (stored[1] & 0xff) << 16 | (stored[2] & 0xff) << 8
                | (stored[3] & 0xff)) == MAGIC;
    }

    /**
     * The state saved by {@link #snapshot()}.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this version
     */
    public static RoomEpisodes restore(byte[] snapshot) {
        RoomEpisodes room = new RoomEpisodes();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a room episodes snapshot of version " + VERSION);
            }
            room.startMicros = in.readLong();
            room.endMicros = in.readLong();
            int count = in.readShort();
            for (int i = 0; i < count; i++) {
                room.openMicrophones.add(in.readUTF());
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("room episodes snapshot has " + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt room episodes snapshot: " + e.getMessage(), e);
        }
        return room;
    }
}
