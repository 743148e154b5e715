package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * struct sockaddr in guest memory and Java's SocketAddress: sockaddr_in (16 bytes: family,
 * port in network order, IPv4 address), sockaddr_in6 (28: family, port, flow info, address,
 * scope id) and sockaddr_un (family and a path of up to 108 bytes). Linux's checks come first:
 * a length too short for the family is EINVAL, another family EAFNOSUPPORT.
 */
final class SocketAddresses {
    private SocketAddresses() {}

    static final int AF_UNSPEC = 0;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCKADDR_IN = 16;
    static final int SOCKADDR_IN6 = 28;
    /** The oldest sockaddr_in6, without sin6_scope_id, which Linux still accepts. */
    static final int SOCKADDR_IN6_RFC2133 = 24;
    static final int UNIX_PATH_MAX = 108;

    /** Reads the address a socket of this family is given (bind, connect, sendto). */
    static SocketAddress read(GuestMemory m, long addr, long len, int domain) {
        if (len < 0 || len > 128) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (len < 2) {
            throw new SyscallError(Errno.EINVAL);
        }
        ByteBuffer b = ByteBuffer.wrap(UserMemory.read(m, addr, (int) len)).order(ByteOrder.LITTLE_ENDIAN);
        int family = b.getShort(0) & 0xffff;
        try {
            return switch (domain) {
                case AF_INET -> {
                    if (len < SOCKADDR_IN) {
                        throw new SyscallError(Errno.EINVAL);
                    }
                    if (family != AF_INET) {
                        throw new SyscallError(Errno.EAFNOSUPPORT);
                    }
                    yield new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b.array(), 4, 8)), port(b));
                }
                case AF_INET6 -> {
                    if (len < SOCKADDR_IN6_RFC2133) {
                        throw new SyscallError(Errno.EINVAL);
                    }
                    if (family != AF_INET6) {
                        throw new SyscallError(Errno.EAFNOSUPPORT);
                    }
                    byte[] ip = Arrays.copyOfRange(b.array(), 8, 24);
                    int scope = len >= SOCKADDR_IN6 ? b.getInt(24) : 0;
                    InetAddress a = scope != 0 ? Inet6Address.getByAddress(null, ip, scope) : InetAddress.getByAddress(ip);
                    yield new InetSocketAddress(a, port(b));
                }
                default -> unixAddress(b, (int) len, family);
            };
        } catch (UnknownHostException e) {
            throw new SyscallError(Errno.EINVAL);
        }
    }

    private static SocketAddress unixAddress(ByteBuffer b, int len, int family) {
        if (family != AF_UNIX) {
            throw new SyscallError(Errno.EINVAL);
        }
        int end = 2;
        while (end < len && b.get(end) != 0) {
            end++;
        }
        if (end == 2) {
            // "" or the abstract namespace (a leading NUL), which Java cannot reach
            throw new SyscallError(len == 2 ? Errno.EINVAL : Errno.EOPNOTSUPP);
        }
        return UnixDomainSocketAddress.of(new String(b.array(), 2, end - 2, StandardCharsets.UTF_8));
    }

    private static int port(ByteBuffer b) {
        return (b.get(2) & 0xff) << 8 | (b.get(3) & 0xff);
    }

    /** The sockaddr bytes for an address (null: the unbound address of the domain). */
    static byte[] encode(SocketAddress address, int domain) {
        if (domain == AF_UNIX) {
            String path = address instanceof UnixDomainSocketAddress u ? u.getPath().toString() : "";
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(2 + p.length + (p.length > 0 ? 1 : 0)).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) AF_UNIX).put(p);
            return b.array();
        }
        InetSocketAddress inet = address instanceof InetSocketAddress i ? i : null;
        int port = inet == null ? 0 : inet.getPort();
        InetAddress ip = inet == null ? null : inet.getAddress();
        if (domain == AF_INET) {
            ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) AF_INET).put((byte) (port >> 8)).put((byte) port);
            b.put(ip instanceof Inet4Address ? ip.getAddress() : new byte[4]);
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN6).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) AF_INET6).put((byte) (port >> 8)).put((byte) port).putInt(0);
        b.put(ipv6(ip));
        b.putInt(ip instanceof Inet6Address v6 ? v6.getScopeId() : 0);
        return b.array();
    }

    /** An IPv6 socket's view of an address: IPv4 peers appear as ::ffff:a.b.c.d. */
    private static byte[] ipv6(InetAddress ip) {
        if (ip instanceof Inet6Address) {
            return ip.getAddress();
        }
        byte[] out = new byte[16];
        if (ip instanceof Inet4Address) {
            out[10] = (byte) 0xff;
            out[11] = (byte) 0xff;
            System.arraycopy(ip.getAddress(), 0, out, 12, 4);
        }
        return out;
    }

    /**
     * Stores an address where the guest asked for it (accept, getsockname, recvfrom): at most
     * *lenAddr bytes at addr, and the full length into *lenAddr, as Linux's move_addr_to_user.
     */
    static void write(GuestMemory m, long addr, long lenAddr, byte[] sockaddr) {
        if (addr == 0 || lenAddr == 0) {
            return;
        }
        int room = (int) GuestMemory.load32(m, lenAddr);
        if (room < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        m.write(addr, sockaddr, 0, Math.min(room, sockaddr.length));
        GuestMemory.store32(m, lenAddr, sockaddr.length);
    }
}
