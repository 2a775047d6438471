package io.github.handshakelab.view;

import io.github.handshakelab.diagram.DiagramLayout;
import io.github.handshakelab.trace.TraceEvent;

/** The arrow label text, shared by the diagram and the panels. */
final class DiagramLabel {
    private DiagramLabel() {}

    static String of(TraceEvent.Segment s, boolean absolute) {
        return DiagramLayout.label(s, absolute);
    }
}
