# Writes analysis-flags.pcap: a handshake followed by one example of each Wireshark TCP analysis flag.
# Checked with: tshark -r analysis-flags.pcap -T fields -e frame.number -e _ws.expert.message
import struct, sys
A=bytes([10,0,0,1]); B=bytes([10,0,0,2])
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2), b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
def seg(fromB, flags, seq, ack, win, length):
    sp,dp=(80,40000) if fromB else (40000,80)
    src,dst=(B,A) if fromB else (A,B)
    payload=b'x'*length
    tcp=struct.pack('!HHIIBBHHH',sp,dp,seq&0xffffffff,ack&0xffffffff,0x50,flags,win,0,0)+payload
    ph=src+dst+struct.pack('!BBH',0,6,len(tcp))
    c=csum(ph+tcp); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
    ip=struct.pack('!BBHHHBBH',0x45,0,20+len(tcp),1,0x4000,64,6,0)+src+dst
    ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
    return bytes([2,0,0,0,0,2 if not fromB else 1, 2,0,0,0,0,1 if not fromB else 2])+b'\x08\x00'+ip+tcp
C,S=1000,5000
SYN,ACK,FIN,RST,PSH=2,16,1,4,8
recs=[(0,0,SYN,C,0,1000,0),(10,1,SYN|ACK,S,C+1,1000,0),(20,0,ACK,C+1,S+1,1000,0)]
# {time, fromB, flags, seqRel, ackRel, len, win}
rest=[
 (1000,0,PSH|ACK,1,1,100,1000),
 (300000,0,PSH|ACK,1,1,100,1000),   # retrans
 (310000,1,ACK,1,101,0,1000),
 (600000,0,PSH|ACK,1,1,100,1000),   # spurious
 (601000,0,PSH|ACK,201,1,100,1000), # gap
 (601500,0,PSH|ACK,101,1,100,1000), # ooo
 (700000,1,ACK,1,301,0,1000),
 (701000,1,ACK,1,301,0,1000),       # dup ack
 (702000,1,ACK,1,301,0,2000),       # window update
 (703000,1,ACK,1,301,0,0),          # zero window (+ window update)
 (704000,1,ACK,1,5301,0,2000),      # acked unseen
 (9000000,0,ACK,300,1,0,1000),      # keep alive
]
for t,fb,fl,sq,ak,ln,wn in rest:
    recs.append((t,fb,fl,(S if fb else C)+sq,(C if fb else S)+ak,wn,ln))
out=struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,262144,1)
for t,fb,fl,sq,ak,wn,ln in recs:
    f=seg(fb,fl,sq,ak,wn,ln)
    out+=struct.pack('<IIII',t//1000000,t%1000000,len(f),len(f))+f
open('analysis-flags.pcap','wb').write(out)
