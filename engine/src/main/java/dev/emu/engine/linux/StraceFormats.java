package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;

import java.nio.charset.StandardCharsets;

/**
 * The argument decoders of {@link StraceWriter} beyond plain numbers, each printing what
 * qemu-riscv64 7.2 prints for the same value: AT_* flag sets, statx masks, socket domains,
 * types and protocols, and struct sockaddr. Flag sets follow qemu's print_flags: known names
 * joined by '|', the rest in C's {@code %#x}.
 */
final class StraceFormats {
    private StraceFormats() {}

    private static final int[] AT_VALUES = {0x1000, 0x100, 0x200, 0x400, 0x800};
    private static final String[] AT_NAMES = {
        "AT_EMPTY_PATH", "AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT"};
    private static final int[] SOCK_FLAG_VALUES = {OpenFlags.O_CLOEXEC, OpenFlags.O_NONBLOCK};
    private static final String[] SOCK_FLAG_NAMES = {"SOCK_CLOEXEC", "SOCK_NONBLOCK"};
    private static final String[] SOCK_TYPES = {null, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
        "SOCK_SEQPACKET", "SOCK_DCCP", null, null, null, "SOCK_PACKET"};

    /** C's {@code %#x}: "0" for zero, else 0x and lowercase hex. */
    static String hashHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    static String flags(long value, int[] values, String[] names) {
        long rest = value & 0xffffffffL;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if ((rest & values[i]) == values[i]) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~values[i];
            }
        }
        if (sb.isEmpty()) {
            return hashHex(rest);
        }
        return rest != 0 ? sb.append('|').append(hashHex(rest)).toString() : sb.toString();
    }

    static String atFlags(long v) {
        return flags(v, AT_VALUES, AT_NAMES);
    }

    static String statxMask(long v) {
        return (v & 0xffffffffL) == FileStat.STATX_BASIC_STATS ? "STATX_BASIC_STATS" : hashHex(v & 0xffffffffL);
    }

    /** qemu 7.2 names PF_UNIX and PF_INET only; other domains are numbers. */
    static String socketDomain(long v) {
        return switch ((int) v) {
            case SocketAddresses.AF_UNIX -> "PF_UNIX";
            case SocketAddresses.AF_INET -> "PF_INET";
            default -> Integer.toString((int) v);
        };
    }

    static String socketType(long v) {
        int base = (int) v & 0xf;
        String name = base < SOCK_TYPES.length && SOCK_TYPES[base] != null ? SOCK_TYPES[base] : Integer.toString(base);
        int rest = (int) v & ~0xf;
        return rest == 0 ? name : name + "|" + flags(rest, SOCK_FLAG_VALUES, SOCK_FLAG_NAMES);
    }

    static String socketProtocol(long v) {
        return switch ((int) v) {
            case 0 -> "IPPROTO_IP";
            case 1 -> "IPPROTO_ICMP";
            case 6 -> "IPPROTO_TCP";
            case 17 -> "IPPROTO_UDP";
            case 41 -> "IPPROTO_IPV6";
            default -> Integer.toString((int) v);
        };
    }

    /** struct sockaddr and its length, as qemu's print_sockaddr: {@code {...}, len}. */
    static String sockaddr(GuestMemory m, long addr, long len) {
        StringBuilder sb = new StringBuilder();
        try {
            if (addr == 0) {
                sb.append("NULL");
            } else {
                int family = (int) GuestMemory.load16(m, addr);
                switch (family) {
                    case SocketAddresses.AF_UNIX -> sb.append("{sun_family=AF_UNIX,sun_path=\"")
                            .append(unixPath(m, addr, len)).append("\"}");
                    case SocketAddresses.AF_INET -> {
                        int port = (int) (GuestMemory.load8(m, addr + 2) << 8 | GuestMemory.load8(m, addr + 3));
                        sb.append("{sin_family=AF_INET,sin_port=htons(").append(port).append("),sin_addr=inet_addr(\"");
                        for (int i = 0; i < 4; i++) {
                            sb.append(i > 0 ? "." : "").append(GuestMemory.load8(m, addr + 4 + i));
                        }
                        sb.append("\")}");
                    }
                    default -> {
                        sb.append("{sa_family=").append(family).append(", sa_data={");
                        for (int i = 0; i < 14; i++) {
                            sb.append(i > 0 ? ", " : "").append(String.format("%02x", GuestMemory.load8(m, addr + 2 + i)));
                        }
                        sb.append("}}");
                    }
                }
            }
        } catch (MemoryFault e) {
            sb.setLength(0);
            sb.append(hashHex(addr));
        }
        return sb.append(", ").append((int) len).toString();
    }

    private static String unixPath(GuestMemory m, long addr, long len) {
        byte[] b = new byte[UserMemory.PATH_MAX];
        int n = 0;
        for (long i = 2; i < Math.min(len, 2 + SocketAddresses.UNIX_PATH_MAX); i++) {
            byte c = (byte) GuestMemory.load8(m, addr + i);
            if (c == 0) {
                break;
            }
            b[n++] = c;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
