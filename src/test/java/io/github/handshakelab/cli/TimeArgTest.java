package io.github.handshakelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** DESIGN §6: a time on the command line is 250ms, 2s, 1.5s or plain microseconds. */
class TimeArgTest {

    @ParameterizedTest
    @CsvSource({"250ms,250000", "2s,2000000", "1.5s,1500000", "1250000,1250000", "0,0", "0.25ms,250",
            "20us,20", "20µs,20", "' 3s ',3000000", "61.55s,61550000"})
    void parsesEveryForm(String text, long us) {
        assertEquals(us, TimeArg.parse("--at", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "2 h", "1.5", "0.0000001s", "1e3", "99999999999999999999s"})
    void refusesWithOneLineNamingTheOption(String text) {
        Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> TimeArg.parse("--at", text));
        assertTrue(e.getMessage().startsWith("--at: '" + text + "'"), e.getMessage());
    }

    /**
     * Lesson files and the lesson editor parse with lesson.Times, the command line with TimeArg:
     * one parser, so the same text means the same time, or is refused for the same reason.
     */
    @ParameterizedTest
    @ValueSource(strings = {"250ms", "2s", "1.5s", "1250000", "20us", "20µs", " 3s ", "250 ms", "-0",
            "", "abc", "-1", "-2s", "2 h", "1.5", "0.0000001s", "1e3", ".5s", "99999999999999999999s", "1,5s"})
    void lessonFilesAndTheCommandLineShareOneParser(String text) {
        Long lesson;
        String why;
        try {
            lesson = io.github.handshakelab.lesson.Times.parse(text);
            why = null;
        } catch (IllegalArgumentException e) {
            lesson = null;
            why = e.getMessage();
        }
        if (lesson != null) {
            assertEquals(lesson, TimeArg.parse("--at", text));
        } else {
            Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> TimeArg.parse("--at", text));
            assertEquals("--at: " + why, e.getMessage());
            assertTrue(why.startsWith("'" + text + "' is "), why);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"-1|'-1' is negative; times count from the start of the trace",
            "1e3|'1e3' is not a time; use 250ms, 2s, 1.5s or plain microseconds",
            "0.5us|'0.5us' is not a whole number of microseconds", "99999999999999999999|'99999999999999999999' is too large"})
    void saysWhyATimeIsRefused(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.github.handshakelab.lesson.Times.parse(text));
        assertEquals(why, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,0.000s", "1550000,1.550s", "61550000,61.550s"})
    void formatsSecondsWithMilliseconds(long us, String text) {
        assertEquals(text, TimeArg.format(us));
    }

    /** --call times go through the same parser: a fraction of a microsecond is refused with TimeArg's reason. */
    @Test
    void scenarioCallTimesAreParsedByTimeArg() {
        Cli.UsageException e = assertThrows(Cli.UsageException.class,
                () -> ScenarioOptions.parse("lost-syn", List.of("--call", "client:close@0.0000001s")));
        assertEquals("--call: '0.0000001s' is not a whole number of microseconds", e.getMessage());
        e = assertThrows(Cli.UsageException.class, () -> ScenarioOptions.parse("lost-syn", List.of("--call", "client:close@soon")));
        assertEquals("--call: 'soon' is not a time; use 250ms, 2s, 1.5s or plain microseconds", e.getMessage());
    }

    /** live --duration: a plain number is seconds there; with a unit, TimeArg's forms. */
    @Test
    void liveDurationTakesPlainSecondsOrTheTimeForms() {
        assertEquals(10_000_000, LiveCommand.seconds("10"));
        assertEquals(1_500_000, LiveCommand.seconds("1.5"));
        assertEquals(500_000, LiveCommand.seconds("500ms"));
        assertEquals(2_000_000, LiveCommand.seconds("2s"));
        assertEquals(250, LiveCommand.seconds("250us"));
        for (String bad : List.of("0", "0s", "-1", "soon", "1e3", "0.0000001")) {
            Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> LiveCommand.seconds(bad));
            assertTrue(e.getMessage().startsWith("bad --duration '" + bad + "'; use seconds greater than 0"), e.getMessage());
        }
    }
}
