#!/usr/bin/python3
"""The link between the two namespaces of scripts/record-linux.sh, in user space.

This kernel has no sch_netem, so the delay and the losses of a scenario are made here: the link
namespace's two veth ends (hl-mc towards the client, hl-ms towards the server) are read with
AF_PACKET sockets and every frame is written to the other end DELAY later. TCP segments of the
recorded port are numbered in the order they reach the link (both directions together, as the
simulator numbers its segments), and the ones named by --drop are not forwarded, which is what
`render --drop N` does. --cut-at T drops every TCP segment from T seconds after --t0 on (a host
that crashed: its kernel no longer answers). Frames other than TCP (ARP) pass at once, so address
resolution does not add a round trip to the first SYN.

Usage: linux_link.py --t0 EPOCH --port P [--delay-ms 50] [--drop N]... [--cut-at SECONDS]
Stops on SIGTERM/SIGINT; prints what it dropped to stderr.
"""
import argparse, heapq, select, signal, socket, struct, sys, time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4

ap = argparse.ArgumentParser()
ap.add_argument("--t0", type=float, required=True)
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--delay-ms", type=float, default=50.0)
ap.add_argument("--drop", type=int, action="append", default=[])
ap.add_argument("--cut-at", type=float, default=None)
ap.add_argument("--client-if", default="hl-mc")
ap.add_argument("--server-if", default="hl-ms")
a = ap.parse_args()

socks = {}
for name in (a.client_if, a.server_if):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((name, 0))
    socks[name] = s
other = {a.client_if: socks[a.server_if], a.server_if: socks[a.client_if]}

running = True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def tcp_of(frame):
    """(ip header offset, tcp offset, sport, dport, flags) for an IPv4 TCP frame, else None."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00" or frame[23] != 6:
        return None
    ihl = (frame[14] & 15) * 4
    t = 14 + ihl
    if len(frame) < t + 20:
        return None
    sport, dport = struct.unpack(">HH", frame[t:t + 4])
    return 14, t, sport, dport, frame[t + 13]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def fix_tcp_checksum(frame, ip, t):
    """Recomputes the TCP checksum: a frame still marked for checksum offload carries only the
    pseudo-header sum, and the receiving stack would drop it."""
    total = struct.unpack(">H", frame[ip + 2:ip + 4])[0]
    seg = bytearray(frame[t:ip + total])
    seg[16:18] = b"\0\0"
    pseudo = frame[ip + 12:ip + 20] + struct.pack(">BBH", 0, 6, len(seg))
    seg[16:18] = struct.pack(">H", checksum(pseudo + bytes(seg)))
    return frame[:t] + bytes(seg) + frame[ip + total:]


count = 0
queue = []  # (due, order, out socket, frame)
order = 0
delay = a.delay_ms / 1000.0
drops = set(a.drop)
while running:
    now = time.time()
    while queue and queue[0][0] <= now:
        _, _, out, frame = heapq.heappop(queue)
        try:
            out.send(frame)
        except OSError as e:
            print("link: send failed: %s" % e, file=sys.stderr)
    timeout = max(0.0, queue[0][0] - time.time()) if queue else 0.2
    try:
        ready, _, _ = select.select(list(socks.values()), [], [], timeout)
    except InterruptedError:
        continue
    for s in ready:
        frame, addr = s.recvfrom(65535)
        if addr[2] == PACKET_OUTGOING:
            continue  # our own write on this end
        t_in = time.time()
        tcp = tcp_of(frame)
        if tcp is None:
            other[addr[0]].send(frame)
            continue
        ip, t, sport, dport, flags = tcp
        if a.port in (sport, dport):
            count += 1
            if count in drops:
                print("link: dropped segment %d (flags 0x%02x) at %.3f s" % (count, flags, t_in - a.t0), file=sys.stderr)
                continue
            if a.cut_at is not None and t_in - a.t0 >= a.cut_at:
                print("link: cut: segment %d at %.3f s not carried" % (count, t_in - a.t0), file=sys.stderr)
                continue
        order += 1
        heapq.heappush(queue, (t_in + delay, order, other[addr[0]], fix_tcp_checksum(frame, ip, t)))
