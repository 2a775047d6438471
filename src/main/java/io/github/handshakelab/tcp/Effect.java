package io.github.handshakelab.tcp;

import io.github.handshakelab.text.Explanation;

/** Something a {@link Connection} did while handling one event, in the order it did it. */
public sealed interface Effect {

    record Send(Outgoing out) implements Effect {}

    record StateChanged(TcpState from, TcpState to, String cause) implements Effect {}

    record TimerChanged(TimerKind timer, Action action, long expires) implements Effect {}

    /** A user-visible message: an RFC error response, a delivered byte count, a reset signal. */
    record Notice(Explanation text) implements Effect {}

    enum Action { SET, FIRED, CANCELLED }
}
