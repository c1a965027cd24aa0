package io.cryflow.schemas.serde;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneStatus;

/** The value serde of each Cryflow contract, reading every published version of it. */
public final class AvroSerdes {

    private AvroSerdes() {}

    public static AvroSerde<AudioChunk> audioChunk() {
        return new AvroSerde<>(AudioChunk.class);
    }

    public static AvroSerde<MelFrames> melFrames() {
        return new AvroSerde<>(MelFrames.class);
    }

    public static AvroSerde<CryCandidate> cryCandidate() {
        return new AvroSerde<>(CryCandidate.class);
    }

    public static AvroSerde<CryEvent> cryEvent() {
        return new AvroSerde<>(CryEvent.class);
    }

    public static AvroSerde<MicrophoneStatus> microphoneStatus() {
        return new AvroSerde<>(MicrophoneStatus.class);
    }

    public static AvroSerde<DeadLetter> deadLetter() {
        return new AvroSerde<>(DeadLetter.class);
    }
}
