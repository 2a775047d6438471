#!/usr/bin/python3
"""Tunnel fixtures for issue #11, made with scapy (Debian: apt-get install python3-scapy), not by hand.

Each file holds the same TCP exchange (handshake, 5 bytes of data and their ACK, a four-way close)
carried inside one encapsulation; the inner addresses 192.168.1.10:40000 -> 192.168.2.20:80 (or
fd00::10 -> fd00::20 for IPv6 inside) are what the conversation must be keyed by.
Run from this directory: /usr/bin/python3 make_tunnels.py   (the output is deterministic)
"""
from scapy.all import Ether, IP, IPv6, TCP, UDP, Raw, GRE
from scapy.layers.ipsec import AH
from scapy.layers.vxlan import VXLAN
from scapy.contrib.gtp import GTP_U_Header, GTPPDUSessionContainer
from scapy.utils import RawPcapWriter

C4, S4 = "192.168.1.10", "192.168.2.20"
C6, S6 = "fd00::10", "fd00::20"
OUT_A, OUT_B = "203.0.113.1", "198.51.100.2"
CISN, SISN = 1000, 5000
T0 = 1_700_000_000


def exchange(v6=False):
    """(from_client, inner IP/TCP packet) of the whole exchange."""
    ip = (lambda s, d: IPv6(src=s, dst=d)) if v6 else (lambda s, d: IP(src=s, dst=d, id=1, flags="DF"))
    c, s = (C6, S6) if v6 else (C4, S4)
    cl = lambda: ip(c, s)
    sv = lambda: ip(s, c)
    out = [
        (True, cl() / TCP(sport=40000, dport=80, flags="S", seq=CISN, window=64240,
                          options=[("MSS", 1460), ("SAckOK", b""), ("WScale", 7)])),
        (False, sv() / TCP(sport=80, dport=40000, flags="SA", seq=SISN, ack=CISN + 1, window=65160,
                           options=[("MSS", 1460), ("SAckOK", b""), ("WScale", 7)])),
        (True, cl() / TCP(sport=40000, dport=80, flags="A", seq=CISN + 1, ack=SISN + 1, window=502)),
        (True, cl() / TCP(sport=40000, dport=80, flags="PA", seq=CISN + 1, ack=SISN + 1, window=502) / Raw(b"hello")),
        (False, sv() / TCP(sport=80, dport=40000, flags="A", seq=SISN + 1, ack=CISN + 6, window=509)),
        (True, cl() / TCP(sport=40000, dport=80, flags="FA", seq=CISN + 6, ack=SISN + 1, window=502)),
        (False, sv() / TCP(sport=80, dport=40000, flags="A", seq=SISN + 1, ack=CISN + 7, window=509)),
        (False, sv() / TCP(sport=80, dport=40000, flags="FA", seq=SISN + 1, ack=CISN + 7, window=509)),
        (True, cl() / TCP(sport=40000, dport=80, flags="A", seq=CISN + 7, ack=SISN + 2, window=502)),
    ]
    return out


def outer(from_client, v6=False):
    a, b = (OUT_A, OUT_B) if from_client else (OUT_B, OUT_A)
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02"), IP(src=a, dst=b, id=7, flags="DF")


def write(name, packets, snaplen=65535, cut=None):
    w = RawPcapWriter(name, linktype=1, snaplen=snaplen)
    w.write_header(None)
    for i, p in enumerate(packets):
        raw = bytes(p)
        data = raw[:cut] if cut else raw
        w.write_packet(data, sec=T0, usec=1000 * i, caplen=len(data), wirelen=len(raw))
    w.close()


def wrap(fn, v6=False):
    return [fn(fc, inner) for fc, inner in exchange(v6)]


def ipip(fc, inner):
    e, o = outer(fc)
    return e / o / inner  # scapy sets proto 4 (IP-in-IP) or 41 (IPv6 in IPv4) from the payload


def gre(fc, inner, **flags):
    e, o = outer(fc)
    proto = 0x86DD if inner.haslayer(IPv6) else 0x0800
    return e / o / GRE(proto=proto, **flags) / inner


def vxlan(fc, inner):
    e, o = outer(fc)
    ie = Ether(src="02:00:00:00:aa:01" if fc else "02:00:00:00:aa:02", dst="02:00:00:00:aa:02" if fc else "02:00:00:00:aa:01")
    return e / o / UDP(sport=49152 if fc else 49153, dport=4789) / VXLAN(vni=42) / ie / inner


def gtpu(fc, inner, ext=False):
    e, o = outer(fc)
    if ext:  # E flag with a PDU session container extension header (5G N3)
        g = GTP_U_Header(teid=0x11223344, E=1, next_ex=0x85) / GTPPDUSessionContainer(type=1 if fc else 0, QFI=9)
    else:
        g = GTP_U_Header(teid=0x11223344)
    return e / o / UDP(sport=2152, dport=2152) / g / inner


def ah_header(**kw):
    # A 96-bit ICV (HMAC-SHA1-96): payloadlen = (12 fixed + 12 ICV) / 4 - 2 = 4 (RFC 4302 §2.2); scapy leaves it 0.
    return AH(spi=0x100, seq=1, icv=b"\x00" * 12, payloadlen=4, **kw)


def ah(fc, inner, tunnel=False):
    e, o = outer(fc)
    if tunnel:  # tunnel mode: outer IP / AH / inner IP
        return e / o / ah_header(nh=4) / inner
    # transport mode: the inner addresses on the only IP header, AH between it and TCP
    tcp = inner[TCP].copy()
    if inner.haslayer(IPv6):
        return e / IPv6(src=inner[IPv6].src, dst=inner[IPv6].dst) / ah_header(nh=6) / tcp
    return e / IP(src=inner[IP].src, dst=inner[IP].dst, id=1, flags="DF") / ah_header(nh=6) / tcp


if __name__ == "__main__":
    write("ipip.pcap", wrap(ipip))
    write("6in4.pcap", wrap(ipip, v6=True))
    # GRE with checksum, key and sequence number (RFC 2784/2890), IPv4 inside; and key only, IPv6 inside.
    write("gre.pcap", [gre(fc, i, chksum_present=1, key_present=1, key=7, seqnum_present=1, sequence_number=n)
                       for n, (fc, i) in enumerate(exchange())])
    write("gre-ipv6.pcap", [gre(fc, i, key_present=1, key=8) for fc, i in exchange(v6=True)])
    write("vxlan.pcap", wrap(vxlan))
    write("gtpu.pcap", [gtpu(fc, i, ext=True) for fc, i in exchange()])
    write("gtpu-ipv6.pcap", wrap(gtpu, v6=True))
    write("ah.pcap", [ah(fc, i) for fc, i in exchange()])
    write("ah-ipv6.pcap", [ah(fc, i) for fc, i in exchange(v6=True)])
    write("ah-tunnel.pcap", [ah(fc, i, tunnel=True) for fc, i in exchange()])
    # Snap length 60: Ethernet 14 + IPv4 20 + 26 of TCP, so a SYN's options (and all data) are cut off.
    write("snaplen60.pcap", [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / i for _, i in exchange()],
          snaplen=60, cut=60)
