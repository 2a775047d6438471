package io.github.handshakelab.trace;

/** The two lifelines: client on the left, server on the right. */
public enum Side {
    CLIENT, SERVER;

    public String id() { return this == CLIENT ? "client" : "server"; }

    public Side other() { return this == CLIENT ? SERVER : CLIENT; }

    public static Side ofId(String id) {
        return switch (id) {
            case "client" -> CLIENT;
            case "server" -> SERVER;
            default -> throw new IllegalArgumentException("unknown endpoint '" + id + "'");
        };
    }
}
