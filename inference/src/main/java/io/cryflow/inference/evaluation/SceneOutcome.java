package io.cryflow.inference.evaluation;

import io.cryflow.ingest.scene.CryBout;
import io.cryflow.ingest.scene.DistractorEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One scene's alarms matched with its truth under one episode rule set.
 *
 * <ul>
 *   <li>A bout is <b>detected</b> when an alarm overlaps [bout start − {@value #BEFORE_SECONDS} s, bout end +
 *       {@value #AFTER_SECONDS} s] (its match window); every alarm overlapping it counts towards its alarms.</li>
 *   <li>An alarm overlapping no bout's match window is a <b>false alarm</b>, attributed to the distractor event its
 *       audio overlaps most (the alarm's span widened by {@value #REACH_SECONDS} s each side: a window centre's
 *       reach into its 2 s window), else to {@value SoundClass#BED}.</li>
 *   <li>A detected bout's <b>onset delay</b> is the start of the earliest alarm overlapping its match window minus
 *       the bout's start; its <b>report delay</b> that alarm's {@link Alarm#reportedSeconds()} minus the bout's start.</li>
 * </ul>
 *
 * @param durationSeconds the scene's length
 * @param bouts           one outcome per bout, in time order
 * @param falseAlarms     the class of each false alarm
 * @param distractors     the scene's distractor events (for their classes' audio time)
 */
public record SceneOutcome(double durationSeconds, List<BoutOutcome> bouts, List<String> falseAlarms,
        List<DistractorEvent> distractors) {

    public static final double BEFORE_SECONDS = 1;
    public static final double AFTER_SECONDS = 5;
    public static final double REACH_SECONDS = 1;

    /**
     * @param group       the bout's cry group
     * @param detected    whether an alarm overlapped its match window
     * @param alarms      alarms overlapping its match window
     * @param onsetDelay  seconds (NaN if not detected)
     * @param reportDelay seconds (NaN if not detected)
     */
    public record BoutOutcome(String group, boolean detected, int alarms, double onsetDelay, double reportDelay) {
    }

    public SceneOutcome {
        bouts = List.copyOf(bouts);
        falseAlarms = List.copyOf(falseAlarms);
        distractors = List.copyOf(distractors);
    }

    public static SceneOutcome match(List<CryBout> bouts, List<DistractorEvent> distractors, double durationSeconds,
            List<Alarm> alarms) {
        List<BoutOutcome> outcomes = new ArrayList<>();
        for (CryBout bout : bouts) {
            double from = bout.startSeconds() - BEFORE_SECONDS;
            double to = bout.endSeconds() + AFTER_SECONDS;
            List<Alarm> matching = alarms.stream().filter(a -> a.overlaps(from, to)).toList();
            Alarm first = matching.stream().min(Comparator.comparingDouble(Alarm::startSeconds)).orElse(null);
            outcomes.add(first == null ? new BoutOutcome(bout.group(), false, 0, Double.NaN, Double.NaN)
                    : new BoutOutcome(bout.group(), true, matching.size(), first.startSeconds() - bout.startSeconds(),
                            first.reportedSeconds() - bout.startSeconds()));
        }
        List<String> falseAlarms = new ArrayList<>();
        for (Alarm alarm : alarms) {
            boolean onBout = bouts.stream().anyMatch(b -> alarm.overlaps(b.startSeconds() - BEFORE_SECONDS,
                    b.endSeconds() + AFTER_SECONDS));
            if (!onBout) {
                falseAlarms.add(attribute(alarm, distractors));
            }
        }
        return new SceneOutcome(durationSeconds, outcomes, falseAlarms, distractors);
    }

    private static String attribute(Alarm alarm, List<DistractorEvent> distractors) {
        double from = alarm.startSeconds() - REACH_SECONDS;
        double to = alarm.endSeconds() + REACH_SECONDS;
        String best = SoundClass.BED;
        double most = 0;
        for (DistractorEvent event : distractors) {
            double overlap = Math.min(to, event.endSeconds()) - Math.max(from, event.startSeconds());
            if (overlap > most) {
                most = overlap;
                best = event.soundClass();
            }
        }
        return best;
    }
}
