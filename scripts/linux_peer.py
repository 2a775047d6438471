#!/usr/bin/python3
"""The two applications of each recorded scenario (scripts/record-linux.sh): plain sockets whose
calls happen when the simulator's scripted calls do (sim.Scenarios: "CLOSE 200 ms after
ESTABLISHED" = 200 ms after connect() returned). connect() returning is the client's
ESTABLISHED, accept() returning the server's, recv() returning b"" its CLOSE_WAIT. Every
application reads what arrives (the simulator's applications do) unless the scenario says not.

Usage: linux_peer.py ROLE SCENARIO T0 SERVER_ADDR SERVER_PORT CLIENT_ADDR CLIENT_PORT
ROLE client|server; T0 the epoch second the client connects (the simulation's t = 0).
The process keeps its sockets open until it is killed (the recorder stops the capture first),
so nothing the scenario does not do (a FIN at exit) is recorded.
"""
import select, socket, struct, sys, time

role, scenario, t0 = sys.argv[1], sys.argv[2], float(sys.argv[3])
saddr, sport, caddr, cport = sys.argv[4], int(sys.argv[5]), sys.argv[6], int(sys.argv[7])


def log(msg):
    print("%s %-7s %7.3f %s" % (scenario, role, time.time() - t0, msg), file=sys.stderr, flush=True)


def until(t):
    d = t - time.time()
    if d > 0:
        time.sleep(d)


class Conn:
    """A connected socket whose incoming bytes are read while the script waits (drain)."""

    def __init__(self, s):
        self.s, self.got, self.eof_at = s, 0, None

    def pump(self, deadline=None, want=None, eof=False):
        """Reads until `deadline`, until `want` bytes have come in total, or until EOF."""
        while True:
            if want is not None and self.got >= want:
                return
            if self.eof_at is not None:
                return
            if deadline is not None and time.time() >= deadline and not (eof or want):
                return
            timeout = None if deadline is None else max(0.0, deadline - time.time())
            r, _, _ = select.select([self.s], [], [], timeout)
            if not r:
                if deadline is not None and time.time() >= deadline:
                    return
                continue
            try:
                b = self.s.recv(65536)
            except OSError as e:  # a RST: the connection is gone
                log("recv: %s" % e)
                self.eof_at = time.time()
                return
            if not b:
                self.eof_at = time.time()
                log("EOF (CLOSE_WAIT or TIME_WAIT)")
                return
            self.got += len(b)

    def wait(self, seconds):
        self.pump(deadline=time.time() + seconds)

    def wait_until(self, t):
        self.pump(deadline=t)

    def wait_eof(self):
        self.pump(eof=True)
        return self.eof_at

    def read(self, n):
        self.pump(want=self.got + n)

    def send(self, n, fill=b"x"):
        try:
            self.s.sendall(fill * n)
            log("sent %d" % n)
        except OSError as e:
            log("send: %s" % e)

    def close(self):
        self.s.close()
        log("close()")

    def shutdown(self):
        self.s.shutdown(socket.SHUT_WR)
        log("shutdown(SHUT_WR)")

    def abort(self):
        # SO_LINGER with a zero timeout: close() discards the connection with a RST (ABORT).
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.s.close()
        log("close() with SO_LINGER 0 (abort)")


def client_socket(bind_port=True):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if bind_port:
        s.bind((caddr, cport))
    return s


def connect(s=None, at=None):
    s = s or client_socket()
    until(t0 if at is None else at)
    try:
        s.connect((saddr, sport))
    except OSError as e:
        log("connect: %s" % e)
        return None
    log("connected")
    return Conn(s)


_listener = None


def accept():
    c, _ = _listener.accept()
    log("accepted")
    return Conn(c)


def hold():
    while True:
        time.sleep(3600)


def probe_isn(out):
    """old-duplicate-syn, before the capture: Linux's ISN is a keyed hash of the four-tuple plus
    ktime_get_real_ns() >> 6 (secure_tcp_seq), so one SYN from the same four-tuple, read off the
    wire, gives the hash; a later ISN is predicted from the clock to within a few hundred. The
    SYN goes nowhere (the link is not running yet) and close() in SYN_SENT sends nothing."""
    snif = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))  # ETH_P_ALL: outgoing frames too
    snif.bind(("hl-c", 0))
    s = client_socket()
    s.setblocking(False)
    before = time.time_ns()
    try:
        s.connect((saddr, sport))
    except BlockingIOError:
        pass
    while True:
        f = snif.recv(2048)
        ihl = (f[14] & 15) * 4
        t = 14 + ihl
        sp, dp, seq = struct.unpack(">HHI", f[t:t + 8])
        if f[12:14] == b"\x08\x00" and f[23] == 6 and sp == cport and dp == sport and f[t + 13] & 0x02:
            break
    s.close()
    with open(out, "w") as w:
        w.write("%d %d\n" % (seq, before))
    log("probe: ISN %d at %d" % (seq, before))


def client():
    sc = scenario
    if sc in ("three-way-handshake", "lost-syn", "lost-syn-ack", "lost-handshake-ack"):
        c = connect()
        c.pump()
    elif sc in ("four-way-close", "lost-final-ack"):
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.close()
    elif sc == "server-closes-first":
        c = connect()
        cw = c.wait_eof(); until(cw + 0.15); c.close()
    elif sc == "three-segment-close":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.close()
    elif sc == "data-transfer":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.send(100)
        c.wait_until(e + 0.6); c.close()
    elif sc == "half-close-with-data":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.shutdown()
        c.pump()  # reads the server's data until its FIN
    elif sc == "simultaneous-open":
        # Both ends connect() to each other's bound port at the same instant: no listener.
        c = connect()
        c.pump()
    elif sc == "simultaneous-close":
        c = connect()
        # Both close 150 ms after both are ESTABLISHED; the server is last, at 0.15 s.
        c.wait_until(t0 + 0.3); c.close()
    elif sc == "connect-to-closed-port":
        connect()
    elif sc == "reset-mid-connection":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.send(100)
        c.wait_until(e + 0.4); c.abort()
    elif sc == "close-with-unread-data":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.send(100)
        c.wait_eof()  # the server's RST ends it; CLOSE_WAIT is never reached
    elif sc == "shutdown-vs-close":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2); c.close()
    elif sc == "data-on-fin":
        c = connect(); e = time.time()
        c.wait_until(e + 0.2)
        # write() then close() "at once": a plain write leaves at once (nothing in flight, Nagle
        # does not hold it), so the FIN would follow in its own segment. TCP_CORK holds the
        # 100 bytes until close(), and tcp_send_fin() then sets FIN on that queued segment.
        c.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
        c.send(100); c.close()
    elif sc == "syn-in-time-wait":
        c = connect()
        cw = c.wait_eof(); until(cw + 0.15); c.close()
        # The simulator opens again 1 s after this side reached CLOSED, i.e. when the ACK of its
        # FIN arrived: one round trip (0.1 s) after the close. Same port: same four-tuple.
        c2 = connect(at=cw + 0.15 + 0.1 + 1.0)
        c2.pump()
    elif sc == "keep-alive":
        s = client_socket()
        # Set before connect(): tcp_finish_connect() arms the keep-alive timer on ESTABLISHED.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 5)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
        c = connect(s)
        c.pump()
    elif sc == "old-duplicate-syn":
        # An old SYN of this four-tuple reaches the server first (t = 0); this client connects at
        # 60 ms. Its ISN is predicted from the probe (probe_isn), and the old SYN is 1000 below
        # it: far enough that the prediction's error cannot put it above, near enough to be
        # inside the window of the server's half-open request (the scenario's case).
        from scapy.all import IP, TCP
        isn1, ns1 = map(int, open(sys.argv[8]).read().split())
        at = t0 + 0.06
        predicted = (isn1 + ((int(at * 1e9) - ns1) >> 6)) & 0xFFFFFFFF
        old = bytes(IP(src=caddr, dst=saddr) / TCP(sport=cport, dport=sport, flags="S", seq=(predicted - 1000) & 0xFFFFFFFF,
                   window=64240, options=[("MSS", 1460)]))
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        until(t0)
        raw.sendto(old, (saddr, 0))
        log("old SYN sent, seq %d" % ((predicted - 1000) & 0xFFFFFFFF))
        c = connect(at=at)
        if c:
            c.pump()
    elif sc == "syn-flood":
        # Six SYNs from forged sources (198.51.100.1-6), one every 10 ms from t = 0, written with
        # scapy's raw socket (the server's SYN,ACKs to them reach this namespace and die here: it
        # does not forward); the real client connects at 0.2 s.
        from scapy.all import IP, TCP
        import random
        # scapy builds the packets (checksums included) before t0; a plain raw socket sends them,
        # so each leaves on time (scapy's own send path takes tens of ms on its first packet).
        forged = [bytes(IP(src="198.51.100.%d" % (i + 1), dst=saddr) / TCP(sport=random.randint(20000, 60000), dport=sport,
                  flags="S", seq=random.getrandbits(32), window=64240, options=[("MSS", 1460)])) for i in range(6)]
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        for i, p in enumerate(forged):
            until(t0 + 0.01 * i)
            raw.sendto(p, (saddr, 0))
        log("6 forged SYNs sent")
        c = connect(at=t0 + 0.2)
        c.pump()
    elif sc in ("tls12-handshake", "tls13-handshake"):
        c = connect()
        flights = TLS[sc]
        for i, (side, n) in enumerate(flights):
            if side == "C":
                time.sleep(0.001); c.send(n)
            else:
                c.read(n)
        time.sleep(0.001); c.close()
    else:
        raise SystemExit("no client plan for " + sc)
    hold()


# The TLS flights' sizes (sim.TlsFlights, record headers included); the bytes are filler, what
# is compared is TCP's segmentation, acknowledgements and timing of flights of these sizes.
TLS = {
    "tls12-handshake": [("C", 517), ("S", 93 + 2653 + 338 + 9), ("C", 75 + 6 + 45), ("S", 6 + 45), ("C", 120), ("S", 1200)],
    "tls13-handshake": [("C", 517), ("S", 127 + 6 + 2853), ("C", 6 + 58 + 120), ("S", 250 + 1200)],
}


def server():
    global _listener
    sc = scenario
    if sc == "simultaneous-open":
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((saddr, sport))
        until(t0 + 0.002)  # a hair after the client, so its SYN is the capture's first
        try:
            s.connect((caddr, cport))
            log("connected")
        except OSError as e:
            log("connect: %s" % e)
        hold()
    if sc == "connect-to-closed-port":
        hold()
    _listener = socket.socket()
    _listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    _listener.bind((saddr, sport))
    # syn-flood: a backlog of 4, the scenario's (sk_max_ack_backlog bounds the half-open requests).
    _listener.listen(4 if sc == "syn-flood" else 8)
    print("listening", flush=True)
    if sc in ("three-way-handshake", "lost-syn", "lost-syn-ack", "lost-handshake-ack", "keep-alive",
              "reset-mid-connection", "syn-flood", "old-duplicate-syn"):
        c = accept()
        c.pump()
    elif sc in ("four-way-close", "lost-final-ack", "three-segment-close", "data-on-fin"):
        c = accept()
        cw = c.wait_eof()
        if sc != "three-segment-close":  # that one closes as soon as it reads the FIN
            until(cw + 0.15)
        c.close()
    elif sc == "server-closes-first":
        c = accept(); e = time.time()
        c.wait_until(e + 0.15); c.close()
    elif sc == "data-transfer":
        c = accept(); e = time.time()
        c.wait_until(e + 0.35); c.send(200)
        cw = c.wait_eof(); until(cw + 0.15); c.close()
    elif sc in ("half-close-with-data", "shutdown-vs-close"):
        c = accept()
        cw = c.wait_eof()
        if sc == "half-close-with-data":
            until(cw + 0.15); c.send(100)
            until(cw + 0.35); c.send(50)
        else:
            until(cw + 0.15); c.send(100)
        until(cw + 0.55); c.close()
    elif sc == "simultaneous-close":
        c = accept()
        c.wait_until(t0 + 0.3); c.close()
    elif sc == "close-with-unread-data":
        c = accept(); e = time.time()
        until(e + 0.4); c.close()  # never read: 100 bytes are unread
    elif sc == "syn-in-time-wait":
        c = accept(); e = time.time()
        c.wait_until(e + 0.15); c.close()
        c2 = accept()
        c2.pump()
    elif sc in ("tls12-handshake", "tls13-handshake"):
        c = accept()
        for side, n in TLS[sc]:
            if side == "S":
                time.sleep(0.001); c.send(n)
            else:
                c.read(n)
        cw = c.wait_eof(); until(cw + 0.15); c.close()
    else:
        raise SystemExit("no server plan for " + sc)
    hold()


if role == "probe":
    probe_isn(sys.argv[8])
elif role == "client":
    client()
else:
    server()
