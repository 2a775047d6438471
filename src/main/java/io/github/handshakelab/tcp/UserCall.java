package io.github.handshakelab.tcp;

/**
 * User calls of RFC 9293 §3.10 as the trace records them (LISTEN = passive OPEN, CONNECT = active
 * OPEN). {@link #SHUTDOWN} is the socket API's shutdown(SHUT_WR): RFC 9293's CLOSE ("I have no
 * more to send", §3.10.4). CLOSE is the socket API's close(): in the RFC profile the same as
 * SHUTDOWN; in the Linux profile it also gives up the socket (orphan), which changes what happens to
 * unread or later data and arms the FIN_WAIT_2 timer. The v1 trace schema has no SHUTDOWN, so the
 * simulator records it as CLOSE plus a note.
 */
public enum UserCall { LISTEN, CONNECT, SEND, CLOSE, ABORT, SHUTDOWN }
