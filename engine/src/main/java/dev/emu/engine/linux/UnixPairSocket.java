package dev.emu.engine.linux;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.util.function.BooleanSupplier;

/**
 * One end of a socketpair (AF_UNIX, SOCK_STREAM or SOCK_DGRAM): no host socket, just a
 * {@link UnixPairQueue} in each direction. What Linux's af_unix does that programs see:
 * <ul>
 * <li>stream: shutting down writing (or closing) is end of file for the peer once it has read
 * what was sent; shutting down reading (or closing) makes the peer's sends fail with EPIPE
 * (SIGPIPE is raised by the callers, as for pipes); closing with unread data leaves the peer
 * ECONNRESET once it has read the rest;</li>
 * <li>datagram: boundaries kept, a short receive drops the rest (MSG_TRUNC reports the whole
 * length), sends to a closed peer fail with ECONNREFUSED, and shutdown does not reach the peer;</li>
 * <li>poll as unix_poll and unix_dgram_poll report it: POLLOUT with POLLWRBAND while there is
 * room, even after the peer has gone.</li>
 * </ul>
 * Both ends are unnamed: getsockname and getpeername give just the family.
 */
final class UnixPairSocket extends SocketFile {
    private final UnixPairQueue in;
    private final UnixPairQueue out;
    private UnixPairSocket peer;
    private boolean shutRead;
    private boolean shutWrite;

    private UnixPairSocket(int type, int flags, UnixPairQueue in, UnixPairQueue out) {
        super(SocketAddresses.AF_UNIX, type, 0, flags);
        this.in = in;
        this.out = out;
    }

    /** A connected pair; flags may carry SOCK_NONBLOCK. */
    static UnixPairSocket[] pair(int type, int flags) {
        UnixPairQueue ab = new UnixPairQueue(type == SOCK_DGRAM);
        UnixPairQueue ba = new UnixPairQueue(type == SOCK_DGRAM);
        UnixPairSocket a = new UnixPairSocket(type, flags, ba, ab);
        UnixPairSocket b = new UnixPairSocket(type, flags, ab, ba);
        a.peer = b;
        b.peer = a;
        return new UnixPairSocket[] {a, b};
    }

    private boolean stream() {
        return type == SOCK_STREAM;
    }

    @Override
    SelectableChannel channel() {
        return null; // nothing on the host: options are only remembered
    }

    @Override
    void bind(SocketAddress address) {
        throw new SyscallError(Errno.EINVAL);
    }

    @Override
    void connect(SocketAddress address) {
        throw new SyscallError(stream() ? Errno.EISCONN : Errno.EOPNOTSUPP);
    }

    @Override
    int send(byte[] b, int len, SocketAddress to, int msgFlags, BooleanSupplier stop) {
        if (to != null) {
            throw new SyscallError(stream() ? Errno.EISCONN : Errno.EOPNOTSUPP);
        }
        synchronized (this) {
            if (shutWrite) {
                throw new SyscallError(Errno.EPIPE);
            }
        }
        return out.send(b, len, wouldBlock(msgFlags), stop);
    }

    @Override
    Received receive(byte[] b, int len, int msgFlags, BooleanSupplier stop) {
        boolean closedForReading;
        synchronized (this) {
            closedForReading = shutRead;
        }
        int[] r = in.receive(b, len, (msgFlags & MSG_PEEK) != 0, (msgFlags & MSG_WAITALL) != 0,
                wouldBlock(msgFlags), closedForReading, stop);
        if (r[0] == 0 && len > 0 && stream()) {
            int error = takeError();
            if (error != 0) {
                throw new SyscallError(error);
            }
        }
        return new Received(r[0], null, r[1]);
    }

    @Override
    long arrivals() {
        return in.arrivals();
    }

    @Override
    public int available() {
        return in.available();
    }

    @Override
    SocketAddress localAddress() {
        return UnixDomainSocketAddress.of("");
    }

    @Override
    SocketAddress remoteAddress() {
        return UnixDomainSocketAddress.of("");
    }

    /** Linux's unix_shutdown: on a stream pair the peer sees the other half of the shutdown. */
    @Override
    synchronized void shutdown(int how) {
        if (how < 0 || how > 2) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (how != 1) {
            shutRead = true;
            if (stream()) {
                in.closeReceiver();
            }
        }
        if (how != 0) {
            shutWrite = true;
            if (stream()) {
                out.closeSender();
            }
        }
    }

    @Override
    int pollBits(int readyOps) {
        return poll();
    }

    @Override
    int interestOps() {
        return 0;
    }

    @Override
    public int poll() {
        boolean readShut;
        boolean writeShut;
        int error;
        synchronized (this) {
            readShut = shutRead || stream() && in.senderGone();
            writeShut = shutWrite || stream() && out.receiverGone();
            error = pendingError;
        }
        int bits = error != 0 ? PollSyscalls.POLLERR : 0;
        bits |= readShut && writeShut ? PollSyscalls.POLLHUP : 0;
        bits |= readShut ? PollSyscalls.POLLRDHUP | PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0;
        bits |= in.hasData() ? PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0;
        bits |= out.hasRoom() ? PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM | PollSyscalls.POLLWRBAND : 0;
        return bits;
    }

    @Override
    void watch(PollWaiter waiter) {
        in.addWaiter(waiter);
        out.addWaiter(waiter);
        waiter.onClose(() -> {
            in.removeWaiter(waiter);
            out.removeWaiter(waiter);
        });
    }

    /** Closing ends both directions; unread data left behind resets the peer's stream. */
    @Override
    protected void closeHost() {
        if (stream() && in.available() > 0) {
            synchronized (peer) {
                peer.pendingError = Errno.ECONNRESET;
            }
        }
        out.closeSender();
        in.closeReceiver();
    }
}
