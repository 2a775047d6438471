package io.github.handshakelab.capture;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Live capture through pcap4j and the native libpcap (Npcap on Windows), DESIGN §6.4. pcap4j asks
 * JNA for "pcap", i.e. the unversioned libpcap.so that only the -dev packages install; Debian and
 * Ubuntu ship libpcap.so.0.8 (libpcap0.8), so the versioned file is looked for in the standard
 * library directories and named to pcap4j by its full path. Every failure is a
 * {@link Unavailable} whose message is one line saying what is missing and how to get it.
 */
public final class LiveCapture {

    /** Why live capture cannot run here, and what to do: one line. */
    public static final class Unavailable extends IOException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** One interface as {@code live --list} shows it. */
    public record Interface(String name, String description, List<String> addresses, boolean loopback, boolean up) {}

    private static final String LIB_PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final String[] LIB_DIRS = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/arm-linux-gnueabihf", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/lib", "/opt/homebrew/lib", "/opt/homebrew/opt/libpcap/lib"};
    private static volatile String loaded;

    private LiveCapture() {}

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    static boolean mac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }

    /**
     * The libpcap file to load: the unversioned name when it exists, else the newest versioned
     * one (libpcap.so.1.x, libpcap.so.0.8, libpcap.A.dylib); null when there is none.
     */
    static Path findLibrary(String[] dirs) {
        for (String dir : dirs) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            for (String name : new String[] {"libpcap.so", "libpcap.so.1", "libpcap.so.0.8", "libpcap.dylib", "libpcap.A.dylib"}) {
                Path p = d.resolve(name);
                if (Files.exists(p)) return p;
            }
            try (var files = Files.list(d)) {
                Path any = files.filter(p -> p.getFileName().toString().startsWith("libpcap.so.")).sorted().reduce((a, b) -> b)
                        .orElse(null);
                if (any != null) return any;
            } catch (IOException e) {
                // an unreadable directory: try the next one
            }
        }
        return null;
    }

    /** Points pcap4j at libpcap (once) and checks that it loads. */
    public static synchronized String library() throws Unavailable {
        if (loaded != null) return loaded;
        if (System.getProperty(LIB_PROPERTY) == null && !windows()) {
            Path lib = findLibrary(LIB_DIRS);
            if (lib == null) throw new Unavailable(missingLibrary());
            System.setProperty(LIB_PROPERTY, lib.toString());
        }
        try {
            loaded = Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").replaceAll("[:\\s]+$", "");
            throw new Unavailable(missingLibrary() + " (" + why + ")");
        }
        return loaded;
    }

    static String missingLibrary() {
        if (windows()) return "live capture needs Npcap: install it from https://npcap.com (tick \"WinPcap API-compatible mode\")";
        if (mac()) return "live capture needs libpcap (part of macOS; with Homebrew: brew install libpcap)";
        return "live capture needs libpcap: install it (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap)";
    }

    static String permission(String iface, String detail) {
        if (windows()) return "no permission to capture on " + iface + ": " + detail + " (install Npcap without \"Restrict to administrators\", or run as administrator)";
        if (mac()) return "no permission to capture on " + iface + ": " + detail + " (read access to /dev/bpf* is needed: run with sudo, or install Wireshark's ChmodBPF)";
        return "no permission to capture on " + iface + ": " + detail + " (run as root, or give Java the capability: sudo setcap"
                + " cap_net_raw,cap_net_admin=eip $(readlink -f $(which java)))";
    }

    private static boolean permissionProblem(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("permission") || m.contains("not permitted") || m.contains("access is denied");
    }

    /** The interfaces libpcap can capture on, with their addresses. */
    public static List<Interface> list() throws Unavailable {
        library();
        try {
            List<Interface> out = new ArrayList<>();
            for (PcapNetworkInterface n : Pcaps.findAllDevs()) {
                List<String> addrs = new ArrayList<>();
                for (PcapAddress a : n.getAddresses()) {
                    InetAddress ia = a.getAddress();
                    if (ia == null) continue;
                    byte[] b = ia.getAddress();
                    addrs.add(Addresses.format(b, 0, b.length)); // IPv6 compressed, as ip(8) prints it
                }
                out.add(new Interface(n.getName(), n.getDescription(), addrs, n.isLoopBack(), n.isUp()));
            }
            return out;
        } catch (PcapNativeException e) {
            if (permissionProblem(e.getMessage())) throw new Unavailable(permission("any interface", e.getMessage()));
            throw new Unavailable("cannot list interfaces: " + e.getMessage());
        }
    }

    /**
     * Checks a BPF filter with libpcap's own compiler (no capture permission needed): null when
     * it compiles, else libpcap's message.
     */
    public static String checkFilter(String filter, int linkType) throws Unavailable {
        if (filter == null || filter.isBlank()) return null;
        library();
        try {
            BpfProgram prog = Pcaps.compileFilter(RawPacket.MAX_CAPLEN, DataLinkType.getInstance(linkType), filter,
                    BpfProgram.BpfCompileMode.OPTIMIZE, (java.net.Inet4Address) InetAddress.getByAddress(new byte[4]));
            prog.free();
            return null;
        } catch (PcapNativeException e) {
            return e.getMessage();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Opens {@code iface} for capture (immediate mode: each packet as it arrives). */
    public static PacketSource open(String iface, String filter, int snaplen) throws IOException {
        library();
        PcapHandle h;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(iface);
            if (nif == null) throw new Unavailable("no interface '" + iface + "' (see live --list)");
            h = new PcapHandle.Builder(iface).snaplen(snaplen).promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(100).immediateMode(true).bufferSize(8 << 20).build();
        } catch (PcapNativeException e) {
            if (permissionProblem(e.getMessage())) throw new Unavailable(permission(iface, e.getMessage()));
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            if (m.toLowerCase(Locale.ROOT).contains("no such device")) throw new Unavailable("no interface '" + iface + "' (see live --list)");
            throw new Unavailable("cannot capture on " + iface + ": " + m);
        }
        try {
            // Non-blocking: with immediate mode, Linux's libpcap ignores the read timeout and would wait
            // for the next packet forever, so Ctrl-C and --duration could not end a quiet capture.
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
            h.close();
            throw new Unavailable("cannot capture on " + iface + ": " + e.getMessage());
        }
        if (filter != null && !filter.isBlank()) {
            try {
                h.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
                h.close();
                throw new IOException("bad --filter '" + filter + "': " + e.getMessage());
            }
        }
        return new PcapSource(iface, h);
    }

    /** libpcap's packets, copied into the reader's RawPacket. */
    private static final class PcapSource implements PacketSource {
        private final String name;
        private final PcapHandle h;
        private final int linkType;

        PcapSource(String name, PcapHandle h) {
            this.name = name;
            this.h = h;
            this.linkType = h.getDlt().value();
        }

        @Override
        public Poll next(RawPacket p) throws IOException {
            byte[] raw;
            try {
                raw = h.getNextRawPacketEx();
            } catch (TimeoutException e) {
                try {
                    Thread.sleep(10); // non-blocking handle: nothing there yet
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Poll.END;
                }
                return Poll.IDLE;
            } catch (EOFException e) {
                return Poll.END;
            } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
                if (!h.isOpen()) return Poll.END;
                throw new IOException("capture on " + name + " failed: " + e.getMessage());
            }
            int len = Math.min(raw.length, RawPacket.MAX_CAPLEN);
            System.arraycopy(raw, 0, p.data, 0, len);
            p.capLen = len;
            Integer orig = h.getOriginalLength();
            p.origLen = orig == null ? len : Integer.toUnsignedLong(orig);
            java.sql.Timestamp ts = h.getTimestamp();
            p.timeMicros = ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000;
            p.linkType = linkType;
            return Poll.PACKET;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int linkType() {
            return linkType;
        }

        @Override
        public void close() {
            h.close();
        }
    }
}
