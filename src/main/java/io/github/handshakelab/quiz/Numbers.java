package io.github.handshakelab.quiz;

/**
 * Which sequence numbers the learner writes. Absolute is the default: the ISNs come from the seed,
 * so memorising "seq=0 ack=1" does not help (the textbooks' seq=x, ack=x+1 is what is asked).
 */
public enum Numbers {
    ABSOLUTE, RELATIVE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Numbers ofId(String id) {
        return switch (id) {
            case "absolute" -> ABSOLUTE;
            case "relative" -> RELATIVE;
            default -> throw new IllegalArgumentException("unknown numbers '" + id + "'; use absolute or relative");
        };
    }
}
