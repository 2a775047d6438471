package io.github.handshakelab.tcp;

/**
 * Which stack the simulation behaves like. {@link #RFC} follows RFC 9293 (with RFC 5961, RFC 6298
 * and RFC 5681) literally; {@link #LINUX} follows the Linux 6.x defaults where they differ, and
 * every such place is named in the explanations ("Linux: ...").
 */
public enum Profile {
    RFC, LINUX;

    /** The command-line and JSON spelling: {@code rfc} or {@code linux}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Profile parse(String s) {
        for (Profile p : values()) if (p.id().equals(s)) return p;
        throw new IllegalArgumentException("unknown profile '" + s + "'; use rfc or linux");
    }
}
