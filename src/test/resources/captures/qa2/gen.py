import struct, os
os.chdir('/tmp/qa2/caps')
A=bytes([10,0,0,1]); B=bytes([10,0,0,2])
A6=bytes.fromhex('fd000000000000000000000000000001'); B6=bytes.fromhex('fd000000000000000000000000000002')
SYN,ACK,FIN,RST,PSH=2,16,1,4,8
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2), b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def frame(fromB, flags, seq, ack, win, length, cport=40000, sport=80, opts=b'', v6=False, vlan=False, payload=None):
    sp,dp=(sport,cport) if fromB else (cport,sport)
    if v6: src,dst=(B6,A6) if fromB else (A6,B6)
    else: src,dst=(B,A) if fromB else (A,B)
    payload=payload if payload is not None else b'x'*length
    while len(opts)%4: opts+=b'\x01'
    doff=(20+len(opts))//4
    tcp=struct.pack('!HHIIBBHHH',sp,dp,seq&0xffffffff,ack&0xffffffff,doff<<4,flags,win,0,0)+opts+payload
    if v6:
        ph=src+dst+struct.pack('!I3xB',len(tcp),6)
        c=csum(ph+tcp); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
        ip=struct.pack('!IHBB',0x60000000,len(tcp),6,64)+src+dst; et=b'\x86\xdd'
    else:
        ph=src+dst+struct.pack('!BBH',0,6,len(tcp))
        c=csum(ph+tcp); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
        ip=struct.pack('!BBHHHBBH',0x45,0,20+len(tcp),1,0x4000,64,6,0)+src+dst
        ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]; et=b'\x08\x00'
    eth=bytes([2,0,0,0,0,2 if not fromB else 1, 2,0,0,0,0,1 if not fromB else 2])
    if vlan: eth+=b'\x81\x00'+struct.pack('!H',100)
    return eth+et+ip+tcp
def write(name, recs, **kw):
    out=struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,262144,1)
    for r in recs:
        t,fb,fl,sq,ak,wn,ln=r[:7]; extra=r[7] if len(r)>7 else {}
        k=dict(kw); k.update(extra)
        f=frame(fb,fl,sq,ak,wn,ln,**k)
        out+=struct.pack('<IIII',t//1000000,t%1000000,len(f),len(f))+f
    open(name,'wb').write(out)
C,S=1000,5000
hs=[(0,0,SYN,C,0,1000,0),(10,1,SYN|ACK,S,C+1,1000,0),(20,0,ACK,C+1,S+1,1000,0)]
# 1 RST mid-stream from server after data
write('rst-mid.pcap', hs+[(100,0,PSH|ACK,C+1,S+1,1000,10),(200,1,ACK,S+1,C+11,1000,0),(300,1,RST|ACK,S+1,C+11,0,0),(400,0,PSH|ACK,C+11,S+1,1000,10),(500,1,RST,S+1,0,0,0)])
# 2 simultaneous open
write('simul-open.pcap', [(0,0,SYN,C,0,1000,0),(5,1,SYN,S,0,1000,0),(10,1,SYN|ACK,S,C+1,1000,0),(15,0,SYN|ACK,C,S+1,1000,0),(20,0,ACK,C+1,S+1,1000,0)])
# 3 SYN retransmission
write('syn-retrans.pcap', [(0,0,SYN,C,0,1000,0),(1000000,0,SYN,C,0,1000,0),(3000000,0,SYN,C,0,1000,0),(3000010,1,SYN|ACK,S,C+1,1000,0),(3000020,0,ACK,C+1,S+1,1000,0)])
# 4 mid-stream, client closes actively
write('midstream-close.pcap', [(0,0,PSH|ACK,C+500,S+900,1000,10),(10,1,ACK,S+900,C+510,1000,0),(20,1,PSH|ACK,S+900,C+510,1000,20),(30,0,FIN|ACK,C+510,S+920,1000,0),(40,1,ACK,S+920,C+511,1000,0),(50,1,FIN|ACK,S+920,C+511,1000,0),(60,0,ACK,C+511,S+921,1000,0)])
# 5 mid-stream starting with server packet, high ports both
write('midstream-server-first.pcap', [(0,1,PSH|ACK,S+900,C+500,1000,20),(10,0,ACK,C+500,S+920,1000,0)])
# 6 port reuse after close (new SYN on ended 4-tuple) with new ISN
close=[(100,0,FIN|ACK,C+1,S+1,1000,0),(110,1,FIN|ACK,S+1,C+2,1000,0),(120,0,ACK,C+2,S+2,1000,0)]
write('port-reuse.pcap', hs+close+[(2000000,0,SYN,C+100000,0,1000,0),(2000010,1,SYN|ACK,S+70000,C+100001,1000,0),(2000020,0,ACK,C+100001,S+70001,1000,0),(2000030,0,PSH|ACK,C+100001,S+70001,1000,5)])
# 7 VLAN
write('vlan.pcap', hs+close, vlan=True)
# 8 seq wraparound
C2=0xffffffff-50; S2=0xfffffff0
write('wrap.pcap', [(0,0,SYN,C2,0,1000,0),(10,1,SYN|ACK,S2,C2+1,1000,0),(20,0,ACK,C2+1,S2+1,1000,0),(30,0,PSH|ACK,C2+1,S2+1,1000,100),(40,1,ACK,S2+1,C2+101,1000,0),(50,1,PSH|ACK,S2+1,C2+101,1000,100),(60,0,ACK,C2+101,S2+101,1000,0)])
# 9 window scale: wscale 7 both; later window 0x10 -> 2048 bytes; zero window probe
ws=b'\x02\x04\x05\xb4\x03\x03\x07'
write('wscale.pcap', [(0,0,SYN,C,0,64240,0,{'opts':ws}),(10,1,SYN|ACK,S,C+1,65160,0,{'opts':ws}),(20,0,ACK,C+1,S+1,502,0),
  (30,0,PSH|ACK,C+1,S+1,502,100),(40,1,ACK,S+1,C+101,0,0),(300000,0,ACK,C+101,S+1,502,1),(300010,1,ACK,S+1,C+101,0,0),(600000,1,ACK,S+1,C+101,16,0)])
# 10 half-open: SYN-ACK seen without SYN
write('synack-first.pcap', [(0,1,SYN|ACK,S,C+1,1000,0),(10,0,ACK,C+1,S+1,1000,0),(20,0,PSH|ACK,C+1,S+1,1000,5)])
# 11 data on FIN, active close by server with data, client FIN later; RST after FIN
write('fin-data-rst.pcap', hs+[(100,1,FIN|PSH|ACK,S+1,C+1,1000,30),(110,0,ACK,C+1,S+32,1000,0),(200,0,RST|ACK,C+1,S+32,0,0)])
# 12 IPv6
write('v6.pcap', hs+close, v6=True)
# 13 dup acks x3 then fast retransmit, SACK
write('dupacks.pcap', hs+[(100,0,ACK,C+1,S+1,1000,100),(101,0,ACK,C+101,S+1,1000,100),(102,0,ACK,C+201,S+1,1000,100),(103,0,ACK,C+301,S+1,1000,100),
 (200,1,ACK,S+1,C+101,1000,0),(201,1,ACK,S+1,C+101,1000,0),(202,1,ACK,S+1,C+101,1000,0),(203,1,ACK,S+1,C+101,1000,0),(210,0,ACK,C+101,S+1,1000,100),(300,1,ACK,S+1,C+401,1000,0)])
# 14 keep-alive 1-byte (Windows style), keepalive ack
write('keepalive.pcap', hs+[(100,0,PSH|ACK,C+1,S+1,1000,10),(110,1,ACK,S+1,C+11,1000,0),(10000000,0,ACK,C+10,S+1,1000,1),(10000010,1,ACK,S+1,C+11,1000,0),(20000000,0,ACK,C+10,S+1,1000,0),(20000010,1,ACK,S+1,C+11,1000,0)])
# 15 client closes actively, server LAST_ACK: normal four way, with ACK and FIN separately
write('four-way.pcap', hs+[(100,0,FIN|ACK,C+1,S+1,1000,0),(110,1,ACK,S+1,C+2,1000,0),(200,1,FIN|ACK,S+1,C+2,1000,0),(210,0,ACK,C+2,S+2,1000,0)])
# 16 FIN retransmission / lost final ACK
write('fin-retrans.pcap', hs+[(100,0,FIN|ACK,C+1,S+1,1000,0),(110,1,FIN|ACK,S+1,C+2,1000,0),(120,0,ACK,C+2,S+2,1000,0),(300000,1,FIN|ACK,S+1,C+2,1000,0),(300010,0,ACK,C+2,S+2,1000,0)])
# 17 SYN with data? and RST in SYN_RCVD (client RST to SYN-ACK)
write('rst-synrcvd.pcap', [(0,0,SYN,C,0,1000,0),(10,1,SYN|ACK,S,C+1,1000,0),(20,0,RST,C+1,0,0,0)])
# 18 only a FIN seen first (mid-stream close)
write('midstream-fin.pcap', [(0,1,FIN|ACK,S+900,C+500,1000,0),(10,0,ACK,C+500,S+901,1000,0),(20,0,FIN|ACK,C+500,S+901,1000,0),(30,1,ACK,S+901,C+501,1000,0)])
# 19 two conversations interleaved, plus UDP-like? different ports
recs=[]
for i,(t,fb,fl,sq,ak,wn,ln) in enumerate(hs+close):
    recs.append((t*2,fb,fl,sq,ak,wn,ln,{'cport':40000}))
    recs.append((t*2+1,fb,fl,sq+7,ak+(7 if ak else 0) if False else ak,wn,ln,{'cport':40001,'sport':443}))
write('two-conv.pcap', recs)
print('ok')
# 20 SYN-ACK retransmission (client ACK lost before server), 50ms RTT
write('synack-retrans.pcap', [(0,0,SYN,C,0,1000,0),(50000,1,SYN|ACK,S,C+1,1000,0),(50100,0,ACK,C+1,S+1,1000,0),(1050000,1,SYN|ACK,S,C+1,1000,0),(1050100,0,ACK,C+1,S+1,1000,0)])
# 21 OOO with 50ms iRTT: seg 2 arrives 10ms after seg 3
write('ooo-rtt.pcap', [(0,0,SYN,C,0,1000,0),(50000,1,SYN|ACK,S,C+1,1000,0),(50100,0,ACK,C+1,S+1,1000,0),(60000,0,ACK,C+1,S+1,1000,100),(60100,0,ACK,C+201,S+1,1000,100),(70000,0,ACK,C+101,S+1,1000,100)])
# 22 fast retransmit realistic: 50ms RTT, dupacks then retrans 1ms after 3rd dup ack
write('fastrtx.pcap', [(0,0,SYN,C,0,1000,0),(50000,1,SYN|ACK,S,C+1,1000,0),(50100,0,ACK,C+1,S+1,1000,0),
 (60000,0,ACK,C+1,S+1,1000,100),(60010,0,ACK,C+101,S+1,1000,100),(60020,0,ACK,C+201,S+1,1000,100),(60030,0,ACK,C+301,S+1,1000,100),
 (110000,1,ACK,S+1,C+101,1000,0),(110010,1,ACK,S+1,C+101,1000,0),(110020,1,ACK,S+1,C+101,1000,0),(110030,1,ACK,S+1,C+101,1000,0),(111000,0,ACK,C+101,S+1,1000,100),(161000,1,ACK,S+1,C+401,1000,0)])
write('bad-synack.pcap', [(0,0,SYN,C,0,1000,0),(10,1,SYN|ACK,S,C+501,1000,0),(20,0,RST,C+501,0,0,0),(1000000,0,SYN,C,0,1000,0),(1000010,1,SYN|ACK,S+9,C+1,1000,0),(1000020,0,ACK,C+1,S+10,1000,0)])
