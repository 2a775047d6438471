package io.github.handshakelab.view;

/** The lab the UI tests and screenshots drive. */
final class LabFactory {
    private LabFactory() {}

    static Lab create() {
        return new SimLab();
    }
}
