package io.github.handshakelab.capture;

/** The link-layer header types (tcpdump.org LINKTYPE_ values) this reader decodes. */
public final class LinkTypes {

    public static final int NULL = 0, ETHERNET = 1, RAW_DLT12 = 12, RAW_DLT14 = 14, RAW = 101,
            LOOP = 108, LINUX_SLL = 113, IPV4 = 228, IPV6 = 229, LINUX_SLL2 = 276;

    private LinkTypes() {}

    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW_DLT12, RAW_DLT14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    public static String supportedList() {
        return "supported: 0 BSD NULL, 1 Ethernet, 12/14/101 raw IP, 108 BSD LOOP, 113 Linux SLL, 228 IPv4, 229 IPv6, 276 Linux SLL2";
    }
}
