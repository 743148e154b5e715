package dev.emu.engine.linux;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.NetworkChannel;

/**
 * setsockopt and getsockopt. Every option set is remembered and reported back as set; the ones
 * Java has an equivalent for (SO_REUSEADDR, SO_KEEPALIVE, SO_SNDBUF, SO_RCVBUF, SO_BROADCAST,
 * SO_REUSEPORT, SO_LINGER, TCP_NODELAY, IP_TOS) also reach the host socket. Read-only facts
 * (SO_TYPE, SO_ERROR, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN) come from the socket; the buffer
 * sizes from the host, which doubles them as Linux does. Anything else never set is
 * ENOPROTOOPT.
 */
final class SocketOptions {
    private SocketOptions() {}

    static final int SOL_SOCKET = 1;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int SO_REUSEADDR = 2;
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_BROADCAST = 6;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_KEEPALIVE = 9;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDTIMEO = 21;
    static final int SO_ACCEPTCONN = 30;
    static final int SO_PROTOCOL = 38;
    static final int SO_DOMAIN = 39;
    static final int TCP_NODELAY = 1;
    static final int IP_TOS = 1;

    static void set(SocketFile s, int level, int name, byte[] value) throws IOException {
        if (value.length < 4 && !(level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO))) {
            throw new SyscallError(Errno.EINVAL);
        }
        apply(s, level, name, value);
        s.rememberOption(level, name, value);
    }

    /** Passes an option on to the host channel, where Java has it. */
    static void apply(SocketFile s, int level, int name, byte[] value) throws IOException {
        if (value.length < 4) {
            return;
        }
        int v = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_REUSEADDR -> s.apply(StandardSocketOptions.SO_REUSEADDR, v != 0);
                case SO_KEEPALIVE -> s.apply(StandardSocketOptions.SO_KEEPALIVE, v != 0);
                case SO_BROADCAST -> s.apply(StandardSocketOptions.SO_BROADCAST, v != 0);
                case SO_REUSEPORT -> s.apply(StandardSocketOptions.SO_REUSEPORT, v != 0);
                case SO_SNDBUF -> s.apply(StandardSocketOptions.SO_SNDBUF, Math.max(v, 1));
                case SO_RCVBUF -> s.apply(StandardSocketOptions.SO_RCVBUF, Math.max(v, 1));
                case SO_LINGER -> {
                    int seconds = value.length >= 8 ? ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt(4) : 0;
                    s.apply(StandardSocketOptions.SO_LINGER, v != 0 ? seconds : -1);
                }
                default -> { }
            }
        } else if (level == IPPROTO_TCP && name == TCP_NODELAY) {
            s.apply(StandardSocketOptions.TCP_NODELAY, v != 0);
        } else if (level == IPPROTO_IP && name == IP_TOS) {
            s.apply(StandardSocketOptions.IP_TOS, v & 0xff);
        }
    }

    /** The option's value as the guest reads it. */
    static byte[] get(SocketFile s, int level, int name) throws IOException {
        if (level == SOL_SOCKET) {
            Integer fact = switch (name) {
                case SO_TYPE -> s.type;
                case SO_ERROR -> s.takeError();
                case SO_DOMAIN -> s.domain;
                case SO_PROTOCOL -> s.protocol != 0 ? s.protocol : s.type == SocketFile.SOCK_STREAM
                        ? (s.domain == SocketAddresses.AF_UNIX ? 0 : IPPROTO_TCP) : 17;
                case SO_ACCEPTCONN -> s instanceof StreamSocket t && t.listening() ? 1 : 0;
                case SO_SNDBUF -> hostInt(s, StandardSocketOptions.SO_SNDBUF);
                case SO_RCVBUF -> hostInt(s, StandardSocketOptions.SO_RCVBUF);
                default -> null;
            };
            if (fact != null) {
                return intValue(fact);
            }
        }
        byte[] set = s.rememberedOption(level, name);
        if (set != null) {
            return set;
        }
        if (level == SOL_SOCKET) {
            return switch (name) {
                case SO_REUSEADDR, SO_KEEPALIVE, SO_BROADCAST, SO_REUSEPORT -> intValue(0);
                case SO_LINGER -> new byte[8];
                case SO_RCVTIMEO, SO_SNDTIMEO -> new byte[16];
                default -> throw new SyscallError(Errno.ENOPROTOOPT);
            };
        }
        if (level == IPPROTO_TCP && name == TCP_NODELAY) {
            return intValue(0);
        }
        throw new SyscallError(Errno.ENOPROTOOPT);
    }

    private static Integer hostInt(SocketFile s, SocketOption<Integer> option) throws IOException {
        if (s.channel() instanceof NetworkChannel nc && nc.supportedOptions().contains(option)) {
            return nc.getOption(option);
        }
        return null;
    }

    private static byte[] intValue(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v).array();
    }
}
