package dev.emu.engine.linux;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.function.BooleanSupplier;

/**
 * A SOCK_STREAM socket (TCP over IPv4/IPv6, or AF_UNIX). It starts as a SocketChannel, which
 * bind binds (so the port is known and EADDRINUSE comes at once); listen swaps it for a
 * ServerSocketChannel on the same address, since Java cannot turn one into the other.
 *
 * <p>Bytes received but not yet taken (MSG_PEEK, FIONREAD) wait in a read-ahead buffer.
 */
final class StreamSocket extends SocketFile {
    private SocketChannel conn;
    private ServerSocketChannel server;
    private boolean connecting;
    private boolean shutRead;
    private boolean shutWrite;
    private ByteBuffer readAhead = ByteBuffer.allocate(0);
    /** Bytes ever taken into the read-ahead buffer: see {@link #arrivals}. */
    private long received;
    /** The peer's end of stream (FIN) has been read from the host: Linux's RCV_SHUTDOWN. */
    private boolean peerDone;

    StreamSocket(int domain, int protocol, int flags) throws IOException {
        super(domain, SOCK_STREAM, protocol, flags);
        conn = SocketChannel.open(family());
        conn.configureBlocking(false);
    }

    private StreamSocket(StreamSocket listener, SocketChannel accepted, int flags) throws IOException {
        super(listener.domain, SOCK_STREAM, listener.protocol, flags);
        conn = accepted;
        conn.configureBlocking(false);
        copyOptionsFrom(listener);
        applyRemembered();
    }

    private ProtocolFamily family() {
        return switch (domain) {
            case SocketAddresses.AF_INET -> StandardProtocolFamily.INET;
            case SocketAddresses.AF_INET6 -> StandardProtocolFamily.INET6;
            default -> StandardProtocolFamily.UNIX;
        };
    }

    @Override
    synchronized SelectableChannel channel() {
        return server != null ? server : conn;
    }

    boolean listening() {
        return server != null;
    }

    @Override
    synchronized void bind(SocketAddress address) throws IOException {
        if (server != null) {
            throw new SyscallError(Errno.EINVAL);
        }
        try {
            conn.bind(address);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    synchronized void listen(int backlog) throws IOException {
        if (conn != null && (conn.isConnected() || connecting)) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (server != null) {
            return; // Linux changes the backlog; Java cannot, and nothing depends on it
        }
        SocketAddress local = conn.getLocalAddress();
        ServerSocketChannel s = ServerSocketChannel.open(family());
        s.configureBlocking(false);
        conn.close();
        if (local instanceof UnixDomainSocketAddress u) {
            Files.deleteIfExists(u.getPath()); // bound by the socket just closed; rebound next line
        }
        s.bind(local, Math.max(1, backlog));
        server = s;
        conn = null;
        applyRemembered();
    }

    /** accept4: the next connection, waiting for one unless non-blocking. */
    StreamSocket accept(int flags, BooleanSupplier stop) throws IOException {
        if (!listening()) {
            throw new SyscallError(Errno.EINVAL);
        }
        while (true) {
            SocketChannel c = server.accept();
            if (c != null) {
                return new StreamSocket(this, c, flags);
            }
            await(SelectionKey.OP_ACCEPT, 0, stop);
        }
    }

    @Override
    void connect(SocketAddress address) throws IOException {
        connect(address, NEVER);
    }

    /** connect, waiting for a blocking socket's connection to complete (ERESTARTSYS once stop is true). */
    void connect(SocketAddress address, BooleanSupplier stop) throws IOException {
        if (listening()) {
            throw new SyscallError(Errno.EISCONN);
        }
        synchronized (this) {
            if (conn.isConnected()) {
                throw new SyscallError(Errno.EISCONN);
            }
            if (connecting && wouldBlock(0)) {
                throw new SyscallError(Errno.EALREADY);
            }
            if (!connecting) {
                try {
                    connecting = !conn.connect(address);
                } catch (IOException e) {
                    reopen();
                    throw e;
                } catch (RuntimeException e) {
                    throw translate(e);
                }
            }
        }
        while (connecting) {
            if (wouldBlock(0)) {
                throw new SyscallError(Errno.EINPROGRESS);
            }
            await(SelectionKey.OP_CONNECT, 0, stop);
            int error = finishConnect();
            if (error != 0) {
                takeError();
                throw new SyscallError(error);
            }
        }
    }

    /** Completes a pending connection if it has; returns its errno when it failed (also kept for SO_ERROR). */
    private synchronized int finishConnect() throws IOException {
        try {
            if (conn.finishConnect()) {
                connecting = false;
            }
            return 0;
        } catch (IOException e) {
            connecting = false;
            pendingError = Errno.of(e);
            reopen();
            return pendingError;
        }
    }

    /** Java closes a channel whose connect failed; Linux lets the socket try again. */
    private void reopen() throws IOException {
        conn = SocketChannel.open(family());
        conn.configureBlocking(false);
        applyRemembered();
    }

    @Override
    int send(byte[] b, int len, SocketAddress to, int msgFlags, BooleanSupplier stop) throws IOException {
        if (listening() || !conn.isConnected() || shutWrite) {
            throw new SyscallError(listening() ? Errno.ENOTCONN : Errno.EPIPE);
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 0, len);
        try {
            while (true) {
                conn.write(buf);
                if (!buf.hasRemaining() || buf.position() > 0 && wouldBlock(msgFlags)) {
                    return buf.position();
                }
                await(SelectionKey.OP_WRITE, msgFlags, stop);
            }
        } catch (ClosedChannelException e) {
            throw new SyscallError(Errno.EPIPE);
        }
    }

    @Override
    Received receive(byte[] b, int len, int msgFlags, BooleanSupplier stop) throws IOException {
        if (listening() || !conn.isConnected()) {
            throw new SyscallError(Errno.ENOTCONN);
        }
        boolean peek = (msgFlags & MSG_PEEK) != 0;
        boolean all = (msgFlags & MSG_WAITALL) != 0 && !peek;
        int got = 0;
        while (true) {
            synchronized (this) {
                int n = Math.min(len - got, readAhead.remaining());
                readAhead.get(readAhead.position(), b, got, n);
                if (!peek) {
                    readAhead.position(readAhead.position() + n);
                }
                got += n;
                if (got == len || got > 0 && !all || shutRead) {
                    return new Received(got, null, got);
                }
                int r = fill();
                if (r < 0) {
                    return new Received(got, null, got);
                }
                if (r > 0) {
                    continue;
                }
            }
            if (got > 0 && wouldBlock(msgFlags)) {
                return new Received(got, null, got);
            }
            await(SelectionKey.OP_READ, msgFlags, stop);
        }
    }

    /** One non-blocking read into the read-ahead buffer: the count, 0 for nothing yet, -1 at end of stream. */
    private int fill() throws IOException {
        readAhead.compact();
        if (readAhead.remaining() < 65536) {
            ByteBuffer bigger = ByteBuffer.allocate(readAhead.position() + 65536);
            readAhead.flip();
            bigger.put(readAhead);
            readAhead = bigger;
        }
        int n;
        try {
            n = conn.read(readAhead);
        } finally {
            readAhead.flip();
        }
        received += Math.max(0, n);
        peerDone |= n < 0;
        return n;
    }

    /** Takes in what the host has received, then counts every byte so far. */
    @Override
    synchronized long arrivals() {
        if (!listening() && conn.isConnected() && !shutRead && readAhead.remaining() < 65536) {
            try {
                fill();
            } catch (IOException e) {
                // a reset connection: its readiness (POLLERR, POLLHUP) tells the rest
            }
        }
        return received;
    }

    @Override
    public synchronized int available() throws IOException {
        if (listening()) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (conn.isConnected() && !shutRead) {
            fill();
        }
        return readAhead.remaining();
    }

    @Override
    synchronized SocketAddress localAddress() throws IOException {
        return listening() ? server.getLocalAddress() : conn.getLocalAddress();
    }

    @Override
    synchronized SocketAddress remoteAddress() throws IOException {
        SocketAddress a = listening() ? null : conn.getRemoteAddress();
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
        if (listening() || !conn.isConnected()) {
            throw new SyscallError(Errno.ENOTCONN);
        }
        if (how != 1 && !shutRead) {
            conn.shutdownInput();
            shutRead = true;
        }
        if (how != 0 && !shutWrite) {
            conn.shutdownOutput();
            shutWrite = true;
        }
    }

    @Override
    synchronized int interestOps() {
        if (listening()) {
            return SelectionKey.OP_ACCEPT;
        }
        if (connecting) {
            return SelectionKey.OP_CONNECT;
        }
        if (!conn.isConnected()) {
            return 0;
        }
        return (shutRead ? 0 : SelectionKey.OP_READ) | (shutWrite ? 0 : SelectionKey.OP_WRITE);
    }

    /** tcp_poll's answer, from what the selector says and the socket's own state. */
    @Override
    int pollBits(int ready) throws IOException {
        int in = PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM;
        int out = PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM;
        if (listening()) {
            return (ready & SelectionKey.OP_ACCEPT) != 0 ? in : 0;
        }
        if (connecting) {
            if ((ready & SelectionKey.OP_CONNECT) == 0 || finishConnect() == 0) {
                return connecting ? 0 : out;
            }
            return in | out | PollSyscalls.POLLERR | PollSyscalls.POLLHUP;
        }
        synchronized (this) {
            if (!conn.isConnected()) {
                return out | PollSyscalls.POLLHUP; // a socket that was never connected is TCP_CLOSE
            }
            if ((ready & SelectionKey.OP_READ) != 0 && !readAhead.hasRemaining() && !shutRead && !peerDone) {
                try {
                    fill(); // tells data from the peer's end of stream
                } catch (IOException e) {
                    pendingError = Errno.of(e); // a reset: POLLERR, and SO_ERROR says which
                }
            }
            boolean readDone = shutRead || peerDone;
            int bits = readAhead.hasRemaining() ? in : 0;
            bits |= (ready & SelectionKey.OP_WRITE) != 0 ? out : 0;
            bits |= readDone ? in | PollSyscalls.POLLRDHUP : 0;
            bits |= readDone && shutWrite ? PollSyscalls.POLLHUP : 0;
            bits |= pendingError != 0 ? PollSyscalls.POLLERR : 0;
            return bits;
        }
    }
}
