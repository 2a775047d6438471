package io.github.handshakelab.quiz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.handshakelab.trace.Side;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an answers file (DESIGN §6.1: {@code {"answers": [{"n": 1, "from": ..., "flags": [...], ...}]}})
 * with Jackson's streaming parser, so every problem carries the line and column where it is.
 * Optional top-level {@code seed}, {@code scenario} and {@code numbers} let a file say which
 * exercise it answers (a worksheet's JSON carries them).
 */
public final class AnswersFile {

    /** A problem in the file at a 1-based line and column. */
    public static final class Problem extends Exception {
        public final int line, column;

        Problem(JsonLocation at, String message) {
            super(message);
            this.line = at == null ? 0 : at.getLineNr();
            this.column = at == null ? 0 : at.getColumnNr();
        }

        /** {@code FILE:LINE:COL: problem}. */
        public String describe(String file) {
            return file + ":" + line + ":" + column + ": " + getMessage();
        }
    }

    /**
     * @param answers per question number, the fields given ({@code ack: null} is a key with a null value)
     * @param at      where each answer object starts, to report an unknown {@code n}
     */
    public record Answers(Long seed, String scenario, String numbers, Map<Integer, Map<Field, Object>> answers,
                          Map<Integer, int[]> at, String capture, Integer stream) {

        /** Every {@code n} must be a question of {@code quiz}; the first that is not, with its location. */
        public void checkAgainst(Quiz quiz) throws Problem {
            for (var e : answers.entrySet()) {
                if (quiz.question(e.getKey()) == null) {
                    int[] lc = at.get(e.getKey());
                    throw new Problem(new JsonLocation(null, -1, lc[0], lc[1]), "unknown question n = " + e.getKey()
                            + " (this exercise has questions 1 to " + quiz.questions().size() + ")");
                }
            }
        }
    }

    private AnswersFile() {}

    public static Answers read(Reader in, Numbers numbers) throws IOException, Problem {
        JsonParser p = new JsonFactory().createParser(in);
        try {
            return top(p, numbers);
        } catch (JsonParseException e) {
            String m = e.getOriginalMessage();
            int nl = m.indexOf('\n');
            throw new Problem(e.getLocation(), "not valid JSON: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    private static Answers top(JsonParser p, Numbers numbers) throws IOException, Problem {
        if (p.nextToken() != JsonToken.START_OBJECT) throw new Problem(p.currentTokenLocation(), "expected an object {\"answers\": [...]}");
        Long seed = null;
        String scenario = null, nums = null, capture = null;
        Integer stream = null;
        Map<Integer, Map<Field, Object>> answers = null;
        Map<Integer, int[]> at = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation loc = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            switch (name) {
                case "version" -> expect(p, t, JsonToken.VALUE_NUMBER_INT, "version", "a whole number");
                case "seed" -> {
                    expect(p, t, JsonToken.VALUE_NUMBER_INT, "seed", "a whole number");
                    seed = p.getLongValue();
                }
                case "scenario" -> {
                    expect(p, t, JsonToken.VALUE_STRING, "scenario", "a string");
                    scenario = p.getText();
                }
                case "capture" -> {
                    expect(p, t, JsonToken.VALUE_STRING, "capture", "a string (the capture file's name)");
                    capture = p.getText();
                }
                case "stream" -> {
                    expect(p, t, JsonToken.VALUE_NUMBER_INT, "stream", "a whole number");
                    if (p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE)
                        throw new Problem(p.currentTokenLocation(), "stream must be 0 or more, not " + p.getText());
                    stream = p.getIntValue();
                }
                case "numbers" -> {
                    expect(p, t, JsonToken.VALUE_STRING, "numbers", "\"absolute\" or \"relative\"");
                    nums = p.getText();
                    if (!nums.equals("absolute") && !nums.equals("relative"))
                        throw new Problem(p.currentTokenLocation(), "numbers must be \"absolute\" or \"relative\", not \"" + nums + "\"");
                }
                case "answers" -> {
                    expect(p, t, JsonToken.START_ARRAY, "answers", "an array of answer objects");
                    answers = new HashMap<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonLocation start = p.currentTokenLocation();
                        if (p.currentToken() != JsonToken.START_OBJECT) throw new Problem(start, "each answer must be an object {\"n\": ..., ...}");
                        var one = answer(p, numbers, start);
                        if (answers.containsKey(one.n())) throw new Problem(start, "question n = " + one.n() + " is answered twice");
                        answers.put(one.n(), one.fields());
                        at.put(one.n(), new int[]{start.getLineNr(), start.getColumnNr()});
                    }
                }
                default -> throw new Problem(loc, "unknown field \"" + name + "\" (use answers; optional: version, seed, scenario, capture, stream, numbers)");
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) throw new Problem(p.currentTokenLocation(), "expected a field name or }");
        if (p.nextToken() != null) throw new Problem(p.currentTokenLocation(), "unexpected content after the top-level object");
        if (answers == null) throw new Problem(p.currentTokenLocation(), "no \"answers\" array");
        return new Answers(seed, scenario, nums, answers, at, capture, stream);
    }

    private record One(int n, Map<Field, Object> fields) {}

    private static One answer(JsonParser p, Numbers numbers, JsonLocation start) throws IOException, Problem {
        Integer n = null;
        Map<Field, Object> f = new EnumMap<>(Field.class);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation nameAt = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            JsonLocation at = p.currentTokenLocation();
            try {
                switch (name) {
                    case "n" -> {
                        expect(p, t, JsonToken.VALUE_NUMBER_INT, "n", "a question number");
                        long v = p.getLongValue();
                        if (v < 1 || v > Integer.MAX_VALUE) throw new Problem(at, "n must be a question number from 1, not " + v);
                        n = (int) v;
                    }
                    case "from" -> {
                        expect(p, t, JsonToken.VALUE_STRING, "from", "\"client\" or \"server\"");
                        f.put(Field.FROM, Parse.side(p.getText()));
                    }
                    case "flags" -> {
                        expect(p, t, JsonToken.START_ARRAY, "flags", "an array of flag names such as [\"SYN\", \"ACK\"]");
                        List<String> names = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            at = p.currentTokenLocation();
                            expect(p, p.currentToken(), JsonToken.VALUE_STRING, "flags", "flag names as strings");
                            names.add(p.getText());
                        }
                        f.put(Field.FLAGS, Parse.flags(names));
                    }
                    case "seq" -> {
                        expect(p, t, JsonToken.VALUE_NUMBER_INT, "seq", "a whole number");
                        f.put(Field.SEQ, Parse.number(p.getText(), false, numbers));
                    }
                    case "ack" -> {
                        if (t == JsonToken.VALUE_NULL) {
                            f.put(Field.ACK, null);
                        } else {
                            expect(p, t, JsonToken.VALUE_NUMBER_INT, "ack", "a whole number or null");
                            f.put(Field.ACK, Parse.number(p.getText(), false, numbers));
                        }
                    }
                    case "len" -> {
                        expect(p, t, JsonToken.VALUE_NUMBER_INT, "len", "a whole number of bytes");
                        f.put(Field.LEN, Parse.length(p.getText()));
                    }
                    case "states" -> {
                        expect(p, t, JsonToken.START_OBJECT, "states", "an object {\"client\": STATE, \"server\": STATE}");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String side = p.currentName();
                            JsonLocation sideAt = p.currentTokenLocation();
                            JsonToken v = p.nextToken();
                            at = p.currentTokenLocation();
                            Field sf;
                            try {
                                sf = Side.ofId(side) == Side.CLIENT ? Field.STATE_CLIENT : Field.STATE_SERVER;
                            } catch (IllegalArgumentException e) {
                                throw new Problem(sideAt, "unknown endpoint \"" + side + "\" in states (use client, server)");
                            }
                            expect(p, v, JsonToken.VALUE_STRING, "states." + side, "a state name such as \"ESTABLISHED\"");
                            f.put(sf, Parse.state(p.getText()));
                        }
                    }
                    default -> throw new Problem(nameAt, "unknown field \"" + name + "\" (use n, from, flags, seq, ack, len, states)");
                }
            } catch (IllegalArgumentException e) {
                throw new Problem(at, name + ": " + e.getMessage());
            }
        }
        if (n == null) throw new Problem(start, "answer without \"n\" (the question number)");
        return new One(n, f);
    }

    private static void expect(JsonParser p, JsonToken t, JsonToken want, String field, String what) throws Problem {
        if (t != want) throw new Problem(p.currentTokenLocation(), field + " must be " + what + ", not " + kind(t));
    }

    private static String kind(JsonToken t) {
        if (t == null) return "the end of the file";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
