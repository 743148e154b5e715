package dev.emu.engine.linux;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A socket: a host channel from java.nio, always in non-blocking mode so one {@link Selector}
 * can watch it. A guest's blocking call (no O_NONBLOCK, no MSG_DONTWAIT) waits on the
 * socket's own selector and tries again; ppoll registers the channel with its waiter.
 * Subclasses: {@link StreamSocket} (TCP, AF_UNIX stream), {@link DatagramSocket} (UDP), and
 * {@link UnixPairSocket} (socketpair: no host channel at all).
 *
 * <p>A blocking call selects in slices of 10 ms and looks at its stop condition between them
 * (a signal for the thread, the process ending): a signal's unpark cannot wake a selector, so
 * the slice bounds how late the call notices. It then fails with ERESTARTSYS, which SA_RESTART
 * turns into a restart and otherwise into EINTR, as Linux's socket calls do.
 *
 * <p>Options the guest sets are remembered (getsockopt reports them back) and passed to the
 * channel where Java has an equivalent.
 */
abstract class SocketFile extends OpenFile {
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int MSG_PEEK = 0x2;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITALL = 0x100;
    static final int MSG_NOSIGNAL = 0x4000;

    final int domain;
    final int type;
    final int protocol;
    private Selector selector;
    /** SO_ERROR: a failure found asynchronously (a non-blocking connect), reported once. */
    protected int pendingError;
    private final Map<Long, byte[]> options = new HashMap<>();

    SocketFile(int domain, int type, int protocol, int flags) {
        super(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK));
        this.domain = domain;
        this.type = type;
        this.protocol = protocol;
    }

    /** The channel now behind the socket (a stream socket changes it on listen). */
    abstract SelectableChannel channel();

    abstract void bind(SocketAddress address) throws IOException;

    abstract void connect(SocketAddress address) throws IOException;

    /** Sends from b; to is null for a connected socket; a wait ends with ERESTARTSYS once stop is true. */
    abstract int send(byte[] b, int len, SocketAddress to, int msgFlags, BooleanSupplier stop) throws IOException;

    /** What one receive gave: the byte count, the sender (datagrams) and the datagram's full length. */
    record Received(int count, SocketAddress from, int fullLength) {}

    /** Receives into b; a wait ends with ERESTARTSYS once stop is true. */
    abstract Received receive(byte[] b, int len, int msgFlags, BooleanSupplier stop) throws IOException;

    /**
     * A count that grows whenever data arrives (bytes or datagrams taken in), for epoll's
     * edge-triggered entries: sockets cannot call a waiter back. 0 when the socket cannot tell.
     */
    long arrivals() {
        return 0;
    }

    abstract SocketAddress localAddress() throws IOException;

    abstract SocketAddress remoteAddress() throws IOException;

    abstract void shutdown(int how) throws IOException;

    /** Readiness from the channel's selector ops, turned into poll bits. */
    abstract int pollBits(int readyOps) throws IOException;

    /** The selector ops worth watching in the current state. */
    abstract int interestOps();

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return read(b, off, len, NEVER);
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        return write(b, off, len, NEVER);
    }

    @Override
    public int read(byte[] b, int off, int len, BooleanSupplier stop) throws IOException {
        byte[] buf = off == 0 ? b : new byte[len];
        int n = receive(buf, len, 0, stop).count();
        if (buf != b) {
            System.arraycopy(buf, 0, b, off, n);
        }
        return n;
    }

    @Override
    public int write(byte[] b, int off, int len, BooleanSupplier stop) throws IOException {
        byte[] buf = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
        return send(buf, len, null, 0, stop);
    }

    @Override
    public FileStat stat() {
        return new FileStat(0x8, System.identityHashCode(this) & 0x7fffffffL, FileStat.S_IFSOCK | 0777, 1, 0, 0, 0,
                0, 4096, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public int poll() throws IOException {
        return pollBits(readyNow(interestOps()));
    }

    @Override
    void watch(PollWaiter waiter) throws IOException {
        int ops = interestOps();
        if (ops != 0) {
            waiter.register(channel(), ops);
        }
    }

    boolean wouldBlock(int msgFlags) {
        return nonBlocking() || (msgFlags & MSG_DONTWAIT) != 0;
    }

    /** How long one select lasts before the stop condition is looked at again. */
    private static final long SLICE_MILLIS = 10;

    /**
     * Waits (on this socket's selector) until the channel may be ready for op; EAGAIN when the
     * guest must not wait, ERESTARTSYS when stop turns true first.
     */
    void await(int op, int msgFlags, BooleanSupplier stop) throws IOException {
        if (wouldBlock(msgFlags)) {
            throw new SyscallError(Errno.EAGAIN);
        }
        Selector s = selector();
        key(s, op);
        while (true) {
            if (stop.getAsBoolean()) {
                throw new SyscallError(SignalDelivery.ERESTARTSYS);
            }
            int n = s.select(SLICE_MILLIS);
            s.selectedKeys().clear();
            if (Thread.interrupted()) {
                throw new SyscallError(Errno.EINTR);
            }
            if (n > 0) {
                return;
            }
        }
    }

    /** The ops among interest that are ready now, without waiting. */
    int readyNow(int interest) throws IOException {
        if (interest == 0) {
            return 0;
        }
        Selector s = selector();
        SelectionKey key = key(s, interest);
        s.selectNow();
        int ready = s.selectedKeys().contains(key) ? key.readyOps() : 0;
        s.selectedKeys().clear();
        return ready;
    }

    private synchronized Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        return selector;
    }

    private SelectionKey key(Selector s, int ops) throws ClosedChannelException {
        SelectableChannel ch = channel();
        SelectionKey key = ch.keyFor(s);
        if (key == null || !key.isValid()) {
            if (key != null) {
                try {
                    s.selectNow(); // flushes the cancelled key so the channel can register again
                } catch (IOException e) {
                    throw new ClosedChannelException();
                }
            }
            return ch.register(s, ops);
        }
        key.interestOps(ops);
        return key;
    }

    // ------------------------------------------------------------------ options

    static long optionKey(int level, int name) {
        return (long) level << 32 | (name & 0xffffffffL);
    }

    synchronized void rememberOption(int level, int name, byte[] value) {
        options.put(optionKey(level, name), value.clone());
    }

    synchronized byte[] rememberedOption(int level, int name) {
        return options.get(optionKey(level, name));
    }

    /** Applies a Java socket option to the channel, when the channel supports it. */
    <T> void apply(SocketOption<T> option, T value) throws IOException {
        if (channel() instanceof NetworkChannel nc && nc.supportedOptions().contains(option)) {
            try {
                nc.setOption(option, value);
            } catch (IllegalArgumentException e) {
                throw new SyscallError(Errno.EINVAL);
            }
        }
    }

    /** Copies the remembered options that Java knows onto a new channel (accept, listen). */
    void applyRemembered() throws IOException {
        Map<Long, byte[]> copy;
        synchronized (this) {
            copy = new HashMap<>(options);
        }
        for (var e : copy.entrySet()) {
            SocketOptions.apply(this, (int) (e.getKey() >> 32), (int) (long) e.getKey(), e.getValue());
        }
    }

    synchronized void copyOptionsFrom(SocketFile other) {
        synchronized (other) {
            options.putAll(other.options);
        }
    }

    synchronized int takeError() {
        int e = pendingError;
        pendingError = 0;
        return e;
    }

    /** Java's channel exceptions that carry no errno, as Linux's errors. */
    static SyscallError translate(RuntimeException e) {
        if (e instanceof NotYetConnectedException) {
            return new SyscallError(Errno.ENOTCONN);
        }
        if (e instanceof AlreadyConnectedException) {
            return new SyscallError(Errno.EISCONN);
        }
        if (e instanceof ConnectionPendingException) {
            return new SyscallError(Errno.EALREADY);
        }
        if (e instanceof AlreadyBoundException || e instanceof UnsupportedAddressTypeException
                || e instanceof IllegalArgumentException) {
            return new SyscallError(Errno.EINVAL);
        }
        throw e;
    }

    @Override
    protected void closeHost() throws IOException {
        Selector s;
        synchronized (this) {
            s = selector;
        }
        if (s != null) {
            s.close();
        }
        channel().close();
    }
}
