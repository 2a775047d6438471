#!/usr/bin/env python3
"""Writes resources/lessons/*.json: one lesson per built-in scenario and one for a capture.

Step times are never typed in: each step names a moment of the trace (a segment's arrival, its
sending, a state change, the end), and the time is read from the trace the program itself
renders, so the captions follow the animation. Re-run after a simulator change:

    mvn -q -o package -DskipTests            # or: mvn -q -o compile, then HL="java -cp ..."
    python3 scripts/gen_lessons.py [resources/lessons]

HL is the command that runs the program (default: java -jar target/handshake-lab.jar).
Then `java -jar target/handshake-lab.jar lesson check FILE` (LessonsShippedTest does it for all).
"""
import json, os, shlex, subprocess, sys

HL = shlex.split(os.environ.get("HL", "java -jar target/handshake-lab.jar"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "resources/lessons"


def trace_of(args):
    return json.loads(subprocess.run(HL + ["render"] + args + ["--format", "json"], check=True,
                                     capture_output=True, text=True).stdout)


def fmt(us):
    """As lesson.Times.format: 0s, 31us, 250ms, 400.93ms, 2s, 1.55s."""
    if us < 1000:
        return f"{us}us" if us else "0s"
    if us < 1_000_000:
        return f"{us // 1000}.{us % 1000:03d}".rstrip("0").rstrip(".") + "ms"
    return f"{us // 1_000_000}.{us % 1_000_000:06d}".rstrip("0").rstrip(".") + "s"


class T:
    def __init__(self, d):
        self.segs = {e["id"]: e for e in d["events"] if e["type"] == "segment"}
        self.states = [e for e in d["events"] if e["type"] == "state"]
        end = 0
        for e in d["events"]:
            end = max(end, e.get("t", 0) or 0, e.get("sent", 0) or 0, e.get("arrived") or 0, e.get("dropped") or 0)
        self.end = end

    def at(self, sel):
        kind = sel[0]
        if kind == "t":
            return sel[1]
        if kind == "end":
            return self.end
        if kind == "sent":
            return self.segs[sel[1]]["sent"]
        if kind == "arr":  # when the arrow ends: arrival, loss, or the capture's timestamp
            s = self.segs[sel[1]]
            return s["dropped"] if s["dropped"] is not None else (s["arrived"] if s["arrived"] is not None else s["sent"])
        if kind == "state":  # ("state", side, STATE[, k]): the k-th time side enters STATE
            _, side, st, *k = sel
            hits = [e["t"] for e in self.states if e["endpoint"] == side and e["to"] == st]
            return hits[(k[0] if k else 1) - 1]
        raise ValueError(sel)


def lesson(name, source_args, head, title, steps):
    tr = T(trace_of(source_args))
    out = dict(head)
    out["title"] = {"en": title[0], "zh": title[1]}
    out["steps"] = []
    last = -1
    for st in steps:
        sel, hl, en, zh, *ask = st
        at = tr.at(sel)
        assert at >= last, (name, sel, at, last)
        last = at
        step = {"at": fmt(at), "caption": {"en": en, "zh": zh}}
        if isinstance(hl, int):
            step["highlight"] = {"segment": hl}
        elif hl:
            side, state = hl.split(":")
            step["highlight"] = {"state": state, "side": side}
        if ask:
            step["ask"] = {"en": ask[0], "zh": ask[1]}
        out["steps"].append(step)
    # Reordered so the file reads top-down: what, from where, then the steps.
    order = ["version", "title", "scenario", "options", "capture", "stream", "at", "steps"]
    out = {k: out[k] for k in order if k in out}
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


def sc(id, title, steps, options=()):
    lesson(id, ["--scenario", id] + list(options), {"version": 1, "scenario": id, "options": list(options)}, title, steps)


# ---------------------------------------------------------------- the lessons
sc("three-way-handshake", ("Three-way handshake", "三次握手"), [
    (("t", 0), "server:LISTEN",
     "The server has called LISTEN and waits. The client calls CONNECT, enters SYN_SENT and sends a SYN carrying its initial sequence number (ISN), shown relative as seq=0.",
     "服务器已调用 LISTEN，正在等待。客户端调用 CONNECT，进入 SYN_SENT，发送携带初始序号（ISN）的 SYN，图中以相对序号显示为 seq=0。",
     "Which number will the server acknowledge, and why that one?", "服务器会确认哪个序号？为什么是这个数？"),
    (("arr", 1), 2,
     "The SYN arrives: the server enters SYN_RCVD and answers SYN, ACK. It sends its own ISN (seq=0) and ack=1 = client ISN + 1, because a SYN consumes one sequence number.",
     "SYN 到达：服务器进入 SYN_RCVD，回复 SYN, ACK。它发出自己的 ISN（seq=0），确认号 ack=1 = 客户端 ISN + 1，因为 SYN 占用一个序号。"),
    (("arr", 2), 3,
     "The SYN, ACK arrives: the client's ISN is acknowledged, so the client is ESTABLISHED. Its ACK carries ack=1 = server ISN + 1.",
     "SYN, ACK 到达：客户端的 ISN 已被确认，客户端进入 ESTABLISHED。它发出的 ACK 中确认号 ack=1 = 服务器 ISN + 1。"),
    (("arr", 3), "server:ESTABLISHED",
     "The ACK arrives and the server is ESTABLISHED too. Three segments are the minimum: each side has sent its own ISN and seen it acknowledged.",
     "ACK 到达，服务器也进入 ESTABLISHED。三个报文段是最少的：每一端都发出了自己的 ISN，并看到它被确认。",
     "Could the server skip its SYN and send only an ACK? What would the client then not know?",
     "服务器能否不发 SYN，只回一个 ACK？那样客户端会缺少什么信息？"),
])

sc("four-way-close", ("Four-way close", "四次挥手"), [
    (("arr", 3), "client:ESTABLISHED",
     "The handshake is done and both sides are ESTABLISHED. Each direction of the connection will be closed on its own.",
     "握手完成，双方都处于 ESTABLISHED。连接的两个方向将分别关闭。"),
    (("sent", 4), 4,
     "The client calls CLOSE: it sends FIN (seq=1) and enters FIN_WAIT_1. The FIN closes only the client-to-server direction.",
     "客户端调用 CLOSE：发送 FIN（seq=1），进入 FIN_WAIT_1。这个 FIN 只关闭客户端到服务器这一个方向。"),
    (("arr", 4), 5,
     "The FIN arrives: the server acknowledges it with ack=2 (the FIN consumed sequence number 1) and enters CLOSE_WAIT. It may still send data.",
     "FIN 到达：服务器用 ack=2 确认它（FIN 占用了序号 1），进入 CLOSE_WAIT。此时服务器仍可以发送数据。"),
    (("arr", 5), "client:FIN_WAIT_2",
     "The client's FIN is acknowledged: FIN_WAIT_1 → FIN_WAIT_2. One direction is closed; the client now waits for the server's FIN.",
     "客户端的 FIN 被确认：FIN_WAIT_1 → FIN_WAIT_2。一个方向已关闭，客户端等待服务器的 FIN。"),
    (("sent", 6), 6,
     "The server's application calls CLOSE: the server sends its own FIN and enters LAST_ACK.",
     "服务器的应用程序调用 CLOSE：服务器发送自己的 FIN，进入 LAST_ACK。"),
    (("arr", 6), "client:TIME_WAIT",
     "The client acknowledges the server's FIN (ack=2) and enters TIME_WAIT.",
     "客户端确认服务器的 FIN（ack=2），进入 TIME_WAIT。",
     "Why does the client wait instead of closing at once?", "客户端为什么要等待，而不是立即关闭？"),
    (("arr", 7), "server:CLOSED",
     "The last ACK arrives: the server is CLOSED. The client stays in TIME_WAIT for 2MSL (60 s here).",
     "最后一个 ACK 到达：服务器进入 CLOSED。客户端在 TIME_WAIT 停留 2MSL（这里是 60 秒）。"),
    (("end",), "client:CLOSED",
     "2MSL later the TIME_WAIT timer expires and the client is CLOSED too. Two FINs and two ACKs: four segments.",
     "2MSL 之后 TIME_WAIT 计时器到期，客户端也进入 CLOSED。两个 FIN 加两个 ACK，共四个报文段。"),
])

sc("server-closes-first", ("Server closes first", "服务器先关闭"), [
    (("sent", 4), 4,
     "This time the server calls CLOSE first: it sends FIN and enters FIN_WAIT_1.",
     "这一次服务器先调用 CLOSE：发送 FIN，进入 FIN_WAIT_1。"),
    (("arr", 4), 5,
     "The client acknowledges the FIN (ack=2) and enters CLOSE_WAIT: the passive close is now on the client's side.",
     "客户端确认这个 FIN（ack=2），进入 CLOSE_WAIT：这次被动关闭的是客户端。"),
    (("arr", 5), "server:FIN_WAIT_2",
     "The server's FIN is acknowledged: FIN_WAIT_1 → FIN_WAIT_2.",
     "服务器的 FIN 被确认：FIN_WAIT_1 → FIN_WAIT_2。"),
    (("sent", 6), 6,
     "The client calls CLOSE: it sends its FIN and enters LAST_ACK.",
     "客户端调用 CLOSE：发送自己的 FIN，进入 LAST_ACK。"),
    (("arr", 6), "server:TIME_WAIT",
     "The server acknowledges the client's FIN and enters TIME_WAIT: TIME_WAIT belongs to whoever closes first, not to the client.",
     "服务器确认客户端的 FIN，进入 TIME_WAIT：TIME_WAIT 属于先关闭的一端，而不一定是客户端。",
     "A busy web server closes first on every connection. What piles up, and what can it do about it?",
     "一台繁忙的 Web 服务器每个连接都先关闭，会积累什么？它可以怎么办？"),
    (("arr", 7), "client:CLOSED",
     "The last ACK arrives: the client is CLOSED at once, with no waiting.",
     "最后一个 ACK 到达：客户端立即进入 CLOSED，无需等待。"),
    (("end",), "server:CLOSED",
     "After 2MSL the server leaves TIME_WAIT. That is why servers usually let the client close first.",
     "2MSL 之后服务器才离开 TIME_WAIT。这就是服务器通常让客户端先关闭的原因。"),
])

sc("three-segment-close", ("Three-segment close", "三段式关闭"), [
    (("sent", 4), 4,
     "The client calls CLOSE: FIN (seq=1), FIN_WAIT_1.",
     "客户端调用 CLOSE：发送 FIN（seq=1），进入 FIN_WAIT_1。"),
    (("arr", 4), 5,
     "The server reads the end of the stream and closes at once: CLOSE_WAIT → LAST_ACK in the same instant, so its FIN rides on the ACK. One FIN, ACK (ack=2) acknowledges the client's FIN and carries the server's.",
     "服务器读到流的结尾后立即关闭：同一时刻 CLOSE_WAIT → LAST_ACK，于是它的 FIN 与 ACK 合并发送。一个 FIN, ACK（ack=2）既确认了客户端的 FIN，又携带服务器自己的 FIN。",
     "Which segment of the usual four-way close has disappeared?", "通常的四次挥手中，哪一个报文段消失了？"),
    (("arr", 5), "client:TIME_WAIT",
     "The client goes from FIN_WAIT_1 straight to TIME_WAIT, without FIN_WAIT_2, and acknowledges the server's FIN (ack=2).",
     "客户端从 FIN_WAIT_1 直接进入 TIME_WAIT，不经过 FIN_WAIT_2，并确认服务器的 FIN（ack=2）。"),
    (("arr", 6), "server:CLOSED",
     "The ACK arrives: the server is CLOSED. Three segments closed both directions.",
     "ACK 到达：服务器进入 CLOSED。三个报文段关闭了两个方向。"),
    (("end",), "client:CLOSED",
     "2MSL later the client is CLOSED too.",
     "2MSL 之后客户端也进入 CLOSED。"),
])

sc("data-transfer", ("Data transfer", "数据传输"), [
    (("arr", 3), "server:ESTABLISHED",
     "Both sides are ESTABLISHED. Each side's next sequence number is 1: the SYN used number 0.",
     "双方都处于 ESTABLISHED。每一端的下一个序号都是 1：SYN 用掉了序号 0。"),
    (("sent", 4), 4,
     "The client sends 100 bytes: seq=1 len=100 carries bytes 1 to 100.",
     "客户端发送 100 字节：seq=1 len=100，携带第 1 到第 100 字节。"),
    (("arr", 4), 5,
     "The server acknowledges with ack=101: every byte up to 100 arrived, the next one it expects is 101.",
     "服务器以 ack=101 确认：直到第 100 字节都已收到，它期望的下一个字节是 101。",
     "What seq will the client's next segment carry?", "客户端下一个报文段的 seq 是多少？"),
    (("sent", 6), 6,
     "The server sends 200 bytes in its own numbering: seq=1 len=200, still ack=101.",
     "服务器按自己的编号发送 200 字节：seq=1 len=200，确认号仍是 ack=101。"),
    (("arr", 6), 7,
     "The client acknowledges with ack=201. Its seq=101: the 100 bytes moved it from 1 to 101, while pure ACKs consume no sequence numbers.",
     "客户端以 ack=201 确认。它的 seq=101：100 字节把序号从 1 推进到 101，而纯 ACK 不占用序号。"),
    (("sent", 8), 8,
     "The client closes: FIN with seq=101, the next unused number.",
     "客户端关闭：FIN 的 seq=101，即下一个未使用的序号。"),
    (("arr", 8), 9,
     "The server answers ack=102: the FIN consumed number 101.",
     "服务器回复 ack=102：FIN 占用了序号 101。"),
    (("sent", 10), 10,
     "The server closes: FIN with seq=201, after its 200 bytes.",
     "服务器关闭：FIN 的 seq=201，紧接在它的 200 字节之后。"),
    (("arr", 10), 11,
     "The client acknowledges with ack=202 and enters TIME_WAIT.",
     "客户端以 ack=202 确认，进入 TIME_WAIT。"),
    (("arr", 11), "server:CLOSED",
     "The server is CLOSED. Count the numbers: each side used 1 for its SYN, its data length, and 1 for its FIN.",
     "服务器进入 CLOSED。数一数序号：每一端的 SYN 用 1 个，数据按长度计，FIN 再用 1 个。"),
])

sc("half-close-with-data", ("Half-close with data", "半关闭时继续传数据"), [
    (("sent", 4), 4,
     "The client has nothing more to send: it closes its direction with a FIN and enters FIN_WAIT_1.",
     "客户端没有更多数据要发送：它用 FIN 关闭自己的发送方向，进入 FIN_WAIT_1。"),
    (("arr", 4), 5,
     "The server acknowledges the FIN and enters CLOSE_WAIT, but it has more to say.",
     "服务器确认这个 FIN，进入 CLOSE_WAIT，但它还有数据要发送。"),
    (("arr", 5), "client:FIN_WAIT_2",
     "FIN_WAIT_2: the connection is half closed. The client cannot send data any more, but it can still receive.",
     "FIN_WAIT_2：连接处于半关闭状态。客户端不能再发送数据，但仍然可以接收。"),
    (("arr", 6), 7,
     "100 bytes from the server arrive in FIN_WAIT_2; the client acknowledges them with ack=101.",
     "服务器的 100 字节在 FIN_WAIT_2 状态下到达；客户端以 ack=101 确认。",
     "The client has closed. Why may it still send this ACK?", "客户端已经关闭了，为什么还能发送这个 ACK？"),
    (("arr", 8), 9,
     "50 more bytes (seq=101 len=50) are acknowledged with ack=151.",
     "又有 50 字节（seq=101 len=50）到达，客户端以 ack=151 确认。"),
    (("sent", 10), 10,
     "The server is done: FIN with seq=151, LAST_ACK.",
     "服务器发送完毕：FIN 的 seq=151，进入 LAST_ACK。"),
    (("arr", 10), 11,
     "The client acknowledges the FIN (ack=152) and enters TIME_WAIT.",
     "客户端确认 FIN（ack=152），进入 TIME_WAIT。"),
    (("arr", 11), "server:CLOSED",
     "Only now is the connection fully closed: a FIN closes one direction, not the connection.",
     "直到现在连接才完全关闭：一个 FIN 只关闭一个方向，而不是整个连接。"),
])

sc("simultaneous-open", ("Simultaneous open", "同时打开"), [
    (("t", 0), 2,
     "Both sides call CONNECT at the same instant: two SYNs cross. Nobody is in LISTEN.",
     "双方在同一时刻调用 CONNECT：两个 SYN 交叉而过。双方都不处于 LISTEN。",
     "What does an endpoint in SYN_SENT do when a SYN arrives?", "处于 SYN_SENT 的一端收到 SYN 时会怎么做？"),
    (("arr", 1), 3,
     "Each side receives a SYN in SYN_SENT: SYN_SENT → SYN_RCVD. Each answers SYN, ACK with its own ISN again (seq=0), so its SYN is not counted twice, and ack=1.",
     "每一端都在 SYN_SENT 状态收到 SYN：SYN_SENT → SYN_RCVD。各自回复 SYN, ACK，再次使用自己的 ISN（seq=0），因此 SYN 不会占用两个序号，确认号为 ack=1。"),
    (("arr", 4), "client:ESTABLISHED",
     "The crossing SYN, ACKs acknowledge both SYNs: both sides are ESTABLISHED. Four segments, and no extra ACK is needed.",
     "交叉的两个 SYN, ACK 确认了双方的 SYN：双方都进入 ESTABLISHED。共四个报文段，不需要额外的 ACK。"),
])

sc("simultaneous-close", ("Simultaneous close", "同时关闭"), [
    (("sent", 4), 5,
     "Both sides call CLOSE at the same instant: two FINs cross and both enter FIN_WAIT_1.",
     "双方在同一时刻调用 CLOSE：两个 FIN 交叉而过，双方都进入 FIN_WAIT_1。"),
    (("arr", 4), "server:CLOSING",
     "Each side receives the peer's FIN while its own FIN is still unacknowledged: FIN_WAIT_1 → CLOSING. Each acknowledges the other's FIN (ack=2).",
     "每一端都在自己的 FIN 尚未被确认时收到了对端的 FIN：FIN_WAIT_1 → CLOSING。双方各自确认对端的 FIN（ack=2）。",
     "Which state would a side enter if its own FIN were acknowledged before the peer's FIN arrived?",
     "如果一端自己的 FIN 先被确认，之后才收到对端的 FIN，它会进入哪个状态？"),
    (("arr", 7), "client:TIME_WAIT",
     "The ACKs arrive: CLOSING → TIME_WAIT on both sides. Here both sides wait 2MSL.",
     "ACK 到达：双方都从 CLOSING 进入 TIME_WAIT。这里双方都要等待 2MSL。"),
    (("end",), "server:CLOSED",
     "2MSL later both sides are CLOSED.",
     "2MSL 之后双方都进入 CLOSED。"),
])

sc("lost-syn", ("Lost SYN", "SYN 丢失"), [
    (("t", 0), 1,
     "The client sends its SYN and starts the retransmission timer: 1 s.",
     "客户端发送 SYN，并启动重传计时器：1 秒。"),
    (("arr", 1), 1,
     "The SYN is lost on the way. The server never knew it existed and stays in LISTEN.",
     "SYN 在途中丢失。服务器根本不知道它存在，仍处于 LISTEN。",
     "How does the client find out that its SYN was lost?", "客户端怎样发现自己的 SYN 丢失了？"),
    (("sent", 2), 2,
     "After 1 s without an answer the timer fires: the client sends the SYN again with the same seq=0. A retransmission never renumbers. The next timeout is doubled: 2 s.",
     "1 秒内没有回应，计时器超时：客户端以相同的 seq=0 重传 SYN。重传绝不重新编号。下一次超时时间加倍：2 秒。"),
    (("arr", 2), 3,
     "This time the SYN arrives: SYN_RCVD, SYN, ACK.",
     "这次 SYN 到达了：服务器进入 SYN_RCVD，回复 SYN, ACK。"),
    (("arr", 4), "server:ESTABLISHED",
     "The handshake ends 1 s late. Had the SYN been lost again, the waits would be 2 s, 4 s, 8 s ...; after 6 retries the client gives up.",
     "握手晚了 1 秒才完成。如果 SYN 再次丢失，等待时间会依次是 2 秒、4 秒、8 秒……；重试 6 次后客户端放弃。"),
])

sc("lost-syn-ack", ("Lost SYN-ACK", "SYN-ACK 丢失"), [
    (("arr", 1), 2,
     "The SYN arrives: the server enters SYN_RCVD, sends SYN, ACK and starts its own retransmission timer.",
     "SYN 到达：服务器进入 SYN_RCVD，发送 SYN, ACK，并启动自己的重传计时器。"),
    (("arr", 2), 2,
     "The SYN, ACK is lost. The client waits in SYN_SENT, the server in SYN_RCVD.",
     "SYN, ACK 丢失。客户端在 SYN_SENT 等待，服务器在 SYN_RCVD 等待。",
     "Which side will send something next, and when?", "接下来哪一端会发送报文？在什么时候？"),
    (("sent", 3), 3,
     "Both timers will fire. The client's fires first (1 s after its SYN): it sends the SYN again.",
     "两端的计时器都会超时。客户端的先超时（发出 SYN 1 秒后）：它重传 SYN。"),
    (("arr", 3), 5,
     "The repeated SYN is old for the server (outside its window), so it only gets an ACK back (#5). At the same moment the server's own timer resends the SYN, ACK (#4).",
     "重复的 SYN 对服务器来说是旧报文（在窗口之外），所以只换回一个 ACK（#5）。与此同时，服务器自己的计时器超时，重传了 SYN, ACK（#4）。"),
    (("arr", 4), 6,
     "The retransmitted SYN, ACK completes the handshake for the client: ESTABLISHED, ACK.",
     "重传的 SYN, ACK 让客户端完成握手：进入 ESTABLISHED，发送 ACK。"),
    (("arr", 6), "server:ESTABLISHED",
     "The ACK arrives and the server is ESTABLISHED. Both sides retransmitted, and the connection opened 1 s late.",
     "ACK 到达，服务器进入 ESTABLISHED。双方都进行了重传，连接晚了 1 秒才建立。"),
])

sc("lost-handshake-ack", ("Lost handshake ACK", "握手的最后一个 ACK 丢失"), [
    (("arr", 2), 3,
     "The SYN, ACK arrives: the client is ESTABLISHED and sends the third segment, an ACK.",
     "SYN, ACK 到达：客户端进入 ESTABLISHED，并发送第三个报文段 ACK。"),
    (("arr", 3), "server:SYN_RCVD",
     "The ACK is lost. The two sides now disagree: the client thinks the connection is open, the server still waits in SYN_RCVD.",
     "ACK 丢失。此时双方状态不一致：客户端认为连接已打开，服务器仍在 SYN_RCVD 等待。",
     "Nobody retransmits an ACK. Who will notice the loss, and how?", "ACK 是不会被重传的。谁会发现这次丢失？怎样发现？"),
    (("sent", 4), 4,
     "The server's retransmission timer fires: it sends the SYN, ACK again.",
     "服务器的重传计时器超时：它重传 SYN, ACK。"),
    (("arr", 4), 5,
     "For the client this SYN, ACK is a duplicate; it answers with an ACK.",
     "对客户端来说这个 SYN, ACK 是重复报文；它回复一个 ACK。"),
    (("arr", 5), "server:ESTABLISHED",
     "That ACK finally moves the server to ESTABLISHED: both sides agree again.",
     "这个 ACK 终于让服务器进入 ESTABLISHED：双方状态重新一致。"),
])

sc("lost-final-ack", ("Lost final ACK", "最后一个 ACK 丢失"), [
    (("sent", 4), 4,
     "The client closes first: FIN, FIN_WAIT_1. The server will acknowledge it and enter CLOSE_WAIT.",
     "客户端先关闭：发送 FIN，进入 FIN_WAIT_1。服务器将确认它并进入 CLOSE_WAIT。"),
    (("sent", 6), 6,
     "The server closes: FIN, LAST_ACK, with its retransmission timer running.",
     "服务器关闭：发送 FIN，进入 LAST_ACK，重传计时器开始计时。"),
    (("arr", 6), 7,
     "The client acknowledges the FIN and enters TIME_WAIT.",
     "客户端确认 FIN，进入 TIME_WAIT。"),
    (("arr", 7), 7,
     "The last ACK is lost. The server is still in LAST_ACK, its FIN unacknowledged.",
     "最后一个 ACK 丢失。服务器仍处于 LAST_ACK，它的 FIN 没有被确认。",
     "If the client had closed at once instead of waiting, what would the retransmitted FIN meet?",
     "如果客户端不等待而是立即关闭，重传的 FIN 会遇到什么？"),
    (("sent", 8), 8,
     "The server's timer fires: it retransmits the FIN.",
     "服务器的计时器超时：它重传 FIN。"),
    (("arr", 8), 9,
     "This is why TIME_WAIT exists: the client is still there to answer. It acknowledges again and restarts its 2MSL timer. Without TIME_WAIT the FIN would meet a closed port and get a RST.",
     "这正是 TIME_WAIT 存在的原因：客户端仍然在场，可以回应。它再次发送 ACK 并重新开始 2MSL 计时。如果没有 TIME_WAIT，这个 FIN 会遇到已关闭的端口并收到 RST。"),
    (("arr", 9), "server:CLOSED",
     "The repeated ACK arrives: the server is CLOSED.",
     "再次发送的 ACK 到达：服务器进入 CLOSED。"),
    (("end",), "client:CLOSED",
     "The client leaves TIME_WAIT 2MSL after its last ACK, not after the first.",
     "客户端在最后一次发送 ACK 之后 2MSL 才离开 TIME_WAIT，而不是从第一次算起。"),
])

sc("connect-to-closed-port", ("Connect to a closed port", "连接到关闭的端口"), [
    (("t", 0), 1,
     "The client sends a SYN to a port where nobody listens: the server side is CLOSED.",
     "客户端向一个没有进程监听的端口发送 SYN：服务器端处于 CLOSED。"),
    (("arr", 1), 2,
     "A port without a connection answers everything but a RST with a RST. The SYN had no ACK, so the reply is RST, ACK with seq=0 and ack=ISN+1.",
     "没有连接的端口会对除 RST 之外的所有报文回复 RST。这个 SYN 不带 ACK，所以回复是 RST, ACK，seq=0，确认号为 ISN+1。",
     "Why does this RST carry an ACK at all?", "这个 RST 为什么要带 ACK？"),
    (("arr", 2), "client:CLOSED",
     "The client accepts the RST because its ack acknowledges the SYN: connection refused, CLOSED, nothing is retransmitted.",
     "由于确认号确认了客户端的 SYN，客户端接受这个 RST：连接被拒绝，进入 CLOSED，不再重传。"),
])

sc("reset-mid-connection", ("Reset in mid-connection", "连接中途重置"), [
    (("sent", 4), 4,
     "The connection is open and the client sends 100 bytes.",
     "连接已建立，客户端发送 100 字节。"),
    (("arr", 4), 5,
     "The server acknowledges them: ack=101.",
     "服务器确认这些数据：ack=101。"),
    (("sent", 6), 6,
     "The client calls ABORT: no four-way close. It sends a RST with seq=101 = SND.NXT and is CLOSED at once.",
     "客户端调用 ABORT：不进行四次挥手。它发送 seq=101 = SND.NXT 的 RST，并立即进入 CLOSED。",
     "Why must the RST carry exactly seq=101?", "为什么这个 RST 的序号必须恰好是 101？"),
    (("arr", 6), "server:CLOSED",
     "The seq is exactly what the server expects (RFC 5961 accepts only that number), so the server goes straight to CLOSED. No TIME_WAIT on either side, and nothing retransmits a lost RST.",
     "这个序号正是服务器期望的（RFC 5961 只接受恰好这个序号），因此服务器直接进入 CLOSED。双方都没有 TIME_WAIT，丢失的 RST 也不会被重传。"),
])

sc("old-duplicate-syn", ("Old duplicate SYN", "旧的重复 SYN"), [
    (("t", 0), 1,
     "A SYN of an earlier connection, delayed in the network, reaches the server (seq=-10: 10 below today's ISN). The client is not even connecting.",
     "一个早先连接的 SYN 在网络中被延迟，此刻到达服务器（seq=-10：比现在的 ISN 小 10）。客户端此时甚至没有发起连接。"),
    (("arr", 1), 2,
     "The server cannot tell the SYN is old: it enters SYN_RCVD and answers SYN, ACK with ack=-9.",
     "服务器无法判断这个 SYN 是旧的：它进入 SYN_RCVD，回复 SYN, ACK，确认号 ack=-9。",
     "With a two-way handshake, what would the server have done now?", "如果只有两次握手，服务器此时会怎么做？"),
    (("sent", 3), 3,
     "Now the real client connects: SYN with seq=0.",
     "现在真正的客户端发起连接：SYN，seq=0。"),
    (("arr", 2), 4,
     "The client sees ack=-9 for a number it never used, so it answers RST (seq=-9).",
     "客户端发现确认号 ack=-9 针对的是它从未使用过的序号，于是回复 RST（seq=-9）。"),
    (("arr", 3), "server:LISTEN",
     "The real SYN reaches the server in SYN_RCVD: a passive SYN_RCVD that sees a SYN returns to LISTEN (RFC 9293 §3.10.7.4).",
     "真正的 SYN 到达时服务器处于 SYN_RCVD：被动打开的 SYN_RCVD 收到 SYN 会回到 LISTEN（RFC 9293 §3.10.7.4）。"),
    (("arr", 4), None,
     "The client's RST arrives in LISTEN and is ignored (RFC 9293 §3.10.7.2).",
     "客户端的 RST 到达时服务器处于 LISTEN，该 RST 被忽略（RFC 9293 §3.10.7.2）。"),
    (("sent", 5), 5,
     "The client's timer fires and it retransmits its SYN.",
     "客户端的计时器超时，重传它的 SYN。"),
    (("arr", 7), "server:ESTABLISHED",
     "The real connection opens. The third segment is what let the client refuse the old one.",
     "真正的连接建立了。正是第三个报文段让客户端能够拒绝旧的连接。"),
])

sc("syn-flood", ("SYN flood", "SYN 洪泛攻击"), [
    (("t", 0), 1,
     "An attacker sends SYNs from forged addresses, one every 10 ms. The listen backlog holds 4 half-open connections.",
     "攻击者用伪造的源地址发送 SYN，每 10 毫秒一个。监听的半连接队列（SYN 队列）只能容纳 4 个半连接。"),
    (("arr", 4), 10,
     "Each forged SYN leaves a half-open connection in SYN_RCVD; its SYN, ACK goes to an address that never answers. The backlog is full: 4 of 4.",
     "每个伪造的 SYN 都留下一个处于 SYN_RCVD 的半连接；它的 SYN, ACK 发往一个永远不会回应的地址。半连接队列已满：4/4。"),
    (("arr", 6), None,
     "Forged SYNs 5 and 6 are dropped: there is no room left.",
     "伪造的第 5、6 个 SYN 被丢弃：队列已没有空位。"),
    (("sent", 11), 11,
     "Now the real client connects.",
     "现在真正的客户端发起连接。"),
    (("arr", 11), 11,
     "Its SYN is dropped too: the backlog is full, so the client must retransmit.",
     "它的 SYN 同样被丢弃：队列已满，客户端只能重传。",
     "What would ss -tan on the server show right now?", "此刻在服务器上运行 ss -tan 会看到什么？"),
    (("sent", 12), 12,
     "The half-open connections retransmit their SYN, ACKs (after 1 s, 2 s, 4 s ...) into the void.",
     "这些半连接按 1 秒、2 秒、4 秒……的间隔重传 SYN, ACK，但不会有任何回应。"),
    (("sent", 16), 16,
     "The client's SYN is retransmitted and dropped again; its timeout doubles each time.",
     "客户端重传 SYN，再次被丢弃；每次超时时间都加倍。"),
    (("t", 63_080_000), None,
     "After 5 SYN, ACK retries the half-open connections give up and leave the backlog.",
     "重试 5 次 SYN, ACK 之后，这些半连接放弃并离开队列。"),
    (("arr", 37), 38,
     "The client's seventh SYN finally finds room: SYN_RCVD, SYN, ACK.",
     "客户端的第七个 SYN 终于找到空位：服务器进入 SYN_RCVD，回复 SYN, ACK。"),
    (("arr", 39), "server:ESTABLISHED",
     "Connected, after 63 s. Run it again with SYN cookies (--syn-cookies): the server keeps no state, its ISN encodes the connection, and the client connects at once.",
     "63 秒后连接才建立。开启 SYN cookie（--syn-cookies）再运行一次：服务器不保存状态，ISN 编码了连接信息，客户端可以立即连上。",
     "What does a SYN cookie give up in exchange?", "SYN cookie 以什么为代价？"),
])

# ---------------------------------------------------------------- stack fidelity scenarios
sc("close-with-unread-data", ("Close with unread data (Linux)", "带着未读数据关闭（Linux）"), [
    (("sent", 4), 4,
     "The client sends 100 bytes (seq=1 len=100). The server's application never reads them.",
     "客户端发送 100 字节（seq=1 len=100）。服务器的应用程序始终没有读取它们。"),
    (("arr", 4), 5,
     "The server's kernel acknowledges them (ack=101), but they stay in the receive buffer: the advertised window shrinks by 100 bytes.",
     "服务器内核确认了这些数据（ack=101），但它们仍留在接收缓冲区中：通告窗口因此缩小了 100 字节。"),
    (("sent", 6), 6,
     "The server's application calls close() with 100 unread bytes. Linux does not send a FIN: the data would be lost silently, so it resets the connection with RST, ACK seq=1 ack=101 (tcp_close, RFC 2525 §2.17, RFC 9293 SHLD-3) and is CLOSED at once.",
     "服务器的应用程序在还有 100 字节未读时调用 close()。Linux 不发送 FIN：否则这些数据会被悄悄丢掉，所以它用 RST, ACK seq=1 ack=101 重置连接（tcp_close，RFC 2525 §2.17，RFC 9293 SHLD-3），本端立即进入 CLOSED。",
     "Why is a RST better here than a FIN, from the client's point of view?",
     "站在客户端的角度，这里为什么发 RST 比发 FIN 更好？"),
    (("arr", 6), "client:CLOSED",
     "The RST's seq is exactly what the client expects, so it obeys: ESTABLISHED → CLOSED, and its application sees ECONNRESET instead of a clean end of stream. No TIME_WAIT on either side. With --profile rfc the same close() sends an ordinary FIN: RFC 9293's CLOSE only says \"no more to send\".",
     "RST 的序号正是客户端期望的，于是客户端服从：ESTABLISHED → CLOSED，它的应用程序看到的是 ECONNRESET，而不是正常的流结束。两端都没有 TIME_WAIT。用 --profile rfc 时同样的 close() 发送普通的 FIN：RFC 9293 的 CLOSE 只表示“不再发送”。"),
], options=["--profile", "linux"])

sc("shutdown-vs-close", ("shutdown() versus close() (Linux)", "shutdown() 与 close() 的区别（Linux）"), [
    (("sent", 4), 4,
     "The client calls close() (not shutdown()): FIN seq=1, FIN_WAIT_1. On Linux close() gives the socket up: nobody will read from it any more.",
     "客户端调用的是 close()（不是 shutdown()）：发送 FIN seq=1，进入 FIN_WAIT_1。在 Linux 上 close() 意味着放弃这个套接字：再也没有人会读取它。"),
    (("sent", 5), 5,
     "The server acknowledges the FIN at once (ack=2) and enters CLOSE_WAIT: no data has arrived yet, so Linux has no delayed-ACK timeout to wait (recorded on Linux). Its direction is still open.",
     "服务器立即确认 FIN（ack=2），进入 CLOSE_WAIT：此前还没有收到过数据，所以 Linux 没有可等待的延迟确认超时（已在 Linux 上录制验证）。它这个方向仍然是打开的。"),
    (("sent", 6), 6,
     "The server sends 100 bytes, as a half-closed connection allows (seq=1 len=100).",
     "服务器发送 100 字节（seq=1 len=100），半关闭的连接允许这样做。",
     "The client is in FIN_WAIT_2 and still receives. What will it do with these bytes?",
     "客户端处于 FIN_WAIT_2，仍然可以接收。它会怎样处理这些字节？"),
    (("arr", 6), 7,
     "Nobody can read them: the orphaned socket answers with RST seq=2 (tcp_rcv_state_process, TCPAbortOnData) and is CLOSED. The 100 bytes are lost.",
     "没有人能读取它们：这个已被放弃的套接字回复 RST seq=2（tcp_rcv_state_process，TCPAbortOnData），进入 CLOSED。这 100 字节丢失了。"),
    (("arr", 7), "server:CLOSED",
     "The server obeys the RST: CLOSE_WAIT → CLOSED, and its own close() later fails. With shutdown(SHUT_WR) (half-close-with-data) or with --profile rfc the client keeps reading: the bytes are delivered and the close ends in TIME_WAIT.",
     "服务器服从 RST：CLOSE_WAIT → CLOSED，它之后的 close() 也会失败。若改用 shutdown(SHUT_WR)（见 half-close-with-data）或 --profile rfc，客户端会继续读取：数据被交付，关闭以 TIME_WAIT 结束。",
     "When must a client use shutdown() instead of close()?",
     "客户端什么时候必须用 shutdown() 而不是 close()？"),
], options=["--profile", "linux"])

sc("data-on-fin", ("Data on the FIN", "携带数据的 FIN"), [
    (("sent", 4), 4,
     "The application writes 100 bytes and closes at once: one segment carries both, FIN, PSH, ACK seq=1 len=100. The bytes take numbers 1 to 100 and the FIN takes 101.",
     "应用程序写入 100 字节后立即关闭：一个报文段同时携带两者，即 FIN, PSH, ACK seq=1 len=100。数据占用序号 1 到 100，FIN 占用序号 101。",
     "Which number will the server acknowledge?", "服务器会确认哪个序号？"),
    (("arr", 4), 5,
     "The server delivers the 100 bytes, then the end of stream, and acknowledges both with ack=102 = 1 + 100 bytes + 1 for the FIN. It enters CLOSE_WAIT.",
     "服务器先交付 100 字节，再交付流的结束，并用 ack=102 = 1 + 100 字节 + FIN 的 1 同时确认两者。它进入 CLOSE_WAIT。"),
    (("arr", 5), "client:FIN_WAIT_2",
     "The ACK covers the data and the FIN: FIN_WAIT_1 → FIN_WAIT_2.",
     "这个 ACK 同时确认了数据和 FIN：FIN_WAIT_1 → FIN_WAIT_2。"),
    (("sent", 6), 6,
     "The server closes: FIN, ACK seq=1 ack=102, LAST_ACK.",
     "服务器关闭：发送 FIN, ACK seq=1 ack=102，进入 LAST_ACK。"),
    (("arr", 6), 7,
     "The client acknowledges with seq=102 ack=2 and enters TIME_WAIT: its SND.NXT counted 100 bytes and its FIN.",
     "客户端以 seq=102 ack=2 确认，进入 TIME_WAIT：它的 SND.NXT 计入了 100 字节数据和 FIN。"),
])

sc("syn-in-time-wait", ("A SYN during TIME_WAIT", "TIME_WAIT 期间到达的 SYN"), [
    (("arr", 6), 7,
     "The server closed first, so the server is in TIME_WAIT; the client's last FIN is acknowledged (ack=2).",
     "这次服务器先关闭，所以处于 TIME_WAIT 的是服务器；客户端最后的 FIN 被确认（ack=2）。"),
    (("sent", 8), 8,
     "1 s later the client connects again from the same port: a new SYN for the four-tuple that the server still holds in TIME_WAIT.",
     "1 秒后客户端从同一端口再次连接：这个新 SYN 的四元组正是服务器仍处于 TIME_WAIT 的那个。",
     "What does RFC 9293 say a TIME_WAIT connection does with a SYN?",
     "按照 RFC 9293，处于 TIME_WAIT 的连接会怎样处理 SYN？"),
    (("arr", 8), 9,
     "Without timestamps (RFC 6191 does not apply) the server treats the SYN as an old segment and answers with an ACK of its old numbers (seq=2). Relative to the client's new ISN its ack is meaningless: -527998.",
     "没有时间戳（RFC 6191 不适用）时，服务器把这个 SYN 当作旧报文段，用旧连接的编号回复一个 ACK（seq=2）。相对于客户端新的 ISN，这个确认号毫无意义：-527998。"),
    (("arr", 9), 10,
     "In SYN_SENT an unacceptable ACK is answered with RST seq=SEG.ACK.",
     "在 SYN_SENT 状态下，不可接受的 ACK 会被回复以 RST，其序号等于 SEG.ACK。"),
    (("arr", 10), "server:LISTEN",
     "The RST is exact, so the server obeys it and leaves TIME_WAIT early: the TIME_WAIT assassination of RFC 1337. Only the listener remains.",
     "这个 RST 的序号完全正确，服务器服从它，提前离开 TIME_WAIT：这就是 RFC 1337 所说的 TIME_WAIT 暗杀。只剩下监听套接字。"),
    (("sent", 11), 11,
     "The client's retransmission timer fires 1 s after its SYN: the retransmitted SYN finds the listener.",
     "客户端的重传计时器在发出 SYN 1 秒后到期：重传的 SYN 遇到了监听套接字。"),
    (("arr", 13), "server:ESTABLISHED",
     "Connected, 1.15 s after the first try. With --profile linux the SYN's seq is above the old connection's numbers, so tcp_timewait_state_process reuses the four-tuple at once (ISN = old SND.NXT + 65537) and there is no ACK, no RST and no wait.",
     "连接建立，比第一次尝试晚了 1.15 秒。用 --profile linux 时，SYN 的序号高于旧连接的编号，tcp_timewait_state_process 会立即复用这个四元组（ISN = 旧 SND.NXT + 65537），不会有 ACK、RST，也不用等待。"),
])

sc("time-wait-reasons", ("Why TIME_WAIT lasts 2MSL", "TIME_WAIT 为什么要持续 2MSL"), [
    (("sent", 5), 5,
     "The client sends 100 bytes. The network keeps a copy of this segment (#5) and delivers it 3 s late: a segment may live up to MSL in the network.",
     "客户端发送 100 字节。网络中留下了这个报文段的一个副本（#5），它会晚 3 秒才送达：报文段在网络中最多可以存活 MSL。"),
    (("arr", 4), 6,
     "The original arrives and is acknowledged (ack=101).",
     "原始报文段到达并被确认（ack=101）。"),
    (("arr", 9), "client:TIME_WAIT",
     "The connection closes normally; the client enters TIME_WAIT. The scenario cuts MSL to 1 s, so TIME_WAIT is only 2 s, shorter than the copy's delay.",
     "连接正常关闭；客户端进入 TIME_WAIT。本场景把 MSL 缩短为 1 秒，所以 TIME_WAIT 只有 2 秒，比副本的延迟还短。"),
    (("state", "client", "CLOSED"), "client:CLOSED",
     "2 s later TIME_WAIT ends while the old copy is still in the network.",
     "2 秒后 TIME_WAIT 结束，而旧的副本还在网络中。"),
    (("arr", 13), "server:ESTABLISHED",
     "The client reconnects from the same port with the same ISN (no ISN clock, as after a reboot): the new connection has exactly the old numbers.",
     "客户端从同一端口、用相同的 ISN 重新连接（没有 ISN 时钟，就像重启之后）：新连接的编号与旧连接完全相同。",
     "What happens when the old copy arrives now?", "旧的副本现在到达会怎样？"),
    (("arr", 5), 15,
     "The old copy arrives: seq=1 len=100 is exactly what the new connection expects, so the server delivers the old bytes as new data and acknowledges them (ack=101). The data is corrupted without any error.",
     "旧副本到达：seq=1 len=100 正是新连接期望的，于是服务器把旧字节当作新数据交付，并确认它们（ack=101）。数据被悄悄破坏了，没有任何错误。"),
    (("arr", 14), 16,
     "The client's real new bytes arrive and look like a duplicate: they are refused with a duplicate ACK (ack=101). 2MSL is there so that every copy of the old connection has died before its four-tuple is used again. With --profile linux the fixed 60 s TIME_WAIT is still running when the copy comes, and the reuse waits.",
     "客户端真正的新数据到达，却像重复报文：它们被一个重复 ACK（ack=101）拒绝。2MSL 的意义就在于：在四元组被再次使用之前，旧连接的所有副本都已消亡。用 --profile linux 时，副本到达时固定 60 秒的 TIME_WAIT 仍在进行，复用也要等待。"),
])

sc("keep-alive", ("Keep-alive", "保活（keep-alive）"), [
    (("arr", 3), "client:ESTABLISHED",
     "Connected, then silence. The client has SO_KEEPALIVE with TCP_KEEPIDLE 10 s, TCP_KEEPINTVL 5 s and TCP_KEEPCNT 3 (Linux's defaults are 7200 s, 75 s, 9).",
     "连接建立后一片沉寂。客户端开启了 SO_KEEPALIVE，TCP_KEEPIDLE 为 10 秒、TCP_KEEPINTVL 为 5 秒、TCP_KEEPCNT 为 3（Linux 默认是 7200 秒、75 秒、9 次）。"),
    (("sent", 4), 4,
     "After 10 s idle the first probe: an ACK with seq=0 = SND.NXT - 1, a number the server has already acknowledged, with no data (RFC 9293 §3.8.4).",
     "空闲 10 秒后发出第一个探测：一个 seq=0 = SND.NXT - 1 的 ACK，这个序号服务器早已确认过，且不带数据（RFC 9293 §3.8.4）。",
     "Why does an old sequence number force the server to answer?",
     "为什么一个旧的序号会迫使服务器回应？"),
    (("arr", 4), 5,
     "An old number is not acceptable, so the server must answer with an ACK of its current numbers (ack=1): the peer is alive, and the idle timer restarts.",
     "旧序号不可接受，服务器必须用当前编号回复一个 ACK（ack=1）：对端还活着，空闲计时器重新开始。"),
    (("t", 25_000_000), "server:CLOSED",
     "At 25 s the server's host crashes: its connection disappears without sending anything. The client cannot know.",
     "25 秒时服务器主机崩溃：它的连接消失了，没有发出任何报文段。客户端无从知晓。"),
    (("arr", 8), 8,
     "The next probe gets no answer. Now probes come every TCP_KEEPINTVL = 5 s.",
     "下一个探测没有得到回应。此后每隔 TCP_KEEPINTVL = 5 秒探测一次。"),
    (("arr", 10), 10,
     "The third unanswered probe: TCP_KEEPCNT is reached.",
     "第三个探测仍无回应：达到了 TCP_KEEPCNT。"),
    (("end",), "client:CLOSED",
     "5 s later the client gives up: the connection is deleted and the application gets an error, 20 s after the crash instead of never. Linux also sends a RST and reports ETIMEDOUT (--profile linux).",
     "又过 5 秒客户端放弃：连接被删除，应用程序收到错误：崩溃 20 秒后就发现了，而不是永远发现不了。Linux 还会发送一个 RST，并报告 ETIMEDOUT（--profile linux）。",
     "Without keep-alive, when would the client have noticed?",
     "如果没有保活，客户端什么时候才会发现？"),
])

sc("zero-window-probe", ("Zero window and the persist timer", "零窗口与坚持计时器"), [
    (("sent", 4), 4,
     "The client writes 6000 bytes; the server's window is 4000 bytes, so only 4000 go (1460 + 1460 + 1080).",
     "客户端写入 6000 字节；服务器的窗口是 4000 字节，所以只发出 4000 字节（1460 + 1460 + 1080）。"),
    (("arr", 6), 9,
     "The server's application does not read: each ACK advertises a smaller window, 2540, 1080, and with ack=4001 zero. The remaining 2000 bytes must wait.",
     "服务器的应用程序不读取数据：每个 ACK 通告的窗口越来越小，2540、1080，到 ack=4001 时为零。剩下的 2000 字节只能等待。",
     "If the window update that reopens the window were lost, what would happen without a timer?",
     "如果重新打开窗口的窗口更新丢失了，没有计时器会怎样？"),
    (("sent", 10), 10,
     "The persist timer fires after 1 s: a probe with one byte of new data (seq=4001 len=1, RFC 9293 §3.8.6.1). The server cannot take it and answers with the zero window again (ack=4001).",
     "坚持计时器 1 秒后到期：发出一个携带 1 字节新数据的探测（seq=4001 len=1，RFC 9293 §3.8.6.1）。服务器无法接收，再次回复零窗口（ack=4001）。"),
    (("sent", 12), 12,
     "The next probe 2 s later: the interval backs off like the RTO. This is not a retransmission and never gives up while the peer answers. Linux probes with an empty segment at SND.UNA - 1 (seq=4000) after 0.3, 0.6, 1.2, 2.4 s (--profile linux).",
     "2 秒后再次探测：间隔像 RTO 一样退避。这不是重传，只要对端回应就不会放弃。Linux 的探测是一个序号为 SND.UNA - 1（seq=4000）的空报文段，间隔为 0.3、0.6、1.2、2.4 秒（--profile linux）。"),
    (("sent", 14), 14,
     "At 5 s the application reads the 4000 bytes: the server sends a window update (ack=4001, window 4000).",
     "5 秒时应用程序读取了这 4000 字节：服务器发送窗口更新（ack=4001，窗口 4000）。"),
    (("arr", 18), 18,
     "The waiting 2000 bytes go (1460 + 540) and are acknowledged with ack=6001. No byte was retransmitted.",
     "等待中的 2000 字节发出（1460 + 540），并以 ack=6001 得到确认。没有任何字节被重传。"),
])

sc("tls12-handshake", ("TLS 1.2 over TCP", "TCP 之上的 TLS 1.2"), [
    (("sent", 3), 3,
     "First TCP's own handshake: one round trip before the client may send anything.",
     "首先是 TCP 自己的握手：客户端在发送任何数据之前要花一个往返时间。"),
    (("sent", 4), 4,
     "TLS starts as ordinary data: the ClientHello is 517 bytes at seq=1. TCP does not know it is TLS; the names come from the record headers.",
     "TLS 以普通数据的形式开始：ClientHello 是 seq=1 处的 517 字节。TCP 并不知道这是 TLS；这些名称来自记录头。"),
    (("sent", 6), 6,
     "The server's flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, 3093 bytes in three segments.",
     "服务器的一组消息：ServerHello、Certificate、ServerKeyExchange、ServerHelloDone，共 3093 字节，分成三个报文段。"),
    (("sent", 12), 12,
     "Second TLS round trip: ClientKeyExchange, ChangeCipherSpec, Finished. The client still may not send its request.",
     "TLS 的第二个往返：ClientKeyExchange、ChangeCipherSpec、Finished。客户端此时仍不能发送请求。"),
    (("sent", 14), 14,
     "The server's ChangeCipherSpec and Finished complete the handshake.",
     "服务器的 ChangeCipherSpec 和 Finished 完成握手。"),
    (("sent", 16), 16,
     "The first request byte leaves at 305 ms: 3 round trips, one for TCP and 2 for TLS 1.2.",
     "第一个请求字节在 305 毫秒时才发出：共 3 个往返，TCP 一个，TLS 1.2 两个。",
     "How many round trips would TLS 1.3 need, and why?", "TLS 1.3 需要几个往返？为什么？"),
])

sc("tls13-handshake", ("TLS 1.3 over TCP", "TCP 之上的 TLS 1.3"), [
    (("sent", 3), 3,
     "TCP's handshake: one round trip.",
     "TCP 握手：一个往返。"),
    (("sent", 4), 4,
     "The ClientHello already carries a key_share: the client guesses the key exchange group, so the server can compute the keys at once.",
     "ClientHello 已经携带了 key_share：客户端预先猜测密钥交换组，服务器因此可以立即算出密钥。"),
    (("sent", 6), 6,
     "The server answers in one flight: ServerHello with its key_share, then EncryptedExtensions, Certificate, CertificateVerify and Finished, already encrypted (2986 bytes).",
     "服务器一次性回复：带有自己 key_share 的 ServerHello，随后是已加密的 EncryptedExtensions、Certificate、CertificateVerify 和 Finished（共 2986 字节）。"),
    (("sent", 12), 12,
     "The client's Finished and its first request leave together at 203 ms: 2 round trips, one for TCP and 1 for TLS 1.3, against 3 for TLS 1.2.",
     "客户端的 Finished 与第一个请求在 203 毫秒时一起发出：共 2 个往返，TCP 一个，TLS 1.3 一个，而 TLS 1.2 需要 3 个。",
     "What would 0-RTT resumption or TCP Fast Open save on top of this?",
     "0-RTT 会话恢复或 TCP Fast Open 还能在此基础上节省什么？"),
    (("sent", 14), 14,
     "The response comes with a NewSessionTicket for a later resumption.",
     "响应与一个 NewSessionTicket 一同到达，供以后恢复会话使用。"),
])

# ---------------------------------------------------------------- a capture
lesson("capture-handshake-data-close", ["--capture", "resources/captures/handshake-data-close.pcap"],
       {"version": 1, "capture": "resources/captures/handshake-data-close.pcap", "stream": 0},
       ("A real connection: handshake, data, close", "真实连接：握手、数据、关闭"), [
    (("sent", 1), 1,
     "A real Linux connection recorded with tcpdump, client 10.99.0.1 to server port 8080. The states are inferred from the segments (marked ?). The SYN: relative seq=0.",
     "用 tcpdump 录下的一个真实 Linux 连接，客户端 10.99.0.1 连接服务器的 8080 端口。状态是根据报文段推断的（图中标有“?”）。SYN：相对序号 seq=0。"),
    (("sent", 2), 2,
     "31 µs later the SYN, ACK: the handshake of a real stack is the one from the textbook.",
     "31 微秒后出现 SYN, ACK：真实协议栈的握手与教科书上的一样。"),
    (("sent", 3), 3,
     "The ACK completes the handshake; both sides are ESTABLISHED.",
     "ACK 完成握手；双方都进入 ESTABLISHED。"),
    (("sent", 4), 4,
     "A 100-byte request (PSH, ACK seq=1 len=100).",
     "一个 100 字节的请求（PSH, ACK seq=1 len=100）。"),
    (("sent", 5), 5,
     "The server's kernel acknowledges it at once: ack=101.",
     "服务器内核立即确认：ack=101。"),
    (("sent", 6), 6,
     "A 300-byte response from the server: seq=1 len=300.",
     "服务器返回 300 字节的响应：seq=1 len=300。"),
    (("sent", 7), 7,
     "The client acknowledges: ack=301.",
     "客户端确认：ack=301。",
     "Which seq will the client's FIN carry?", "客户端的 FIN 会携带哪个 seq？"),
    (("sent", 8), 8,
     "0.2 s later the client closes: FIN, ACK seq=101.",
     "0.2 秒后客户端关闭：FIN, ACK seq=101。"),
    (("sent", 9), 9,
     "The server acknowledges the FIN (ack=102); it is in CLOSE_WAIT until its application closes.",
     "服务器确认 FIN（ack=102）；在应用程序关闭之前它处于 CLOSE_WAIT。"),
    (("sent", 10), 10,
     "The server's application closes 0.2 s later: FIN, ACK seq=301.",
     "0.2 秒后服务器的应用程序关闭：FIN, ACK seq=301。"),
    (("sent", 11), "client:TIME_WAIT",
     "The last ACK (ack=302): the client stays in TIME_WAIT. The capture ends here; the 60 s of TIME_WAIT leave no packet on the wire.",
     "最后一个 ACK（ack=302）：客户端停留在 TIME_WAIT。抓包到此结束；60 秒的 TIME_WAIT 不会在线路上留下任何报文。"),
])
