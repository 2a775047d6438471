package io.github.handshakelab.questions;

import java.util.List;
import java.util.Locale;

/**
 * One interview question of the bank (DESIGN §6.2) with its model answer and the common wrong
 * answers ("pitfalls"), each in English and Simplified Chinese, and what "Show me" opens.
 *
 * @param topic one of {@link QuestionBank#TOPICS}; named per language by the {@code questions} bundle
 */
public record Question(String id, String topic, Text question, Text answer, List<Text> pitfalls, Show show) {

    public Question {
        pitfalls = List.copyOf(pitfalls);
    }

    /** A text in both languages of the app. */
    public record Text(String en, String zh) {
        /** Chinese for a Chinese locale, English otherwise. */
        public String in(Locale locale) {
            return QuestionBank.isChinese(locale) ? zh : en;
        }
    }

    /**
     * What "Show me" opens: a built-in scenario with {@code render} options, or a capture's
     * stream; the playhead goes to {@code at} (µs) and segment {@code segment} (its trace id, an
     * extension of DESIGN §6.2) is selected.
     */
    public sealed interface Show {
        long at();

        int segment();
    }

    /** {@code render --scenario scenario OPTIONS} draws the same trace (options parsed by {@code cli.ScenarioOptions}). */
    public record ScenarioShow(String scenario, List<String> options, long at, int segment) implements Show {
        public ScenarioShow {
            options = List.copyOf(options);
        }
    }

    /** A capture file (path relative to the project root) and its stream, as {@code conversations} numbers them. */
    public record CaptureShow(String capture, int stream, long at, int segment) implements Show {}
}
