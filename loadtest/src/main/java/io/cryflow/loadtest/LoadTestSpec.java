package io.cryflow.loadtest;

import java.time.Duration;

/**
 * What a load test runs and what it must meet.
 *
 * @param rooms              rooms streaming in real time, one microphone each
 * @param duration           audio per room (each room's scene lasts this long)
 * @param distinctScenes     scenes generated; room i plays scene i mod this (generation costs memory and time)
 * @param criesPerScene      scripted cry episodes per scene
 * @param seed               scene seed
 * @param latencyP99Slo      pipeline latency target at the 99th percentile (audio captured → record readable)
 * @param onsetTolerance     a scripted cry counts as detected when an episode starts at most this long after its
 *                           onset (and before it ends), or at most {@link ScriptedCryTiming#earlyStart()} before it
 * @param drain              how long to wait for the last records after the audio ends
 * @param warmUp             latencies count only audio captured after this much of the run (JIT, first
 *                           rebalance and every room's first chunk arriving at once are not steady state)
 */
public record LoadTestSpec(int rooms, Duration duration, int distinctScenes, int criesPerScene, long seed,
        Duration latencyP99Slo, Duration onsetTolerance, Duration drain, Duration warmUp) {

    public LoadTestSpec {
        if (rooms < 1 || distinctScenes < 1 || criesPerScene < 0 || duration.toSeconds() < 10) {
            throw new IllegalArgumentException("need rooms >= 1, distinct scenes >= 1, cries >= 0, duration >= 10 s");
        }
        if (warmUp.isNegative() || warmUp.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("need 0 <= warm-up < duration, got " + warmUp.toSeconds() + " s of " + duration.toSeconds() + " s");
        }
    }

    public static LoadTestSpec of(int rooms, Duration duration) {
        return new LoadTestSpec(rooms, duration, Math.min(rooms, 24), 2, 1, Duration.ofSeconds(1), Duration.ofSeconds(6),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public LoadTestSpec withDistinctScenes(int count) {
        return new LoadTestSpec(rooms, duration, count, criesPerScene, seed, latencyP99Slo, onsetTolerance, drain, warmUp);
    }

    public LoadTestSpec withCriesPerScene(int count) {
        return new LoadTestSpec(rooms, duration, distinctScenes, count, seed, latencyP99Slo, onsetTolerance, drain, warmUp);
    }

    public LoadTestSpec withWarmUp(Duration warmUpTime) {
        return new LoadTestSpec(rooms, duration, distinctScenes, criesPerScene, seed, latencyP99Slo, onsetTolerance, drain, warmUpTime);
    }

    public LoadTestSpec withLatencyP99Slo(Duration slo) {
        return new LoadTestSpec(rooms, duration, distinctScenes, criesPerScene, seed, slo, onsetTolerance, drain, warmUp);
    }
}
