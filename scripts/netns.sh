# Shared by scripts/record-captures.sh and scripts/record-linux.sh (sourced, not run): the two
# network namespaces where this machine's own Linux TCP stack is recorded. Needs root.
#   hl_netns_up direct   client hl-client (10.99.0.1, fd00:99::1) and server hl-server
#                        (10.99.0.2, fd00:99::2) joined by one veth pair (hl-c <-> hl-s)
#   hl_netns_up relay    the same two ends, but each veth ends in a third namespace hl-link
#                        (hl-c <-> hl-mc | hl-ms <-> hl-s) where scripts/linux_link.py carries the
#                        frames across: the link's delay and losses are then chosen per scenario
#   hl_netns_down        removes all three namespaces (safe to call twice; use it in a trap)
HL_C=hl-client HL_S=hl-server HL_M=hl-link
HL_CADDR=10.99.0.1 HL_SADDR=10.99.0.2

hl_netns_down() {
  local n
  for n in $HL_C $HL_S $HL_M; do ip netns del "$n" 2>/dev/null || true; done
}

hl_netns_up() {
  local mode=${1:-direct}
  hl_netns_down
  ip netns add $HL_C
  ip netns add $HL_S
  if [ "$mode" = relay ]; then
    ip netns add $HL_M
    ip link add hl-c type veth peer name hl-mc
    ip link add hl-s type veth peer name hl-ms
    ip link set hl-mc netns $HL_M
    ip link set hl-ms netns $HL_M
    # The link namespace has no addresses and no IPv6: its kernel neither answers nor adds frames.
    ip netns exec $HL_M sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n $HL_M link set hl-mc up; ip -n $HL_M link set hl-ms up
  else
    ip link add hl-c type veth peer name hl-s
  fi
  ip link set hl-c netns $HL_C
  ip link set hl-s netns $HL_S
  ip -n $HL_C addr add $HL_CADDR/24 dev hl-c
  ip -n $HL_S addr add $HL_SADDR/24 dev hl-s
  if [ "$mode" = relay ]; then
    ip netns exec $HL_C sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip netns exec $HL_S sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  else
    ip -n $HL_C addr add fd00:99::1/64 dev hl-c nodad
    ip -n $HL_S addr add fd00:99::2/64 dev hl-s nodad
  fi
  ip -n $HL_C link set hl-c up; ip -n $HL_C link set lo up
  ip -n $HL_S link set hl-s up; ip -n $HL_S link set lo up
  # Offloads off: segments on the wire as the stack made them (no GSO super-packets in the
  # capture) and checksums filled in by the stack, so a frame read by the link is complete.
  local ns dev
  for ns in "$HL_C hl-c" "$HL_S hl-s" "$HL_M hl-mc" "$HL_M hl-ms"; do
    set -- $ns; ns=$1 dev=$2
    ip netns list | grep -qw "$ns" || continue
    ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off tx off >/dev/null 2>&1 || true
  done
  if [ "$mode" = relay ]; then
    # Permanent neighbour entries: no ARP exchange delays a scenario's first segment.
    local cmac smac
    cmac=$(ip netns exec $HL_C cat /sys/class/net/hl-c/address)
    smac=$(ip netns exec $HL_S cat /sys/class/net/hl-s/address)
    ip -n $HL_C neigh replace $HL_SADDR lladdr "$smac" dev hl-c nud permanent
    ip -n $HL_S neigh replace $HL_CADDR lladdr "$cmac" dev hl-s nud permanent
  fi
}
