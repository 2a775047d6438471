package io.github.handshakelab.view;

import io.github.handshakelab.quiz.Level;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Predict mode's scores per scenario and level, the best and the last completed attempt, kept
 * between runs in the user's preferences ({@link Settings#child}). A scenario is mastered when
 * its best attempt at full numbers got at least {@link #MASTERED} of the fields right.
 */
public final class QuizScores {

    public static final double MASTERED = 0.9;

    /** One attempt's result; {@code total} 0 means none. */
    public record Score(int score, int total) {
        public static final Score NONE = new Score(0, 0);

        double ratio() { return total == 0 ? -1 : (double) score / total; }

        @Override public String toString() { return total == 0 ? "–" : score + "/" + total; }

        static Score parse(String s) {
            if (s == null) return NONE;
            int i = s.indexOf('/');
            try {
                return i < 0 ? NONE : new Score(Integer.parseInt(s.substring(0, i)), Integer.parseInt(s.substring(i + 1)));
            } catch (NumberFormatException e) {
                return NONE;
            }
        }
    }

    private final Preferences node;

    public QuizScores(Preferences node) {
        this.node = node;
    }

    public static QuizScores of(Settings settings) {
        return new QuizScores(settings.child("quiz"));
    }

    private static String key(String exercise, Level level, String what) {
        // Preferences keys are at most 80 characters; a long capture name is cut, not refused.
        String k = exercise + "." + level.id + "." + what;
        return k.length() <= Preferences.MAX_KEY_LENGTH ? k : k.substring(k.length() - Preferences.MAX_KEY_LENGTH);
    }

    public Score best(String exercise, Level level) { return Score.parse(node.get(key(exercise, level, "best"), null)); }

    public Score last(String exercise, Level level) { return Score.parse(node.get(key(exercise, level, "last"), null)); }

    public int attempts(String exercise, Level level) { return node.getInt(key(exercise, level, "attempts"), 0); }

    /** Records a completed attempt: it is the last one, and the best if no earlier one did better. */
    public void record(String exercise, Level level, Score s) {
        node.put(key(exercise, level, "last"), s.toString());
        if (s.ratio() > best(exercise, level).ratio()) node.put(key(exercise, level, "best"), s.toString());
        node.putInt(key(exercise, level, "attempts"), attempts(exercise, level) + 1);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Scores are a convenience; an unwritable store must not stop the quiz.
        }
    }

    public boolean mastered(String exercise) {
        return best(exercise, Level.FULL).ratio() >= MASTERED;
    }
}
