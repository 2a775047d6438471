package io.github.handshakelab.tcp;

/** User calls of RFC 9293 §3.10 as the trace records them (LISTEN = passive OPEN, CONNECT = active OPEN). */
public enum UserCall { LISTEN, CONNECT, SEND, CLOSE, ABORT }
