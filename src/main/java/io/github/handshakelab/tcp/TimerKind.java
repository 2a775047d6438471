package io.github.handshakelab.tcp;

public enum TimerKind { RETRANSMISSION, TIME_WAIT, FIN_WAIT_2, KEEPALIVE, USER_TIMEOUT }
