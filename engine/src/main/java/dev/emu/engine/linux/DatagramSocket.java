package dev.emu.engine.linux;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.function.BooleanSupplier;

/**
 * A SOCK_DGRAM socket over IPv4 or IPv6 (UDP), on a DatagramChannel. Each datagram is received
 * whole into a 64 KiB buffer, so a short read still reports the full length with MSG_TRUNC; a
 * datagram peeked at (MSG_PEEK, FIONREAD) is kept for the next receive.
 */
final class DatagramSocket extends SocketFile {
    private static final int MAX_DATAGRAM = 65536;

    private final DatagramChannel channel;
    private ByteBuffer pending;
    private SocketAddress pendingFrom;
    private boolean shutWrite;

    DatagramSocket(int domain, int protocol, int flags) throws IOException {
        super(domain, SOCK_DGRAM, protocol, flags);
        channel = DatagramChannel.open(domain == SocketAddresses.AF_INET ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6);
        channel.configureBlocking(false);
    }

    @Override
    SelectableChannel channel() {
        return channel;
    }

    @Override
    void bind(SocketAddress address) throws IOException {
        try {
            channel.bind(address);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    void connect(SocketAddress address) throws IOException {
        try {
            if (address == null) {
                channel.disconnect();
            } else {
                channel.connect(address);
            }
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    int send(byte[] b, int len, SocketAddress to, int msgFlags, BooleanSupplier stop) throws IOException {
        if (shutWrite) {
            throw new SyscallError(Errno.EPIPE);
        }
        if (to == null && !channel.isConnected()) {
            throw new SyscallError(Errno.EDESTADDRREQ);
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 0, len);
        try {
            while (true) {
                int n = to == null ? channel.write(buf) : channel.send(buf, to);
                if (n > 0 || len == 0) {
                    return n;
                }
                await(SelectionKey.OP_WRITE, msgFlags, stop);
            }
        } catch (PortUnreachableException e) {
            throw new SyscallError(Errno.ECONNREFUSED);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    Received receive(byte[] b, int len, int msgFlags, BooleanSupplier stop) throws IOException {
        while (true) {
            synchronized (this) {
                if (pending != null || takeDatagram()) {
                    int full = pending.remaining();
                    int n = Math.min(len, full);
                    pending.get(pending.position(), b, 0, n);
                    SocketAddress from = pendingFrom;
                    if ((msgFlags & MSG_PEEK) == 0) {
                        pending = null;
                        pendingFrom = null;
                    }
                    return new Received(n, from, full);
                }
            }
            await(SelectionKey.OP_READ, msgFlags, stop);
        }
    }

    /** Receives one datagram into pending if one is waiting. */
    private boolean takeDatagram() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        SocketAddress from;
        try {
            from = channel.receive(buf);
        } catch (PortUnreachableException e) {
            throw new SyscallError(Errno.ECONNREFUSED);
        }
        if (from == null) {
            return false;
        }
        pending = buf.flip();
        pendingFrom = from;
        return true;
    }

    /** FIONREAD on a datagram socket: the size of the next datagram. */
    @Override
    public synchronized int available() throws IOException {
        return pending != null || takeDatagram() ? pending.remaining() : 0;
    }

    @Override
    SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    @Override
    SocketAddress remoteAddress() throws IOException {
        SocketAddress a = channel.getRemoteAddress();
        if (a == null) {
            throw new SyscallError(Errno.ENOTCONN);
        }
        return a;
    }

    @Override
    synchronized void shutdown(int how) throws IOException {
        if (how < 0 || how > 2) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (!channel.isConnected()) {
            throw new SyscallError(Errno.ENOTCONN);
        }
        shutWrite |= how != 0;
    }

    @Override
    int interestOps() {
        return SelectionKey.OP_READ | SelectionKey.OP_WRITE;
    }

    @Override
    synchronized int pollBits(int ready) {
        int bits = (ready & SelectionKey.OP_READ) != 0 || pending != null ? PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0;
        return bits | ((ready & SelectionKey.OP_WRITE) != 0 ? PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM : 0);
    }
}
