package io.github.handshakelab.quiz;

import java.util.List;

/**
 * One thing a learner predicts about a segment. {@link #json} is the name in the answers file and
 * in the grade report (DESIGN §6.1); the two states are graded separately, so a report can say
 * which endpoint was wrong.
 */
public enum Field {
    FROM("from"), FLAGS("flags"), SEQ("seq"), ACK("ack"), LEN("len"),
    STATE_CLIENT("states.client"), STATE_SERVER("states.server");

    public final String json;

    Field(String json) {
        this.json = json;
    }

    /** The fields a level asks, in the order they are asked. */
    public static List<Field> asked(Level level) {
        return level == Level.FULL ? List.of(values()) : List.of(FROM, FLAGS, STATE_CLIENT, STATE_SERVER);
    }

    public boolean isNumber() {
        return this == SEQ || this == ACK || this == LEN;
    }
}
