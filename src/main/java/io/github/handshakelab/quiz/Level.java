package io.github.handshakelab.quiz;

/** How much a learner predicts: who sends, flags and states only, or every number as well. */
public enum Level {
    FLAGS_AND_STATES("states"), FULL("full");

    public final String id;

    Level(String id) {
        this.id = id;
    }

    public static Level ofId(String id) {
        for (Level l : values()) if (l.id.equals(id)) return l;
        throw new IllegalArgumentException("unknown level '" + id + "'; use states or full");
    }
}
