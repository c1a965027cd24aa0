package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SoundClassTest {

    @Test
    void theSharedDataSetsFoldersMapByName() {
        assertEquals("dog", SoundClass.of("baby_cry_detection/noise/dog/esc50_1-110389-A.wav"));
        assertEquals("glass_breaking", SoundClass.of("baby_cry_detection/noise/glass_breaking/x.wav"));
        assertEquals("music", SoundClass.of("librosa-data/music/sorohanro_-_solo-trumpet-06.wav"));
        assertEquals("speech", SoundClass.of("librosa-data/speech/3436-172162-0000.wav"));
        assertEquals("other", SoundClass.of("librosa-data/other/pibble.wav"));
        assertEquals("spoken_digits", SoundClass.of("free-spoken-digit-dataset/speech/1_george_16.wav"));
        assertEquals("spoken_words", SoundClass.of("wids_tutorial/speech_sc09/two_fd9c7413_nohash_0.wav"));
        assertEquals("laughter", SoundClass.of("baby_cry_detection/recordings/baby_laugh__laugh_1.m4a.wav"));
    }

    @Test
    void roomNoiseIsTheBedNotADistractor() {
        assertEquals(SoundClass.BED, SoundClass.of("wids_tutorial/background_noise/white_noise.wav"));
        assertEquals(SoundClass.BED, SoundClass.of("wids_tutorial/background_noise/running_tap.wav"));
        assertEquals(SoundClass.BED, SoundClass.of("baby_cry_detection/recordings/silence__silence.wav.wav"));
    }

    @Test
    void anyOtherFolderIsClassedByItsFirstPathComponent() {
        assertEquals("animal", SoundClass.of("animal/cow/moo-1.wav"));
        assertEquals("alarm", SoundClass.of("alarm/smoke.wav"));
        assertEquals("household", SoundClass.of("household/vacuum/a.wav"));
    }

    @Test
    void aPathWithoutAClassIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SoundClass.of("loose.wav"));
        assertThrows(IllegalArgumentException.class, () -> SoundClass.of("baby_cry_detection/noise/x.wav"));
        assertThrows(IllegalArgumentException.class, () -> SoundClass.of("wids_tutorial/unknown/x.wav"));
    }
}
