package io.github.handshakelab.capture;

/**
 * One TCP conversation of a capture, as listed by {@code conversations FILE} (DESIGN §4).
 * {@code bytes} counts frame bytes on the wire both ways, as Wireshark's Conversations table
 * does; {@code start} is epoch microseconds, {@code duration} microseconds.
 */
public record Conversation(int stream, String clientAddress, int clientPort, String serverAddress, int serverPort,
                           boolean clientGuessed, long packets, long bytes, long packetsToServer, long packetsToClient,
                           long start, long duration, Opened opened, Closed closed) {

    public enum Opened { HANDSHAKE, PARTIAL, MIDSTREAM }

    public enum Closed { FIN, RST, OPEN }

    /** "10.0.0.1:40000" or "[::1]:40000". */
    public static String endpoint(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    public String client() { return endpoint(clientAddress, clientPort); }

    public String server() { return endpoint(serverAddress, serverPort); }
}
