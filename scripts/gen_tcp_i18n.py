# Source of src/main/resources/i18n/tcp*.properties: python3 scripts/gen_tcp_i18n.py src/main/resources/i18n
# Generates i18n/tcp.properties and tcp_zh_CN.properties (side-specific variants expanded).
import io
SIDES = {'client': ('Client', 'client', '客户端'), 'server': ('Server', 'server', '服务器')}

en = []
zh = []
def both(key, e, z):
    en.append(f"{key}={e}")
    zh.append(f"{key}={z}")
def sided(key, e, z):
    # {S} = this side (capitalised), {s} = this side, {P}/{p} = the other side; Chinese {SZ}/{PZ}
    for side, (S, s, SZ) in SIDES.items():
        other = 'server' if side == 'client' else 'client'
        P, p, PZ = SIDES[other]
        en.append(f"{key}.{side}=" + e.replace('{S}', S).replace('{s}', s).replace('{P}', P).replace('{p}', p))
        zh.append(f"{key}.{side}=" + z.replace('{SZ}', SZ).replace('{PZ}', PZ))

en.append("# tcp strings, English (the base bundle). UTF-8. Generated layout: side-specific keys end in .client/.server.")
zh.append("# tcp strings, Simplified Chinese. UTF-8. RFC state names stay untranslated.")
both("text.plain", "{0}", "{0}")

# ---- user-call errors and notices (RFC 9293 §3.10 response texts)
sided("tcp.error.exists", "{S}: error: connection already exists (not allowed in state {0}, RFC 9293 §3.10.1)",
      "{SZ}：错误：连接已存在（在 {0} 状态下不允许，RFC 9293 §3.10.1）")
sided("tcp.error.notExist", "{S}: error: connection does not exist (state {0}, RFC 9293 §3.10)",
      "{SZ}：错误：连接不存在（状态 {0}，RFC 9293 §3.10）")
sided("tcp.error.foreignUnspecified", "{S}: error: foreign socket unspecified: a LISTEN cannot send before a peer connects (state {0}, RFC 9293 §3.10.2)",
      "{SZ}：错误：未指定远端套接字：处于 LISTEN 时在对端连上之前不能发送（状态 {0}，RFC 9293 §3.10.2）")
sided("tcp.error.closing", "{S}: error: connection closing (state {0}: this side already sent its FIN, RFC 9293 §3.10)",
      "{SZ}：错误：连接正在关闭（状态 {0}：本端已发送 FIN，RFC 9293 §3.10）")
sided("tcp.notice.refused", "{S}: connection refused: a valid RST answered the SYN (RFC 9293 §3.10.7.3)",
      "{SZ}：连接被拒绝：SYN 收到了有效的 RST（RFC 9293 §3.10.7.3）")
sided("tcp.notice.reset", "{S}: connection reset by the peer: a RST with exactly the expected sequence number (RFC 9293 §3.10.7.4, RFC 5961)",
      "{SZ}：连接被对端重置：收到序号恰好等于期望值的 RST（RFC 9293 §3.10.7.4，RFC 5961）")
sided("tcp.notice.delivered", "{S}: {0} bytes delivered to the application",
      "{SZ}：{0} 字节已交付给应用程序")
sided("tcp.notice.peerClosing", "{S}: the peer closed its direction (FIN): no more data will come from it",
      "{SZ}：对端关闭了它的发送方向（FIN）：对端不会再发送数据")
sided("tcp.notice.finAheadOfGap", "{S}: FIN ahead of a gap: held (SHLD-31) and processed only once the missing bytes arrive; a duplicate ACK names the first missing byte (RFC 9293 §3.10.7.4, RFC 5681 §4.2)",
      "{SZ}：FIN 之前有缺失的字节：先保存起来（SHLD-31），等缺失的字节到达后才处理这个 FIN；本端立即发送重复 ACK，指出第一个缺失的字节（RFC 9293 §3.10.7.4，RFC 5681 §4.2）")
# Arrivals that change nothing visible: say they were seen and why nothing happened.
sided("tcp.notice.ignored.rstClosed", "{S}: RST ignored in CLOSED: a RST is never answered (RFC 9293 §3.10.7.1)",
      "{SZ}：在 CLOSED 状态下忽略 RST：RST 永远不会被回应（RFC 9293 §3.10.7.1）")
sided("tcp.notice.ignored.rstListen", "{S}: RST ignored in LISTEN (RFC 9293 §3.10.7.2)",
      "{SZ}：在 LISTEN 状态下忽略 RST（RFC 9293 §3.10.7.2）")
sided("tcp.notice.ignored.listen", "{S}: segment dropped in LISTEN: it has no SYN, ACK or RST (RFC 9293 §3.10.7.2)",
      "{SZ}：在 LISTEN 状态下丢弃报文段：它既没有 SYN，也没有 ACK 或 RST（RFC 9293 §3.10.7.2）")
sided("tcp.notice.ignored.rstSynSent", "{S}: RST ignored in SYN_SENT: its ACK does not acknowledge the SYN of this side, so it may be old or forged (RFC 9293 §3.10.7.3)",
      "{SZ}：在 SYN_SENT 状态下忽略 RST：它的确认号没有确认本端的 SYN，可能是旧的或伪造的（RFC 9293 §3.10.7.3）")
sided("tcp.notice.ignored.rstNoAck", "{S}: RST ignored in SYN_SENT: it carries no ACK of the SYN of this side (RFC 9293 §3.10.7.3)",
      "{SZ}：在 SYN_SENT 状态下忽略 RST：它没有携带对本端 SYN 的确认（RFC 9293 §3.10.7.3）")
sided("tcp.notice.ignored.synSent", "{S}: segment dropped in SYN_SENT: it has neither SYN nor RST (RFC 9293 §3.10.7.3)",
      "{SZ}：在 SYN_SENT 状态下丢弃报文段：它既没有 SYN 也没有 RST（RFC 9293 §3.10.7.3）")
sided("tcp.notice.ignored.rstOutsideWindow", "{S}: RST dropped: its sequence number is outside the receive window (RFC 9293 §3.10.7.4, first check)",
      "{SZ}：丢弃 RST：它的序号不在接收窗口内（RFC 9293 §3.10.7.4 第一步检查）")
sided("tcp.notice.ignored.noAck", "{S}: segment dropped: its ACK bit is off (RFC 9293 §3.10.7.4, fifth check)",
      "{SZ}：丢弃报文段：它没有设置 ACK 位（RFC 9293 §3.10.7.4 第五步检查）")
sided("tcp.notice.ignored.ackNothingNew", "{S}: the ACK changes nothing: everything this side sent was already acknowledged",
      "{SZ}：这个 ACK 没有带来任何变化：本端发送的所有内容都已被确认")
sided("tcp.notice.ackThrottled", "{S}: no ACK for this invalid segment: one went out {0} s ago, and RFC 5961 §7 allows one every 500 ms (Linux: tcp_invalid_ratelimit). Without the limit, two ends that each find the other''s bare ACK unacceptable would answer each other for ever (an ACK storm).",
      "{SZ}：不为这个无效报文段回复 ACK：{0} 秒前刚回复过一个，而 RFC 5961 §7 规定每 500 毫秒最多一个（Linux：tcp_invalid_ratelimit）。若不限速，两端各自认为对方的纯 ACK 不可接受，就会无休止地互相回复（ACK 风暴）。")
sided("tcp.notice.linux.ackOfUnsentDropped", "{S}: Linux: the ACK acknowledges {0}, beyond anything sent (SND.NXT = {1}): tcp_ack drops the segment without an answer (TCP_ACK_UNSENT_DATA). The rfc profile answers with an ACK (RFC 9293 §3.10.7.4, fifth check).",
      "{SZ}：Linux：这个 ACK 确认到 {0}，超出了已发送的范围（SND.NXT = {1}）：tcp_ack 直接丢弃该报文段，不作回复（TCP_ACK_UNSENT_DATA）。rfc 模式会回复一个 ACK（RFC 9293 §3.10.7.4 第五步检查）。")
sided("tcp.notice.ignored.dupAck", "{S}: duplicate ACK number {0}: nothing new acknowledged while data is outstanding (RFC 5681 §2); the third one triggers a fast retransmit (§3.2)",
      "{SZ}：第 {0} 个重复 ACK：有数据未被确认时没有确认任何新数据（RFC 5681 §2）；第三个重复 ACK 将触发快速重传（§3.2）")
sided("tcp.notice.fastRetransmit", "{S}: {0} duplicate ACKs: the segment they keep asking for is taken as lost and resent at once, before the retransmission timer fires (fast retransmit, RFC 5681 §3.2; both profiles)",
      "{SZ}：收到 {0} 个重复 ACK：认为对端反复索要的报文段已丢失，不等重传计时器超时立即重传（快速重传，RFC 5681 §3.2；两种模式相同）")
sided("tcp.notice.heldOutOfOrder", "{S}: {0} bytes arrived beyond a gap: held for later (RFC 9293 §3.10.7.4, SHLD-31), not delivered, because byte {1} is still missing; a duplicate ACK asks for it at once (RFC 5681 §4.2)",
      "{SZ}：{0} 字节越过了一个缺口到达：先保存起来（RFC 9293 §3.10.7.4，SHLD-31），暂不交付，因为字节 {1} 仍未收到；立即用重复 ACK 索要它（RFC 5681 §4.2）")
sided("tcp.notice.heldDelivered", "{S}: the gap is filled: {0} held bytes follow on and are delivered too; one cumulative ACK covers everything",
      "{SZ}：缺口已补上：之前保存的 {0} 字节接续上来，一并交付；一个累计 ACK 确认全部数据")
sided("tcp.notice.queuedUnread", "{S}: {0} bytes received but the application does not read: {1} bytes wait in the receive buffer, the advertised window shrinks to {2}",
      "{SZ}：收到 {0} 字节，但应用程序没有读取：接收缓冲区中有 {1} 字节待读，通告窗口缩小为 {2}")
sided("tcp.notice.linux.closeUnread", "{S}: Linux: close() with {0} unread bytes in the receive buffer: the data is lost, so the connection is reset with RST instead of a FIN (tcp_close, RFC 2525 §2.17, RFC 9293 SHLD-3). The rfc profile''s CLOSE only ends this side''s sending and keeps the data.",
      "{SZ}：Linux：接收缓冲区中还有 {0} 字节未读时调用 close()：这些数据丢失了，因此用 RST 代替 FIN 重置连接（tcp_close，RFC 2525 §2.17，RFC 9293 SHLD-3）。rfc 模式的 CLOSE 只结束本端的发送，数据仍然保留。")
sided("tcp.notice.linux.orphaned", "{S}: Linux: close() after the FIN: the socket is given up (orphaned); from now on FIN_WAIT_2 is timed (tcp_fin_timeout) and new data from the peer is answered with RST",
      "{SZ}：Linux：FIN 之后调用 close()：套接字被放弃（成为孤儿套接字）；此后 FIN_WAIT_2 开始计时（tcp_fin_timeout），对端再发来的新数据将被 RST 回应")
sided("tcp.notice.linux.dataAfterClose", "{S}: Linux: {0} new bytes for a socket the application has closed: nobody can read them, so the connection is reset (tcp_rcv_state_process, TCPAbortOnData). After shutdown() instead of close() they would be delivered.",
      "{SZ}：Linux：应用程序已经 close() 的套接字又收到 {0} 字节新数据：没有人能读取它们，因此连接被重置（tcp_rcv_state_process，TCPAbortOnData）。如果调用的是 shutdown() 而不是 close()，这些数据会被正常交付。")
sided("tcp.notice.linux.embryonicReset", "{S}: Linux: a new SYN inside the window of the half-open connection, and not a retransmission of the SYN being answered: tcp_check_req resets the embryonic connection (RST,ACK to that SYN) and drops it. RFC 9293 §3.10.7.4 only returns to LISTEN, without a segment.",
      "{SZ}：Linux：在半连接的窗口内收到一个新的 SYN，且不是正在应答的那个 SYN 的重传：tcp_check_req 重置这个尚未建立的连接（对该 SYN 回复 RST,ACK）并丢弃它。RFC 9293 §3.10.7.4 只是默默回到 LISTEN，不发送报文。")
sided("tcp.notice.linux.rto", "{S}: Linux: first RTT sample {1} s, so the retransmission timeout becomes {0} s = SRTT + max(4·RTTVAR, 0.2 s) (tcp_rtt_estimator, TCP_RTO_MIN); RFC 6298 (2.4) rounds it up to 1 s",
      "{SZ}：Linux：第一个 RTT 样本为 {1} 秒，因此重传超时时间 RTO 变为 {0} 秒 = SRTT + max(4·RTTVAR, 0.2 秒)（tcp_rtt_estimator，TCP_RTO_MIN）；RFC 6298 (2.4) 会把它向上取整到 1 秒")
sided("tcp.notice.linux.timeWait", "{S}: Linux: TIME_WAIT lasts a fixed {0} s (TCP_TIMEWAIT_LEN), not 2MSL = {1} s",
      "{SZ}：Linux：TIME_WAIT 固定持续 {0} 秒（TCP_TIMEWAIT_LEN），而不是 2MSL = {1} 秒")
sided("tcp.notice.linux.twReuse", "{S}: Linux: a SYN above the old connection''s numbers reaches TIME_WAIT ({0} s left): tcp_timewait_state_process drops the TIME_WAIT socket and hands the SYN to the listener (RFC 9293 MAY-2, RFC 1122 §4.2.2.13); the new ISN is the old SND.NXT + 65537, above every number the old connection used. The rfc profile, without timestamps (RFC 6191), answers with an ACK instead.",
      "{SZ}：Linux：一个序号高于旧连接的 SYN 到达 TIME_WAIT（剩余 {0} 秒）：tcp_timewait_state_process 丢弃 TIME_WAIT 套接字，把 SYN 交给监听套接字（RFC 9293 MAY-2，RFC 1122 §4.2.2.13）；新的 ISN 为旧的 SND.NXT + 65537，高于旧连接用过的所有序号。rfc 模式没有时间戳（RFC 6191），会回复一个 ACK。")
sided("tcp.notice.keepAlive.gaveUp", "{S}: {0} keep-alive probes went unanswered: the peer is taken as gone and the connection is deleted (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6); RFC 9293 names no segment for this, so none is sent",
      "{SZ}：{0} 个保活探测都没有得到回应：认为对端已不存在，删除连接（RFC 9293 §3.8.4，RFC 1122 §4.2.3.6）；RFC 9293 没有为此规定任何报文，因此不发送报文")
sided("tcp.notice.keepAlive.gaveUpLinux", "{S}: Linux: {0} keep-alive probes went unanswered (tcp_keepalive_probes): tcp_keepalive_timer sends a RST and reports ETIMEDOUT to the application",
      "{SZ}：Linux：{0} 个保活探测都没有得到回应（tcp_keepalive_probes）：tcp_keepalive_timer 发送 RST，并向应用程序报告 ETIMEDOUT")
sided("tcp.notice.zeroWindow", "{S}: the peer''s window is zero and {0} bytes wait: the persist timer will probe it in {1} s (RFC 9293 §3.8.6.1)",
      "{SZ}：对端窗口为零，还有 {0} 字节等待发送：持续计时器将在 {1} 秒后探测窗口（RFC 9293 §3.8.6.1）")
sided("tcp.notice.windowStillZero", "{S}: the answer to the probe: the window is still zero, so the {0} bytes keep waiting",
      "{SZ}：探测的回复：窗口仍然为零，{0} 字节继续等待")
sided("tcp.notice.windowOpened", "{S}: the peer''s window is open again ({0} bytes): the persist timer stops and the waiting data goes",
      "{SZ}：对端窗口重新打开（{0} 字节）：持续计时器停止，等待的数据开始发送")
sided("tcp.notice.appRead", "{S}: the application reads {0} bytes and from now on reads at once; the receive window is {1} again",
      "{SZ}：应用程序读取了 {0} 字节，此后立即读取；接收窗口恢复为 {1}")
sided("tcp.notice.linux.delayedAck", "{S}: Linux: delayed ACK: this ACK waited {0} s (TCP_DELACK_MIN, tcp_delack_timer) for data or a FIN to ride on; none came, so it leaves alone. The rfc profile acknowledges at once (RFC 9293 SHLD-19 allows up to 0.5 s).",
      "{SZ}：Linux：延迟 ACK：这个 ACK 等待了 {0} 秒（TCP_DELACK_MIN，tcp_delack_timer），希望能搭载在数据或 FIN 上；没有等到，于是单独发送。rfc 模式立即确认（RFC 9293 SHLD-19 允许最多延迟 0.5 秒）。")
sided("tcp.notice.rtoAfterSynTimeout", "{S}: the {1} of this side had to be retransmitted and gave no RTT sample, so the retransmission timeout for what follows is {0} s (RFC 6298 (5.7))",
      "{SZ}：本端的 {1} 经过了重传，无法得到 RTT 样本，因此之后的重传超时时间 RTO 为 {0} 秒（RFC 6298 (5.7)）")
sided("tcp.notice.autoClose", "{S}: the application reads the end of the stream and calls CLOSE at once, so the FIN rides on the ACK",
      "{SZ}：应用程序读到数据流结束后立即调用 CLOSE，因此 FIN 与 ACK 合并在同一个报文段中发送")
sided("tcp.notice.timedOut.syn", "{S}: gave up after {0} SYN retransmissions ({1} s). The retry count is Linux''s tcp_syn_retries (default 6, 127 s), shorter than the 3 minutes RFC 9293 §3.8.3 asks of R2 for a SYN (MUST-23)",
      "{SZ}：重传 SYN {0} 次后放弃（{1} 秒）。重试次数取自 Linux 的 tcp_syn_retries（默认 6 次，127 秒），比 RFC 9293 §3.8.3 对 SYN 的 R2 要求的 3 分钟更短（MUST-23）")
sided("tcp.notice.timedOut.synAck", "{S}: gave up after {0} SYN,ACK retransmissions ({1} s). The retry count is Linux''s tcp_synack_retries (default 5, 63 s), shorter than the 3 minutes RFC 9293 §3.8.3 asks of R2 for a SYN (MUST-23)",
      "{SZ}：重传 SYN,ACK {0} 次后放弃（{1} 秒）。重试次数取自 Linux 的 tcp_synack_retries（默认 5 次，63 秒），比 RFC 9293 §3.8.3 对 SYN 的 R2 要求的 3 分钟更短（MUST-23）")
sided("tcp.notice.timedOut.synAckActive", "{S}: gave up after {0} SYN,ACK retransmissions ({1} s). This SYN_RCVD was reached by a simultaneous open, an active open, so the limit is Linux''s tcp_syn_retries (default 6, 127 s; tcp_synack_retries is for a listener''s half-open connections), shorter than the 3 minutes RFC 9293 §3.8.3 asks of R2 for a SYN (MUST-23)",
      "{SZ}：重传 SYN,ACK {0} 次后放弃（{1} 秒）。这个 SYN_RCVD 是同时打开（主动打开）进入的，因此上限是 Linux 的 tcp_syn_retries（默认 6 次，127 秒；tcp_synack_retries 只用于监听套接字的半连接），比 RFC 9293 §3.8.3 对 SYN 的 R2 要求的 3 分钟更短（MUST-23）")
sided("tcp.notice.timedOut.data", "{S}: connection timed out after {0} retransmissions ({1} s; RFC 9293 §3.8.3 R2, at least 100 s, MUST-20)",
      "{SZ}：重传 {0} 次后连接超时（{1} 秒；RFC 9293 §3.8.3 的 R2 至少 100 秒，MUST-20）")
sided("tcp.notice.finWait2Timeout", "{S}: Linux: FIN_WAIT_2 timeout: no FIN arrived within {0} s after close(). tcp_fin_timeout applies only to a socket the application has closed (never after shutdown()); the connection is dropped without a segment. RFC 9293 has no such timer and waits in FIN_WAIT_2.",
      "{SZ}：Linux：FIN_WAIT_2 超时：close() 之后 {0} 秒内没有收到对端的 FIN。tcp_fin_timeout 只适用于应用程序已关闭的套接字（shutdown() 之后从不适用）；连接被直接丢弃，不发送任何报文。RFC 9293 没有这个计时器，会在 FIN_WAIT_2 中一直等待。")

both("tcp.note.backlogFull", "Server: SYN dropped: the listen backlog is full ({0} of {1} half-open connections); the client must retransmit",
     "服务器：SYN 被丢弃：半连接队列（SYN 队列）已满（{0}/{1} 个半连接），客户端只能重传")
both("tcp.note.backlogFullSpoofed", "Server: forged SYN from {0} dropped: the listen backlog is full ({1} of {2})",
     "服务器：来自 {0} 的伪造 SYN 被丢弃：半连接队列（SYN 队列）已满（{1}/{2}）")
both("tcp.note.cookieAccepted", "Server: the ACK returns a valid SYN cookie (RFC 4987 §3.6): the listening socket stays in LISTEN; the cookie rebuilds a new connection in SYN_RCVD, as if the SYN had just arrived, and this ACK completes it (ESTABLISHED). From here the server lifeline follows that new connection.",
     "服务器：该 ACK 带回了有效的 SYN cookie（RFC 4987 §3.6）：监听套接字仍处于 LISTEN；cookie 重建出一个新连接，就像 SYN 刚刚到达一样处于 SYN_RCVD，这个 ACK 使它进入 ESTABLISHED。从这里开始，服务器的生命线表示这个新连接。")
both("tcp.note.cookieFirst.rfc", "Server: the backlog ({0}) is full: from now on each SYN is answered with a SYN cookie and no half-open entry is kept (RFC 4987 §3.6). The cost: the cookie encodes only a few MSS values, and without TCP timestamps window scaling and SACK are lost for that connection.",
     "服务器：半连接队列（{0}）已满：此后每个 SYN 都以 SYN cookie 回应，不再保留半连接（RFC 4987 §3.6）。代价是：cookie 只能编码少数几个 MSS 值，而且没有 TCP 时间戳时，该连接会失去窗口扩大和 SACK。")
both("tcp.note.cookieFirst.linux", "Server: Linux: the SYN queue overflows (backlog {0}; inet_csk_reqsk_queue_is_full compares with >, so it holds {0} + 1 requests), so tcp_syncookies=1 (the default) switches to SYN cookies for new SYNs (tcp_conn_request, cookie_v4_init_sequence). The cost: the cookie encodes one of 4 MSS values, and without TCP timestamps the connection loses window scaling and SACK.",
     "服务器：Linux：SYN 队列溢出（backlog 为 {0}；inet_csk_reqsk_queue_is_full 用 > 比较，所以能容纳 {0} + 1 个请求），因此 tcp_syncookies=1（默认值）对新的 SYN 改用 SYN cookie（tcp_conn_request，cookie_v4_init_sequence）。代价是：cookie 只能编码 4 种 MSS 值之一，没有 TCP 时间戳时连接会失去窗口扩大和 SACK。")
sided("tcp.note.shutdown", "{S}: shutdown(SHUT_WR): RFC 9293''s CLOSE, recorded as CLOSE: this side sends no more (FIN) but keeps reading what the {p} still sends, with no time limit, in both profiles",
      "{SZ}：shutdown(SHUT_WR)：即 RFC 9293 的 CLOSE，记录为 CLOSE：本端不再发送（FIN），但继续读取{PZ}仍在发送的数据，没有时间限制，两种模式相同")
sided("tcp.note.linuxClose", "{S}: Linux: close() gives the socket up: unread data makes it send RST instead of FIN, data arriving after the FIN is answered with RST, and FIN_WAIT_2 lasts at most tcp_fin_timeout (60 s). Use shutdown() to keep receiving.",
      "{SZ}：Linux：close() 放弃了套接字：若有未读数据则发送 RST 而不是 FIN，FIN 之后到达的数据会被 RST 回应，FIN_WAIT_2 最多持续 tcp_fin_timeout（60 秒）。要继续接收请用 shutdown()。")
both("tcp.note.segmentLimit", "The simulation stops here, after {0} segments: a longer run is no lesson any more. Send less data or end the connection sooner.",
     "模拟在 {0} 个报文段后停止：再长就不再适合教学了。请少发送一些数据，或更早结束连接。")
both("tcp.note.halfOpenExpired", "Server: the half-open connection for {0} gave up after its SYN,ACK retransmissions and leaves the backlog",
     "服务器：{0} 的半连接在 SYN,ACK 重传耗尽后被放弃，离开半连接队列（SYN 队列）")

sided("tcp.note.finWait2Forever", "{S}: still FIN_WAIT_2 while the {p} has no connection any more ({0}): RFC 9293 has no FIN_WAIT_2 timer, so the {s} waits for a FIN that will never come. Linux would give up after tcp_fin_timeout (60 s) only if the application had called close(), not after shutdown().",
      "{SZ}：仍处于 FIN_WAIT_2，而{PZ}已经没有这个连接了（{0}）：RFC 9293 没有 FIN_WAIT_2 计时器，因此{SZ}会一直等待一个永远不会到来的 FIN。Linux 只有在应用程序调用了 close()（而不是 shutdown()）时，才会在 tcp_fin_timeout（60 秒）后放弃。")
sided("tcp.note.halfOpen", "{S}: half-open connection: still {0}, but the {p} has no connection any more ({1}); no timer runs in {0} and nothing more is sent, so nothing will tell the {s} (RFC 9293 §3.5.1)",
      "{SZ}：半开连接：本端仍处于 {0}，但{PZ}已经没有这个连接了（{1}）；{0} 状态没有计时器运行，也不会再发送任何报文，所以没有任何东西会通知{SZ}（RFC 9293 §3.5.1）")


# ---- seq explanations
sided("tcp.explain.seq.isn", "seq = {0}: the {s}''s initial sequence number (ISN, {1} absolute); relative numbers count from it, and the SYN consumes it.",
      "seq = {0}：{SZ}的初始序号（ISN，绝对值 {1}）；相对序号从它开始计数，SYN 占用这一个序号。")
sided("tcp.explain.seq.isnAgain", "seq = {0}: the same ISN as the {s}''s own SYN ({1} absolute): in a simultaneous open the SYN,ACK repeats that SYN, so it is not counted twice.",
      "seq = {0}：与{SZ}自己的 SYN 相同的 ISN（绝对值 {1}）：同时打开时 SYN,ACK 重发的是同一个 SYN，因此 SYN 不会占用两个序号。")
both("tcp.explain.seq.afterSyn", "seq = {0}: the SYN used sequence number {1}, so the first byte after it is {0}.",
     "seq = {0}：SYN 占用了序号 {1}，所以它之后的第一个字节是 {0}。")
both("tcp.explain.seq.next", "seq = {0} = 1 + {1} data bytes already sent: the next unused sequence number (SND.NXT).",
     "seq = {0} = 1 + 已发送的 {1} 个数据字节：下一个未使用的序号（SND.NXT）。")
both("tcp.explain.seq.nextAfterFin", "seq = {0} = 1 + {1} data bytes + 1 for the FIN: the FIN consumed a number too (SND.NXT).",
     "seq = {0} = 1 + {1} 个数据字节 + FIN 占用的 1：FIN 也占用一个序号（SND.NXT）。")
both("tcp.explain.seq.sndNxt", "seq = {0} = SND.NXT: the next unused sequence number.", "seq = {0} = SND.NXT：下一个未使用的序号。")
both("tcp.explain.seq.fin", "seq = {0}: the FIN takes the next unused number and consumes it, so this side would continue at {1}.",
     "seq = {0}：FIN 使用下一个未用的序号并占用它，所以本端之后的序号从 {1} 开始。")
both("tcp.explain.seq.retransmission", "seq = {0}: same seq as the original: a retransmission resends, it never renumbers (retransmission {1}; the timeout now doubles to {2} s).",
     "seq = {0}：与原报文段相同——重传只是重新发送，不会重新编号（第 {1} 次重传；重传超时时间 RTO 加倍为 {2} 秒）。")
both("tcp.explain.seq.rstFromAck", "seq = {0} ({1} absolute) = SEG.ACK of the segment it answers: a RST answering a segment that carries an ACK is built as <SEQ=SEG.ACK><CTL=RST>, a number the other side itself named (RFC 9293 §3.10.7.1-§3.10.7.3).",
     "seq = {0}（绝对值 {1}）= 所回应报文段的 SEG.ACK：回应带 ACK 的报文段时，RST 按 <SEQ=SEG.ACK><CTL=RST> 构造，使用的是对方自己给出的序号（RFC 9293 §3.10.7.1-§3.10.7.3）。")
both("tcp.explain.seq.rstZero", "seq = {0}: the segment answered had no ACK, so a port without a connection replies <SEQ=0> and uses the ACK field instead (RFC 9293 §3.10.7.1).",
     "seq = {0}：被回应的报文段没有 ACK，所以没有连接的端口回复 <SEQ=0>，并用确认号字段使对方接受该 RST（RFC 9293 §3.10.7.1）。")
both("tcp.explain.seq.rstAbort", "seq = {0} = SND.NXT: ABORT sends <SEQ=SND.NXT><CTL=RST> (RFC 9293 §3.10.5). The peer obeys it only if this is exactly the next number it expects (RCV.NXT, RFC 5961 §3.2), that is, if everything this side sent before has arrived.",
     "seq = {0} = SND.NXT：ABORT 发送 <SEQ=SND.NXT><CTL=RST>（RFC 9293 §3.10.5）。只有当它恰好是对端期望的下一个序号（RCV.NXT，RFC 5961 §3.2），即本端之前发送的内容都已到达时，对端才会照做。")
both("tcp.explain.seq.rstAbortLinux", "seq = {0} = SND.NXT: Linux: ABORT (close with SO_LINGER 0) sends RST,ACK with the current ACK (tcp_send_active_reset); RFC 9293 §3.10.5 sends a bare RST. Either way the peer obeys it only if seq is exactly its RCV.NXT (RFC 5961 §3.2).",
     "seq = {0} = SND.NXT：Linux：ABORT（SO_LINGER 为 0 的 close）发送带当前确认号的 RST,ACK（tcp_send_active_reset）；RFC 9293 §3.10.5 发送不带 ACK 的 RST。无论哪种，只有序号恰好等于对端的 RCV.NXT 时对端才会照做（RFC 5961 §3.2）。")
sided("tcp.explain.rst.accepted", "It is exactly what the {s} expects, so the {s} obeys: {0} -> {1}.",
      "它恰好是{SZ}期望的序号，因此{SZ}照做：{0} -> {1}。")
sided("tcp.explain.rst.acceptedSynSent", "Its ACK acknowledges the {s}''s SYN, so the {s} accepts it: {0} -> {1}, connection refused (RFC 9293 §3.10.7.3).",
      "它的确认号确认了{SZ}的 SYN，因此{SZ}接受它：{0} -> {1}，连接被拒绝（RFC 9293 §3.10.7.3）。")
sided("tcp.explain.rst.challenged", "It is not: the {s} still expects {1} (something before the RST was lost), so seq {0} is only in the window, and the {s} answers with a challenge ACK instead of resetting (RFC 5961 §3.2).",
      "并非如此：{SZ}仍在等待序号 {1}（RST 之前的某个报文段丢失了），所以序号 {0} 只是落在窗口内，{SZ}回复挑战 ACK 而不是重置连接（RFC 5961 §3.2）。")
sided("tcp.explain.rst.ignored", "The {s} ({0}) has no matching connection for it and drops it without an answer.",
      "{SZ}（{0}）没有与之对应的连接，直接丢弃，不作回应。")
both("tcp.explain.seq.noIsn", "This side sent no SYN, so there is no ISN to count from: the relative seq counts from this segment (absolute {0}). Wireshark, and this app''s replay of a capture, count such a side from its first number minus one and show seq=1 for the same segment; the absolute number is the same.",
     "本端没有发送 SYN，没有可作为起点的 ISN：相对序号从这个报文段开始计数（绝对值 {0}）。Wireshark 以及本程序回放抓包时，会把这种一端的第一个序号减一作为起点，同一个报文段显示为 seq=1；绝对序号是一样的。")
both("tcp.explain.seq.retransmissionCeiling", "seq = {0}: same seq as the original: a retransmission resends, it never renumbers (retransmission {1}; the timeout has reached its ceiling of {2} s and stops doubling).",
     "seq = {0}：与原报文段相同——重传只是重新发送，不会重新编号（第 {1} 次重传；重传超时时间 RTO 已达到上限 {2} 秒，不再加倍）。")
both("tcp.explain.seq.synAckAgain", "seq = {0}: the same ISN again ({1} absolute): Linux answers a retransmitted SYN in SYN_RCVD with its SYN,ACK again (tcp_check_req, inet_rtx_syn_ack), since the first one may be lost; RFC 9293 answers with a bare ACK (first check).",
     "seq = {0}：再次使用同一个 ISN（绝对值 {1}）：Linux 在 SYN_RCVD 收到重传的 SYN 时，会再发一次 SYN,ACK（tcp_check_req，inet_rtx_syn_ack），因为第一个可能已经丢失；RFC 9293 只回复一个 ACK（第一步检查）。")
both("tcp.explain.seq.fastRetransmit", "seq = {0}: fast retransmit: the same seq as the original, resent after three duplicate ACKs without waiting for the retransmission timer (RFC 5681 §3.2).",
     "seq = {0}：快速重传：与原报文段相同的序号，收到三个重复 ACK 后立即重发，不等待重传计时器（RFC 5681 §3.2）。")
both("tcp.explain.seq.spoofed", "seq = {0}: a SYN with the forged source address {1}; its ISN ({2} absolute) is random, and nobody will ever finish this handshake.",
     "seq = {0}：源地址伪造为 {1} 的 SYN；它的 ISN（绝对值 {2}）是随机的，永远不会有人完成这次握手。")
both("tcp.explain.seq.oldDuplicate", "seq = {0} ({1} absolute): an old duplicate SYN of an earlier connection; its number is not this connection''s ISN.",
     "seq = {0}（绝对值 {1}）：早先连接的旧重复 SYN；它的序号不是本次连接的 ISN。")
both("tcp.explain.seq.cookie", "seq = {0}: a SYN cookie: the ISN ({1} absolute) encodes the connection, so the server keeps no half-open entry (RFC 4987).",
     "seq = {0}：SYN cookie：ISN（绝对值 {1}）编码了连接信息，因此服务器不保留半连接（RFC 4987）。")

# ---- ack explanations
both("tcp.explain.ack.current", "ack = {0}: unchanged, the next byte this side expects (RCV.NXT).", "ack = {0}：保持不变，仍是本端期望收到的下一个字节序号（RCV.NXT）。")
sided("tcp.explain.ack.syn", "ack = {0} = {p} ISN {1} + 1 (a SYN consumes one sequence number).",
      "ack = {0} = {PZ} ISN {1} + 1（SYN 占用一个序号）。")
sided("tcp.explain.ack.synOld", "ack = {0} = the old SYN''s seq {1} + 1 (a SYN consumes one sequence number): the {s} acknowledges the SYN that reached it and cannot tell it is not the {p}''s current one.",
      "ack = {0} = 旧 SYN 的序号 {1} + 1（SYN 占用一个序号）：{SZ}确认的是它收到的那个 SYN，无法分辨它并不是{PZ}当前的 SYN。")
both("tcp.explain.ack.data", "ack = {0} = {1} + {2} bytes: every byte up to {3} arrived, {0} is the next one expected.",
     "ack = {0} = {1} + {2} 字节：序号 {3} 及之前的字节都已收到，期望收到的下一个字节序号为 {0}。")
both("tcp.explain.ack.fin", "ack = {0} = {1} + 1: the FIN at sequence number {1} consumes one number.",
     "ack = {0} = {1} + 1：序号 {1} 处的 FIN 占用一个序号。")
both("tcp.explain.ack.rstClosed", "ack = {0} = {1} + {2}: SEG.SEQ + SEG.LEN of the segment answered (a SYN counts as one) (RFC 9293 §3.10.7.1).",
     "ack = {0} = {1} + {2}：被回应报文段的 SEG.SEQ + SEG.LEN（SYN 计为 1）（RFC 9293 §3.10.7.1）。")
both("tcp.explain.ack.challenge", "Challenge ACK (RFC 5961): ack = {0} = RCV.NXT. The RST or SYN was in the window but not exactly where expected, so instead of obeying it this side asks the peer to prove it is genuine.",
     "挑战 ACK（RFC 5961）：ack = {0} = RCV.NXT。该 RST 或 SYN 落在窗口内但不在期望的位置，所以本端不照做，而是要求对端证明它是真的。")
both("tcp.explain.ack.duplicate", "ack = {0} = RCV.NXT: a duplicate ACK: what just arrived lies beyond byte {0}, which is still missing, so this side repeats the first byte it needs (RFC 5681 §4.2).",
     "ack = {0} = RCV.NXT：重复 ACK：刚到达的报文段从字节 {0} 之后开始，而 {0} 仍未收到，因此本端再次告知它需要的第一个字节（RFC 5681 §4.2）。")
both("tcp.explain.ack.unacceptable", "ack = {0} = RCV.NXT: the segment just received was outside the receive window (old or duplicate), so this side repeats what it expects (RFC 9293 §3.10.7.4, first check).",
     "ack = {0} = RCV.NXT：刚收到的报文段不在接收窗口内（旧的或重复的），因此本端再发一个 ACK，告知期望收到的序号（RFC 9293 §3.10.7.4 第一步检查）。")
both("tcp.explain.ack.timeWait", "ack = {0}: TIME_WAIT re-ACKs the retransmitted FIN (the previous ACK was lost) and restarts the 2MSL timer.",
     "ack = {0}：TIME_WAIT 对重传的 FIN 再次确认（说明之前的 ACK 未送达），并重新启动 2MSL 计时器。")
both("tcp.explain.ack.spoofed", "ack = {0} = forged ISN + 1 (a SYN consumes one number); the SYN,ACK goes to {1}, which never sent that SYN.",
     "ack = {0} = 伪造的 ISN + 1（SYN 占用一个序号）；SYN,ACK 发往 {1}，而它从未发送过那个 SYN。")
both("tcp.explain.finOnData", "The FIN rides on this data segment: it comes after the last byte and takes number {0}, so the peer acknowledges {1}.",
     "FIN 搭载在这个数据报文段上：它排在最后一个字节之后，占用序号 {0}，因此对端确认号为 {1}。")
both("tcp.note.tls.request", "Client: the first request byte leaves {0} s after the SYN, {1} round trips: one for the TCP handshake and {2} for the TLS {3} handshake. No application byte can go earlier.",
     "客户端：第一个请求字节在 SYN 之后 {0} 秒发出，经过了 {1} 个往返：TCP 握手 1 个，TLS {3} 握手 {2} 个。在此之前不能发送任何应用数据。")
both("tcp.explain.seq.keepAlive", "seq = {0} = SND.NXT - 1: keep-alive probe {2}. It repeats a number the peer has already acknowledged and carries no data, so a live peer must answer with an ACK ({1}) and nothing else changes (RFC 9293 §3.8.4; Linux tcp_xmit_probe_skb).",
     "seq = {0} = SND.NXT - 1：第 {2} 个保活探测。它重复了一个对端已经确认过的序号且不带数据，所以活着的对端必须回复一个 ACK（{1}），其他一切不变（RFC 9293 §3.8.4；Linux tcp_xmit_probe_skb）。")
sided("tcp.note.crash", "{S}: the {s}''s host crashes (was {0}): its connection is gone without a segment, and nothing reaches it any more",
      "{SZ}：{SZ}所在的主机崩溃了（之前处于 {0}）：它的连接没有发出任何报文就消失了，此后没有任何报文能到达它")
both("tcp.explain.seq.windowProbe", "seq = {0} = SND.NXT: zero-window probe: one byte of new data that the closed window will refuse; the answer is an ACK with the current window (RFC 9293 §3.8.6.1, MUST-36). The timer backs off after each probe.",
     "seq = {0} = SND.NXT：零窗口探测：一个新数据字节，关闭的窗口会拒绝它；回复是一个带当前窗口的 ACK（RFC 9293 §3.8.6.1，MUST-36）。每次探测后计时器退避加倍。")
both("tcp.explain.seq.windowProbeLinux", "seq = {0} = SND.UNA - 1: Linux zero-window probe (tcp_send_probe0, tcp_xmit_probe_skb): no data and an old number, which the peer must answer with an ACK that carries its current window. RFC 9293 probes with one byte of new data.",
     "seq = {0} = SND.UNA - 1：Linux 的零窗口探测（tcp_send_probe0，tcp_xmit_probe_skb）：不带数据，使用旧序号，对端必须回复一个带当前窗口的 ACK。RFC 9293 用一个新数据字节来探测。")
both("tcp.explain.ack.windowUpdate", "ack = {0}: nothing new received; this ACK only announces that the window is open again ({1} bytes), a window update (RFC 9293 §3.8.6.2.2).",
     "ack = {0}：没有收到新数据；这个 ACK 只是通告窗口重新打开（{1} 字节），即窗口更新（RFC 9293 §3.8.6.2.2）。")
both("tcp.explain.delayedDuplicate", "A copy of this segment is delayed in the network and arrives {0} s after the original: a segment can live up to MSL in the network (RFC 9293 §3.4.1).",
     "这个报文段的一个副本在网络中被延迟，比原报文段晚 {0} 秒到达：报文段在网络中最多可以存活 MSL（RFC 9293 §3.4.1）。")
both("tcp.explain.len", "len = {0}: these bytes use sequence numbers {1} to {2}; the next segment starts at {3}.",
     "len = {0}：这些字节占用序号 {1} 到 {2}；下一个报文段从 {3} 开始。")

# ---- text ladder words
both("tcp.txt.lost", "LOST", "丢失")
both("tcp.txt.legend", "time  #id  direction  flags  seq/ack/len (relative)  [client state | server state when the segment leaves]",
     "时间  #编号  方向  标志位  seq/ack/len（相对值）  [报文段发出时 客户端状态 | 服务器状态]")
both("tcp.txt.retransmission", "retransmission", "重传")
both("tcp.txt.state", "{0}: {1} -> {2} ({3})", "{0}：{1} -> {2}（{3}）")
both("tcp.txt.timer.SET", "{0}: {1} set: expires {2}", "{0}：{1}启动：{2}到期")
both("tcp.txt.timer.RESTART", "{0}: {1} restarted: expires {2}", "{0}：{1}重新启动：{2}到期")
both("tcp.txt.timer.FIRED", "{0}: {1} expired", "{0}：{1}超时")
both("tcp.txt.timer.CANCELLED", "{0}: {1} cancelled (was due {2})", "{0}：{1}已取消（原定 {2}到期）")
both("tcp.txt.timerName.RETRANSMISSION", "retransmission timer", "重传计时器")
both("tcp.txt.timerName.TIME_WAIT", "TIME_WAIT timer", "TIME_WAIT 计时器")
both("tcp.txt.timerName.FIN_WAIT_2", "FIN_WAIT_2 timer", "FIN_WAIT_2 计时器")
both("tcp.txt.timerName.KEEPALIVE", "keep-alive timer", "保活计时器")
both("tcp.txt.timerName.USER_TIMEOUT", "user timeout", "用户超时计时器")
both("tcp.txt.cause.TIME_WAIT", "2MSL timer expired", "2MSL 计时器到期")
both("tcp.txt.cause.RETRANSMISSION", "retransmission timeout: gave up", "重传超时：放弃连接")
both("tcp.txt.cause.FIN_WAIT_2", "FIN_WAIT_2 timer expired", "FIN_WAIT_2 计时器到期")
both("tcp.txt.arrow.toServer", "client ──► server", "客户端 ──► 服务器")
both("tcp.txt.arrow.toClient", "client ◄── server", "客户端 ◄── 服务器")
both("tcp.txt.seconds", "{0} s", "{0} 秒")
both("tcp.txt.call", "{0}: user call {1}", "{0}：用户调用 {1}")
both("tcp.txt.client", "client", "客户端")
both("tcp.txt.server", "server", "服务器")
both("tcp.txt.gauge", "half-open queue: {0} of {1}", "半连接队列（SYN 队列）：{0}/{1}")

# ---- scenarios
S = {}
def sc(id, te, tz, se, sz, le, lz):
    # No-argument texts: Messages returns them unformatted, so no MessageFormat quote doubling.
    te, se, le = (x.replace("''", "’") for x in (te, se, le))
    both(f"scenario.{id}.title", te, tz)
    both(f"scenario.{id}.summary", se, sz)
    both(f"scenario.{id}.lesson", le, lz)

sc("three-way-handshake", "Three-way handshake", "三次握手",
   "SYN, SYN-ACK and ACK let both sides agree on initial sequence numbers.", "通过 SYN、SYN-ACK、ACK，双方确认彼此的初始序号。",
   "Watch the ack numbers: each side acknowledges the other''s ISN + 1, because a SYN consumes one sequence number. Three segments are the minimum: each side must send its own ISN and see it acknowledged.",
   "注意确认号：每一端确认的都是对方 ISN + 1，因为 SYN 占用一个序号。三个报文段是最少的：每一端都必须发出自己的 ISN 并看到它被确认。")
sc("four-way-close", "Four-way close", "四次挥手",
   "The client closes first with FIN and ACK, then the server sends its FIN and gets the final ACK.", "客户端先发送 FIN 并收到 ACK，然后服务器发送自己的 FIN 并收到最后的 ACK。",
   "Each direction is closed separately, so it takes two FINs and two ACKs. The side that closes first passes FIN_WAIT_1 and FIN_WAIT_2 and ends in TIME_WAIT for 2MSL; the other side passes CLOSE_WAIT and LAST_ACK.",
   "两个方向分别关闭，所以需要两个 FIN 和两个 ACK。先关闭的一端经过 FIN_WAIT_1、FIN_WAIT_2，最后在 TIME_WAIT 停留 2MSL；另一端经过 CLOSE_WAIT 和 LAST_ACK。")
sc("server-closes-first", "Server closes first", "服务器先关闭",
   "The same close with the roles swapped, so the server ends in TIME_WAIT.", "角色互换的关闭过程，因此最后进入 TIME_WAIT 的是服务器。",
   "TIME_WAIT belongs to whoever closes first, not to the client. A busy server that closes first collects many TIME_WAIT connections, which is why servers often let the client close.",
   "TIME_WAIT 属于先关闭的一端，而不一定是客户端。繁忙的服务器如果先关闭，会积累大量 TIME_WAIT 连接，所以服务器通常让客户端先关闭。")
sc("three-segment-close", "Three-segment close", "三段式关闭",
   "The server closes as soon as it reads the FIN, so its FIN rides on the ACK.", "服务器一读到 FIN 就关闭，所以它的 FIN 与 ACK 合并发送。",
   "Watch the second segment: FIN, ACK acknowledges the client''s FIN and carries the server''s FIN at once. The client goes from FIN_WAIT_1 straight to TIME_WAIT without FIN_WAIT_2.",
   "注意第二个报文段：FIN, ACK 既确认了客户端的 FIN，又携带服务器自己的 FIN。客户端从 FIN_WAIT_1 直接进入 TIME_WAIT，不经过 FIN_WAIT_2。")
sc("data-transfer", "Data transfer", "数据传输",
   "100 bytes to the server, 200 bytes back, then a normal close.", "向服务器发送 100 字节，再返回 200 字节，然后正常关闭。",
   "Data advances seq by its length: after 100 bytes from seq 1 the next seq is 101, and the receiver''s ack = 101 says every byte up to 100 arrived. Pure ACKs consume no sequence numbers.",
   "数据按其长度推进序号：从 seq 1 开始发送 100 字节后，下一个 seq 是 101，接收方的 ack = 101 表示直到 100 的字节都已收到。纯 ACK 不占用序号。")
sc("half-close-with-data", "Half-close with data", "半关闭时继续传数据",
   "The client closes its direction; the server keeps sending data before closing.", "客户端关闭自己的发送方向；服务器在关闭之前继续发送数据。",
   "A FIN only closes one direction. In FIN_WAIT_2 the client still receives and acknowledges the server''s data; the connection is fully closed only when the server sends its own FIN.",
   "FIN 只关闭一个方向。处于 FIN_WAIT_2 的客户端仍然接收并确认服务器的数据；只有服务器也发送 FIN 后连接才完全关闭。")
sc("simultaneous-open", "Simultaneous open", "同时打开",
   "Both sides send a SYN at the same time; four segments, no LISTEN.", "双方同时发送 SYN；共四个报文段，双方都不经过 LISTEN 状态。",
   "Both go SYN_SENT -> SYN_RCVD -> ESTABLISHED. Each SYN,ACK repeats its sender''s ISN, so the SYN is not counted twice; the crossing SYN,ACKs acknowledge both SYNs and no extra ACK is needed.",
   "双方都经历 SYN_SENT -> SYN_RCVD -> ESTABLISHED。每个 SYN,ACK 重发的是发送方自己的同一个 SYN（ISN 相同），因此 SYN 不会占用两个序号；交叉的两个 SYN,ACK 确认了双方的 SYN，不需要额外的 ACK。")
sc("simultaneous-close", "Simultaneous close", "同时关闭",
   "Both sides send a FIN at the same time and pass through CLOSING.", "双方同时发送 FIN，并经过 CLOSING 状态。",
   "Each side receives the peer''s FIN while its own FIN is still unacknowledged: FIN_WAIT_1 -> CLOSING. When its FIN is acknowledged it enters TIME_WAIT; here both sides wait 2MSL.",
   "每一端都在自己的 FIN 尚未被确认时收到了对端的 FIN：FIN_WAIT_1 -> CLOSING。自己的 FIN 被确认后进入 TIME_WAIT；这里双方都要等待 2MSL。")
sc("lost-syn", "Lost SYN", "SYN 丢失",
   "The first SYN is lost; the client retransmits it after the 1 s timeout.", "第一个 SYN 丢失；客户端在 1 秒超时后重传。",
   "The retransmitted SYN carries the same sequence number: a retransmission never renumbers. The timeout doubles on every further loss (1 s, 2 s, 4 s ...); after 6 retries the client gives up.",
   "重传的 SYN 使用相同的序号：重传绝不重新编号。之后每次丢失超时时间都会加倍（1 秒、2 秒、4 秒……）；重试 6 次后客户端放弃。")
sc("lost-syn-ack", "Lost SYN-ACK", "SYN-ACK 丢失",
   "The server''s SYN-ACK is lost; both sides retransmit.", "服务器的 SYN-ACK 丢失；双方都会重传。",
   "Both timers fire: the client resends its SYN, the server resends its SYN-ACK. The repeated SYN is old for the server (outside its window), so it only gets an ACK back; the retransmitted SYN-ACK completes the handshake.",
   "两端的计时器都会超时：客户端重传 SYN，服务器重传 SYN-ACK。重复的 SYN 对服务器来说是旧报文（在窗口之外），所以只换回一个 ACK；重传的 SYN-ACK 完成了握手。")
sc("lost-handshake-ack", "Lost handshake ACK", "握手的最后一个 ACK 丢失",
   "The client is ESTABLISHED, the server still waits in SYN_RCVD.", "客户端已进入 ESTABLISHED 状态，服务器仍在 SYN_RCVD 等待。",
   "The two sides disagree for a while: the client thinks the connection is open. The server''s retransmitted SYN-ACK is a duplicate for the client, which answers with an ACK; that ACK finally moves the server to ESTABLISHED.",
   "双方在一段时间内状态不一致：客户端认为连接已打开。服务器重传的 SYN-ACK 对客户端来说是重复报文，客户端回复一个 ACK；这个 ACK 最终让服务器进入 ESTABLISHED。")
sc("lost-final-ack", "Lost final ACK", "最后一个 ACK 丢失",
   "The last ACK of the close is lost, so LAST_ACK retransmits its FIN and TIME_WAIT acknowledges it again.", "关闭过程的最后一个 ACK 丢失，于是 LAST_ACK 一端重传 FIN，TIME_WAIT 一端再次确认。",
   "This is why TIME_WAIT exists: the client must still be there to answer the retransmitted FIN. It re-ACKs and restarts its 2MSL timer; without TIME_WAIT the FIN would meet a closed port and get a RST.",
   "这正是 TIME_WAIT 存在的原因：客户端必须仍然在场，才能回应重传的 FIN。它再次发送 ACK 并重新开始 2MSL 计时；如果没有 TIME_WAIT，这个 FIN 会遇到已关闭的端口并收到 RST。")
sc("connect-to-closed-port", "Connect to a closed port", "连接到关闭的端口",
   "No one listens, so the SYN is answered with RST, ACK.", "没有进程在监听，因此 SYN 收到 RST+ACK 作为回应。",
   "A port without a connection answers everything but a RST with a RST. The SYN had no ACK, so the reply is <SEQ=0><ACK=ISN+1> with RST, ACK; the client accepts it because the ACK acknowledges its SYN, and reports connection refused.",
   "没有连接的端口会对除 RST 之外的所有报文回复 RST。这个 SYN 不带 ACK，所以回复是 <SEQ=0><ACK=ISN+1> 的 RST, ACK；由于确认号确认了客户端的 SYN，客户端接受它并报告连接被拒绝。")
sc("reset-mid-connection", "Reset in mid-connection", "连接中途重置",
   "The client aborts, and one RST ends the connection on both sides at once.", "客户端中止连接，一个 RST 立即结束双方的连接。",
   "ABORT skips the four-way close: the RST carries seq = SND.NXT, exactly what the server expects (RFC 5961 accepts only that exact number), and both sides go straight to CLOSED with no TIME_WAIT. RFC 9293 is of two minds about the sender: Fig. 5 note 3 says a RST can be sent from any state with a corresponding transition to TIME-WAIT, while the ABORT call of §3.10.5 deletes the TCB and enters CLOSED, which is what this simulator and real stacks do. Nothing retransmits a RST: if it is lost, the server stays ESTABLISHED on a half-open connection (§3.5.1) until it sends something and gets a RST back.",
   "ABORT 跳过四次挥手：RST 携带 seq = SND.NXT，正是服务器期望的序号（RFC 5961 只接受恰好这个序号），双方直接进入 CLOSED，没有 TIME_WAIT。对于发送方，RFC 9293 有两种说法：图 5 注 3 说任何状态都可以发送 RST 并相应地转入 TIME-WAIT，而 §3.10.5 的 ABORT 调用则删除 TCB 并进入 CLOSED；本模拟器和实际的协议栈都采用后者。RST 不会被重传：如果它丢失，服务器会停留在 ESTABLISHED，成为半开连接（§3.5.1），直到它发送数据并收到对方回复的 RST。")
sc("old-duplicate-syn", "Old duplicate SYN", "旧的重复 SYN",
   "A delayed SYN of an old connection reaches the server first.", "一个旧连接的延迟 SYN 先到达服务器。",
   "Why a two-way handshake is not enough: the server would have opened a connection for a SYN nobody sent now. With three segments the client sees an ack (-9) for a number it never used and answers RST. The server has already given up the half-open connection: the real SYN reached it in SYN_RCVD, and a passive SYN_RCVD that sees a SYN returns to LISTEN (RFC 9293 §3.10.7.4), so the client''s RST arrives in LISTEN and is ignored (§3.10.7.2). The retransmitted SYN then opens the real connection.",
   "为什么两次握手不够：服务器会为一个现在没人发送的 SYN 打开连接。有了第三个报文段，客户端发现确认号（-9）针对的是它从未使用过的序号，于是回复 RST。此时服务器已经放弃了这个半连接：真正的 SYN 到达时服务器处于 SYN_RCVD，被动打开的 SYN_RCVD 收到 SYN 会回到 LISTEN（RFC 9293 §3.10.7.4），因此客户端的 RST 到达时服务器已处于 LISTEN，该 RST 被忽略（§3.10.7.2）。随后重传的 SYN 建立了真正的连接。")
sc("syn-flood", "SYN flood", "SYN 洪泛攻击",
   "Forged SYNs fill the listen backlog; the real client is delayed. Try SYN cookies.", "伪造的 SYN 塞满半连接队列（SYN 队列），真正的客户端被延迟。试试 SYN cookie。",
   "Each forged SYN leaves a half-open connection whose SYN-ACK goes unanswered and is retransmitted. With a full backlog the real SYN is dropped until entries expire. With SYN cookies the server keeps no state: its ISN encodes the connection and the client connects at once.",
   "每个伪造的 SYN 都会留下一个半连接，它的 SYN-ACK 无人应答并被不断重传。半连接队列（SYN 队列）满后，真正的 SYN 会被丢弃，直到半连接过期。开启 SYN cookie 后服务器不保存状态：ISN 编码了连接信息，客户端可以立即连上。")

# --- issue #10: where RFC 9293 and Linux part ways, and TLS over TCP
sc("close-with-unread-data", "Close with unread data", "关闭时还有未读数据",
   "The server closes while 100 received bytes are still unread, so RFC 9293 sends FIN and Linux sends RST.", "服务器关闭时还有 100 个已收到的字节未读，按 RFC 9293 发送 FIN，Linux 则发送 RST。",
   "The server''s application never reads, so the 100 bytes wait in its receive buffer (watch its window shrink to 65435). Then it closes. RFC 9293''s CLOSE only means ''I have no more to send'': the FIN goes out and the data stays readable (rfc profile). A socket close() also gives up reading, so the unread bytes are lost; RFC 9293 §3.6.1 (SHLD-3, for a half-duplex close) and RFC 2525 §2.17 ask to tell the peer with a RST, and Linux does exactly that (tcp_close): RST,ACK instead of FIN, no TIME_WAIT, and the client learns ''connection reset'' (linux profile). A server that closes without reading the request is a classic source of ''connection reset by peer''.",
   "服务器的应用程序从不读取数据，所以这 100 字节留在它的接收缓冲区里（注意它的窗口缩小为 65435）。随后它关闭连接。RFC 9293 的 CLOSE 只表示“我没有数据要发送了”：FIN 被发出，数据仍可读取（rfc 模式）。套接字的 close() 同时放弃了读取，未读的字节就丢失了；RFC 9293 §3.6.1（SHLD-3，针对半双工关闭）和 RFC 2525 §2.17 要求用 RST 通知对端，Linux 正是这样做的（tcp_close）：用 RST,ACK 代替 FIN，没有 TIME_WAIT，客户端得到“连接被重置”（linux 模式）。服务器不读完请求就关闭，是“connection reset by peer”的常见原因。")
sc("shutdown-vs-close", "shutdown() versus close()", "shutdown() 与 close()",
   "The client calls close() while the server still sends, which RFC 9293 allows and Linux answers with RST. Compare half-close-with-data.", "服务器仍在发送时客户端调用 close()，RFC 9293 允许，Linux 则回复 RST。请与“半关闭时继续传数据”对比。",
   "Both calls send the same FIN; they differ in what the application still wants. shutdown(SHUT_WR) is RFC 9293''s CLOSE: no more sending, but keep reading, with no time limit (half-close-with-data uses it, and both profiles deliver the server''s data). close() gives up the socket: in the rfc profile CLOSE is still a half-close and the data arrives; on Linux the socket is orphaned, so the server''s 100 bytes cannot be delivered to anyone and are answered with RST (tcp_rcv_state_process), and an orphan waits in FIN_WAIT_2 at most tcp_fin_timeout (60 s). Use shutdown() when the answer still has to be read.",
   "两个调用发出的是同一个 FIN；区别在于应用程序还想做什么。shutdown(SHUT_WR) 就是 RFC 9293 的 CLOSE：不再发送，但继续读取，没有时间限制（“半关闭时继续传数据”用的就是它，两种模式都会交付服务器的数据）。close() 放弃了套接字：在 rfc 模式下 CLOSE 仍是半关闭，数据照常到达；在 Linux 上套接字成为孤儿，服务器的 100 字节无法交付给任何人，于是被 RST 回应（tcp_rcv_state_process），孤儿套接字在 FIN_WAIT_2 最多等待 tcp_fin_timeout（60 秒）。如果还要读取对方的回答，请用 shutdown()。")
sc("data-on-fin", "Data on the FIN", "FIN 携带数据",
   "The client writes 100 bytes and closes at once, so the FIN rides on the data segment.", "客户端写入 100 字节后立即关闭，所以 FIN 搭载在数据报文段上。",
   "One segment carries PSH, FIN and 100 bytes: the bytes take numbers 1 to 100 and the FIN takes 101, so the server acknowledges 102, covering data and FIN at once. A FIN is not a separate message but a mark after the last byte; stacks set it on the last queued segment when close() comes before that segment has left (Linux tcp_send_fin).",
   "一个报文段同时携带 PSH、FIN 和 100 字节数据：数据占用序号 1 到 100，FIN 占用 101，所以服务器确认 102，一次确认了数据和 FIN。FIN 不是一条单独的消息，而是最后一个字节之后的标记；如果 close() 在最后一个报文段发出之前被调用，协议栈会把 FIN 设置在这个报文段上（Linux tcp_send_fin）。")
sc("syn-in-time-wait", "SYN during TIME_WAIT", "TIME_WAIT 期间收到 SYN",
   "The server closed first and sits in TIME_WAIT when the client opens the same four-tuple again.", "服务器先关闭并处于 TIME_WAIT，此时客户端再次用同一个四元组发起连接。",
   "TIME_WAIT keeps the four-tuple busy for 2MSL, so a new SYN for it meets the old connection. RFC 9293 §3.10.7.4 (rfc profile, no timestamps) treats it as a segment of the old connection: the server answers with an ACK of old numbers, the client (SYN_SENT) sees an ACK that acknowledges nothing of its and answers RST, that RST has exactly the number TIME_WAIT expects and ends it (the TIME_WAIT assassination of RFC 1337, which Linux also allows with tcp_rfc1337=0), and the retransmitted SYN, 1 s later, reaches the listener. RFC 9293 MAY-2 (RFC 1122 §4.2.2.13) and RFC 6191 (with timestamps) let TIME_WAIT accept the SYN directly when it is above the old numbers; Linux does that (linux profile): the new connection opens at once, with the server''s ISN set to its old SND.NXT + 65537.",
   "TIME_WAIT 在 2MSL 内占用这个四元组，所以新的 SYN 会碰上旧连接。RFC 9293 §3.10.7.4（rfc 模式，没有时间戳）把它当作旧连接的报文：服务器回复一个带旧序号的 ACK，处于 SYN_SENT 的客户端发现这个 ACK 没有确认它的任何东西，于是回复 RST；该 RST 的序号恰好是 TIME_WAIT 期望的，于是结束了 TIME_WAIT（RFC 1337 所说的 TIME_WAIT 暗杀，Linux 在 tcp_rfc1337=0 时同样允许）；1 秒后重传的 SYN 到达监听套接字。RFC 9293 MAY-2（RFC 1122 §4.2.2.13）和 RFC 6191（使用时间戳）允许 TIME_WAIT 在 SYN 的序号高于旧序号时直接接受它；Linux 正是这样做的（linux 模式）：新连接立即建立，服务器的 ISN 设为旧的 SND.NXT + 65537。")
sc("keep-alive", "Keep-alive", "保活（keep-alive）",
   "An idle connection is probed every 10 s; after the server host crashes, three unanswered probes end it.", "空闲连接每 10 秒被探测一次；服务器主机崩溃后，三个探测都没有回应，连接随之结束。",
   "An idle TCP connection sends nothing, so a peer that vanished goes unnoticed (a half-open connection, RFC 9293 §3.5.1). Keep-alive (SO_KEEPALIVE, here with TCP_KEEPIDLE 10 s, TCP_KEEPINTVL 5 s, TCP_KEEPCNT 3; the defaults are 2 hours, 75 s and 9) probes after the idle time with seq = SND.NXT - 1, a number the peer already acknowledged, so a live peer answers with a plain ACK and the idle time starts again. After the crash at 25 s the probes go unanswered; after the third the client gives up: Linux sends a RST and reports ETIMEDOUT (linux profile), RFC 9293 just deletes the connection (rfc profile). Keep-alive is optional and off by default (RFC 9293 MAY-5, MUST-26).",
   "空闲的 TCP 连接不发送任何报文，因此对端消失了也不会被察觉（半开连接，RFC 9293 §3.5.1）。保活（SO_KEEPALIVE，这里 TCP_KEEPIDLE 为 10 秒、TCP_KEEPINTVL 为 5 秒、TCP_KEEPCNT 为 3；默认值是 2 小时、75 秒和 9 次）在空闲时间过后用 seq = SND.NXT - 1 发送探测，这是对端已经确认过的序号，所以活着的对端回复一个普通 ACK，空闲计时重新开始。25 秒时服务器崩溃后，探测都得不到回应；第三个之后客户端放弃：Linux 发送 RST 并报告 ETIMEDOUT（linux 模式），RFC 9293 只是删除连接（rfc 模式）。保活是可选的，默认关闭（RFC 9293 MAY-5，MUST-26）。")
sc("zero-window-probe", "Zero window and the persist timer", "零窗口与持续计时器",
   "The server does not read, its 4000-byte window fills and closes, the client probes it until a window update reopens it.", "服务器不读取数据，它 4000 字节的窗口被填满并关闭，客户端不断探测，直到窗口更新把它重新打开。",
   "The window is the free space in the receiver''s buffer. The server''s application does not read, so each ACK announces less room (2540, 1080, 0). At zero the client must stop with 2000 bytes still queued, and since an ACK that reopens the window could be lost, it probes: RFC 9293 sends one byte of new data, Linux an empty segment with an old number; both force an ACK that carries the current window. The probes back off like retransmissions (1 s, 2 s, 4 s in the rfc profile; from 0.3 s on Linux). At 5 s the application reads, the server sends a window update, and the rest flows. A zero window is flow control, not loss: nothing is retransmitted.",
   "窗口就是接收方缓冲区中的空闲空间。服务器的应用程序不读取数据，所以每个 ACK 通告的空间越来越小（2540、1080、0）。窗口为零时客户端必须停下，还有 2000 字节在队列中；由于重新打开窗口的 ACK 可能丢失，客户端要进行探测：RFC 9293 发送一个新数据字节，Linux 发送一个使用旧序号的空报文段；两者都迫使对端回复带当前窗口的 ACK。探测像重传一样退避（rfc 模式为 1 秒、2 秒、4 秒；Linux 从 0.3 秒开始）。5 秒时应用程序读取数据，服务器发送窗口更新，剩余数据继续传输。零窗口是流量控制，不是丢包：没有任何重传。")
sc("time-wait-reasons", "Why TIME_WAIT lasts 2MSL", "为什么 TIME_WAIT 要持续 2MSL",
   "With TIME_WAIT cut to 2 s, a 3 s old copy of the first connection''s data is accepted by the next one on the same ports.", "把 TIME_WAIT 缩短到 2 秒后，第一个连接中晚到 3 秒的旧数据副本被同一端口上的下一个连接接收了。",
   "TIME_WAIT has two jobs: to be there to re-ACK a retransmitted FIN (see lost-final-ack), and to keep the four-tuple unused until every segment of the old connection has died in the network, which takes up to MSL in each direction, hence 2MSL. Here MSL is cut to 1 s, the network delivers a copy of the client''s first 100 bytes 3 s late, and the client, whose stack has no ISN clock (as after a reboot, RFC 9293 §3.4.3), reconnects from the same port with the same ISN right after TIME_WAIT. The old copy then has exactly the sequence number the new connection expects: the server delivers those old 100 bytes, and the new connection''s own 100 bytes, arriving a moment later with the same numbers, are discarded as a duplicate while the ACK tells the client all is well (rfc profile): silent data corruption. With MSL 30 s (--msl-s 30) or on Linux (a fixed 60 s TIME_WAIT) the client is still in TIME_WAIT when the copy arrives and the reuse waits. Clock-driven ISNs (§3.4.1) are the other half of the protection.",
   "TIME_WAIT 有两个作用：留在那里再次确认重传的 FIN（见 lost-final-ack），以及在旧连接的所有报文段都从网络中消失之前不让这个四元组被再次使用；每个方向最多需要 MSL，所以是 2MSL。这里把 MSL 缩短为 1 秒，网络把客户端前 100 字节的一个副本晚 3 秒送达，而客户端的协议栈没有 ISN 时钟（就像重启之后，RFC 9293 §3.4.3），在 TIME_WAIT 结束后立即用同一个端口、同一个 ISN 重新连接。于是旧副本的序号恰好是新连接期望的序号：服务器交付了这 100 个旧字节，而新连接自己的 100 字节稍后带着相同的序号到达，被当作重复数据丢弃，ACK 却告诉客户端一切正常（rfc 模式）：数据被悄无声息地破坏了。如果 MSL 为 30 秒（--msl-s 30）或在 Linux 上（固定 60 秒的 TIME_WAIT），副本到达时客户端仍处于 TIME_WAIT，重用只能等待。由时钟驱动的 ISN（§3.4.1）是另一半保护。")
sc("tls12-handshake", "TLS 1.2 over TCP", "基于 TCP 的 TLS 1.2",
   "The TCP handshake, then a full TLS 1.2 handshake, three round trips before the first request byte.", "先进行 TCP 握手，再进行完整的 TLS 1.2 握手，第一个请求字节之前要经过三个往返。",
   "To TCP, TLS is just data: watch seq advance by each record''s size (the Certificate alone fills two segments). The client''s ClientHello follows the handshake ACK; the server answers ServerHello, Certificate, ServerKeyExchange, ServerHelloDone; the client sends ClientKeyExchange, ChangeCipherSpec and Finished; the server its ChangeCipherSpec and Finished. Only then may the HTTP request go: one round trip for TCP plus two for TLS 1.2, 300 ms on this 100 ms path, before the first request byte.",
   "对 TCP 来说，TLS 只是数据：注意 seq 按每条记录的大小推进（仅 Certificate 就占满两个报文段）。客户端的 ClientHello 紧跟在握手 ACK 之后；服务器回复 ServerHello、Certificate、ServerKeyExchange、ServerHelloDone；客户端发送 ClientKeyExchange、ChangeCipherSpec 和 Finished；服务器发送自己的 ChangeCipherSpec 和 Finished。此后 HTTP 请求才能发出：TCP 一个往返加上 TLS 1.2 的两个往返，在这条 100 毫秒的路径上，第一个请求字节之前要等 300 毫秒。")
sc("tls13-handshake", "TLS 1.3 over TCP", "基于 TCP 的 TLS 1.3",
   "The TCP handshake, then TLS 1.3, whose ClientHello carries the key share, so the request goes after two round trips.", "先进行 TCP 握手，再进行 TLS 1.3 握手，密钥共享随 ClientHello 发送，所以两个往返后就能发出请求。",
   "TLS 1.3 saves a round trip: the ClientHello already carries the client''s key share, so the server answers with ServerHello and, encrypted, EncryptedExtensions, Certificate, CertificateVerify and Finished in one flight. The client''s Finished and its HTTP request leave together: one round trip for TCP plus one for TLS 1.3, 200 ms here. Compare tls12-handshake (300 ms); TCP Fast Open or QUIC would save the TCP round trip too.",
   "TLS 1.3 节省了一个往返：ClientHello 已经携带客户端的密钥共享，所以服务器在一个飞行（flight）中回复 ServerHello，以及加密的 EncryptedExtensions、Certificate、CertificateVerify 和 Finished。客户端的 Finished 和 HTTP 请求一起发出：TCP 一个往返加 TLS 1.3 一个往返，这里共 200 毫秒。请与 tls12-handshake（300 毫秒）对比；TCP Fast Open 或 QUIC 还能省掉 TCP 的那个往返。")

# --- linuxrec: behaviour recorded on Linux (scripts/record-linux.sh) ---
sided("tcp.notice.linux.repeatedSynAck", "{S}: Linux: the SYN,ACK repeats the SYN already counted, which lies below RCV.NXT, so tcp_data_queue acknowledges it at once as a retransmission (with a D-SACK): each side of a simultaneous open sends one more ACK. RFC 9293 trims the old SYN and sends nothing.",
      "{SZ}：Linux：这个 SYN,ACK 重复了已经计入的 SYN，其序号低于 RCV.NXT，所以 tcp_data_queue 把它当作重传立即确认（带 D-SACK）：同时打开的每一端都多发一个 ACK。RFC 9293 只是裁掉旧的 SYN，不发送任何报文。")

both("tcp.note.halfOpenPruned", "Server: Linux: the half-open connection for {0} is dropped after {1} SYN,ACK retransmissions: the SYN queue holds {2} of {3} + 1 and all are old, so reqsk_timer_handler keeps room for young requests by cutting the old ones'' retries (down to 2 of tcp_synack_retries' 5)",
     "服务器：Linux：{0} 的半开连接在 {1} 次 SYN,ACK 重传后被丢弃：SYN 队列已有 {2} 个（容量 {3} + 1），且全是老请求，所以 reqsk_timer_handler 缩减老请求的重试次数（从 tcp_synack_retries 的 5 次降到 2 次），为新请求留出空间")

sided("tcp.notice.linux.synAgainSoon", "{S}: Linux: this answer to an ACK that acknowledges nothing of ours may mean the {p} still holds an old connection, so tcp_rcv_synsent_state_process cuts the SYN's retransmission timer to TCP_TIMEOUT_MIN ({0} s): the SYN goes again at once instead of after 1 s. RFC 9293 waits for the timer.",
      "{SZ}：Linux：这个 ACK 没有确认本端的任何东西，说明{PZ}可能还保留着旧连接，所以 tcp_rcv_synsent_state_process 把 SYN 的重传计时器缩短为 TCP_TIMEOUT_MIN（{0} 秒）：SYN 立即重发，而不是等 1 秒。RFC 9293 则等待计时器到期。")

import sys
root = sys.argv[1]
open(root + "/tcp.properties", "w", encoding="utf-8").write("\n".join(en) + "\n")
open(root + "/tcp_zh_CN.properties", "w", encoding="utf-8").write("\n".join(zh) + "\n")
