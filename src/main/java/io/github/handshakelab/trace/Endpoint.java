package io.github.handshakelab.trace;

/** One end of the connection; {@code address} may be null and {@code port} -1 when unknown. */
public record Endpoint(Side side, String label, String address, int port) {}
