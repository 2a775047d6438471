package io.github.handshakelab.sim;

/**
 * The knobs of one simulation (DESIGN §3 textbook profile by default). Times in microseconds.
 *
 * @param isnClient the client's ISN, or null to derive it from {@code seed}
 * @param isnServer the server's ISN, or null to derive it from {@code seed}
 * @param backlog   how many half-open (SYN_RCVD) connections the listener holds
 * @param window    the receive window every endpoint advertises (1..65535; no zero-window probing)
 */
public record SimParams(long delayUs, long initialRtoUs, int synRetries, long mslUs,
                        Long isnClient, Long isnServer, long seed,
                        boolean synCookies, int backlog, int window, io.github.handshakelab.tcp.Profile profile) {

    public static final long MAX_U32 = 0xFFFF_FFFFL;

    public SimParams {
        if (delayUs < 0) throw new IllegalArgumentException("delay must not be negative: " + delayUs);
        if (initialRtoUs <= 0) throw new IllegalArgumentException("initial RTO must be positive: " + initialRtoUs);
        if (synRetries < 0) throw new IllegalArgumentException("SYN retries must not be negative: " + synRetries);
        if (mslUs < 0) throw new IllegalArgumentException("MSL must not be negative: " + mslUs);
        if (isnClient != null && (isnClient < 0 || isnClient > MAX_U32))
            throw new IllegalArgumentException("client ISN must be 0.." + MAX_U32 + ": " + isnClient);
        if (isnServer != null && (isnServer < 0 || isnServer > MAX_U32))
            throw new IllegalArgumentException("server ISN must be 0.." + MAX_U32 + ": " + isnServer);
        if (backlog < 1) throw new IllegalArgumentException("backlog must be at least 1: " + backlog);
        // A zero window would need persist-timer probing (RFC 9293 §3.8.6.1), which is not simulated.
        if (window < 1 || window > 65535) throw new IllegalArgumentException("window must be 1..65535: " + window);
        if (profile == null) throw new IllegalArgumentException("profile must be rfc or linux");
    }

    public static SimParams defaults() {
        return new SimParams(50_000, 1_000_000, 6, 30_000_000, null, null, 1, false, 128, 65535,
                io.github.handshakelab.tcp.Profile.RFC);
    }

    public SimParams withDelayUs(long v) { return new SimParams(v, initialRtoUs, synRetries, mslUs, isnClient, isnServer, seed, synCookies, backlog, window, profile); }
    public SimParams withInitialRtoUs(long v) { return new SimParams(delayUs, v, synRetries, mslUs, isnClient, isnServer, seed, synCookies, backlog, window, profile); }
    public SimParams withSynRetries(int v) { return new SimParams(delayUs, initialRtoUs, v, mslUs, isnClient, isnServer, seed, synCookies, backlog, window, profile); }
    public SimParams withMslUs(long v) { return new SimParams(delayUs, initialRtoUs, synRetries, v, isnClient, isnServer, seed, synCookies, backlog, window, profile); }
    public SimParams withIsnClient(Long v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, v, isnServer, seed, synCookies, backlog, window, profile); }
    public SimParams withIsnServer(Long v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, v, seed, synCookies, backlog, window, profile); }
    public SimParams withSeed(long v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, isnServer, v, synCookies, backlog, window, profile); }
    public SimParams withSynCookies(boolean v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, isnServer, seed, v, backlog, window, profile); }
    public SimParams withBacklog(int v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, isnServer, seed, synCookies, v, window, profile); }
    public SimParams withProfile(io.github.handshakelab.tcp.Profile v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, isnServer, seed, synCookies, backlog, window, v); }
    public SimParams withWindow(int v) { return new SimParams(delayUs, initialRtoUs, synRetries, mslUs, isnClient, isnServer, seed, synCookies, backlog, v, profile); }
}
