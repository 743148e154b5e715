package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.net.SocketAddress;

import static dev.emu.engine.linux.SocketAddresses.AF_INET;
import static dev.emu.engine.linux.SocketAddresses.AF_INET6;
import static dev.emu.engine.linux.SocketAddresses.AF_UNIX;
import static dev.emu.engine.linux.SocketAddresses.AF_UNSPEC;
import static dev.emu.engine.linux.SocketFile.MSG_NOSIGNAL;
import static dev.emu.engine.linux.SocketFile.MSG_TRUNC;
import static dev.emu.engine.linux.SocketFile.SOCK_DGRAM;
import static dev.emu.engine.linux.SocketFile.SOCK_STREAM;
import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * The socket calls of the generic table (riscv64 has no socketcall multiplexer): argument
 * checks and guest memory here, the socket's behaviour in {@link StreamSocket} and
 * {@link DatagramSocket}. Offered: AF_INET and AF_INET6 stream and datagram sockets, AF_UNIX
 * stream sockets on file system paths, and socketpair's AF_UNIX stream and datagram pairs
 * ({@link UnixPairSocket}). Not offered (ESOCKTNOSUPPORT): raw and seqpacket sockets, AF_UNIX
 * datagrams on paths.
 */
final class SocketSyscalls {
    private SocketSyscalls() {}

    static final int SOCK_TYPE_MASK = 0xf;
    static final int SOCK_NONBLOCK = OpenFlags.O_NONBLOCK;
    static final int SOCK_CLOEXEC = OpenFlags.O_CLOEXEC;
    static final int IPPROTO_UDP = 17;
    /** struct msghdr: name, namelen (u32), iov, iovlen, control, controllen, flags (int). */
    static final int MSGHDR_SIZE = 56;

    static void register(SyscallTable t) {
        t.define(SOCKET, "socket(N,T,R)", SocketSyscalls::socket);
        t.define(SOCKETPAIR, "socketpair(l,l,l,l,l,l)", SocketSyscalls::socketpair);
        t.define(BIND, "bind(d,S,u)", (p, cpu, a) -> {
            SocketFile s = socket(p, a[0]);
            s.bind(SocketAddresses.read(p.memory(), a[1], a[2], s.domain));
            return 0;
        });
        t.define(LISTEN, "listen(d,d)", SocketSyscalls::listen);
        t.define(ACCEPT, "accept(d,p,p)", (p, cpu, a) -> accept(p, cpu, a[0], a[1], a[2], 0));
        t.define(ACCEPT4, "accept4(l,l,l,l,l,l)", (p, cpu, a) -> accept(p, cpu, a[0], a[1], a[2], (int) a[3]));
        t.define(CONNECT, "connect(d,h,d)", SocketSyscalls::connect);
        t.define(GETSOCKNAME, "getsockname(l,l,l,l,l,l)", (p, cpu, a) -> name(p, a, true));
        t.define(GETPEERNAME, "getpeername(l,l,l,l,l,l)", (p, cpu, a) -> name(p, a, false));
        t.define(SENDTO, "sendto(l,l,l,l,l,l)", SocketSyscalls::sendto);
        t.define(RECVFROM, "recvfrom(l,l,l,l,l,l)", SocketSyscalls::recvfrom);
        t.define(SENDMSG, "sendmsg(l,l,l,l,l,l)", SocketSyscalls::sendmsg);
        t.define(RECVMSG, "recvmsg(d,P,h)", SocketSyscalls::recvmsg);
        t.define(SHUTDOWN, "shutdown(l,l,l,l,l,l)", (p, cpu, a) -> {
            socket(p, a[0]).shutdown((int) a[1]);
            return 0;
        });
        t.define(SETSOCKOPT, "setsockopt(l,l,l,l,l,l)", SocketSyscalls::setsockopt);
        t.define(GETSOCKOPT, "getsockopt(l,l,l,l,l,l)", SocketSyscalls::getsockopt);
    }

    static long socket(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int domain = (int) a[0];
        int type = (int) a[1] & SOCK_TYPE_MASK;
        int flags = (int) a[1] & ~SOCK_TYPE_MASK;
        int protocol = (int) a[2];
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (domain != AF_INET && domain != AF_INET6 && domain != AF_UNIX) {
            throw new SyscallError(Errno.EAFNOSUPPORT);
        }
        SocketFile s;
        if (type == SOCK_STREAM && (protocol == 0 || protocol == SocketOptions.IPPROTO_TCP && domain != AF_UNIX)) {
            s = new StreamSocket(domain, protocol, flags);
        } else if (type == SOCK_DGRAM && domain != AF_UNIX && (protocol == 0 || protocol == IPPROTO_UDP)) {
            s = new DatagramSocket(domain, protocol, flags);
        } else if (type == SOCK_STREAM || type == SOCK_DGRAM && domain != AF_UNIX) {
            throw new SyscallError(Errno.EPROTONOSUPPORT);
        } else {
            throw new SyscallError(Errno.ESOCKTNOSUPPORT);
        }
        try {
            return p.files().install(s, 0, (flags & SOCK_CLOEXEC) != 0);
        } catch (SyscallError e) {
            s.closeHost();
            throw e;
        }
    }

    /** socketpair(domain, type, protocol, sv): two connected AF_UNIX sockets. */
    static long socketpair(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int domain = (int) a[0];
        int type = (int) a[1] & SOCK_TYPE_MASK;
        int flags = (int) a[1] & ~SOCK_TYPE_MASK;
        int protocol = (int) a[2];
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (domain == AF_INET || domain == AF_INET6) {
            throw new SyscallError(Errno.EOPNOTSUPP);
        }
        if (domain != AF_UNIX) {
            throw new SyscallError(Errno.EAFNOSUPPORT);
        }
        if (protocol != 0 && protocol != AF_UNIX) {
            throw new SyscallError(Errno.EPROTONOSUPPORT);
        }
        if (type != SOCK_STREAM && type != SOCK_DGRAM) {
            throw new SyscallError(Errno.ESOCKTNOSUPPORT);
        }
        UserMemory.checkWritable(p.memory(), a[3], 8);
        UnixPairSocket[] pair = UnixPairSocket.pair(type, flags);
        boolean cloexec = (flags & SOCK_CLOEXEC) != 0;
        FdTable files = p.files();
        int first = files.install(pair[0], 0, cloexec);
        int second;
        try {
            second = files.install(pair[1], 0, cloexec);
        } catch (SyscallError e) {
            files.close(first);
            pair[1].closeHost();
            throw e;
        }
        GuestMemory.store32(p.memory(), a[3], first);
        GuestMemory.store32(p.memory(), a[3] + 4, second);
        return 0;
    }

    static long listen(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile socket = socket(p, a[0]);
        if (!(socket instanceof StreamSocket s)) {
            throw new SyscallError(socket.type == SOCK_STREAM ? Errno.EINVAL : Errno.EOPNOTSUPP);
        }
        s.listen((int) a[1]);
        return 0;
    }

    static long accept(LinuxProcess p, Vcpu cpu, long fd, long addr, long lenAddr, int flags) throws IOException {
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        SocketFile socket = socket(p, fd);
        if (!(socket instanceof StreamSocket listener)) {
            throw new SyscallError(socket.type == SOCK_STREAM ? Errno.EINVAL : Errno.EOPNOTSUPP);
        }
        StreamSocket s = listener.accept(flags, ThreadSyscalls.interrupted(p, cpu));
        int nfd;
        try {
            nfd = p.files().install(s, 0, (flags & SOCK_CLOEXEC) != 0);
        } catch (SyscallError e) {
            s.closeHost();
            throw e;
        }
        SocketAddresses.write(p.memory(), addr, lenAddr, SocketAddresses.encode(s.remoteAddress(), s.domain));
        return nfd;
    }

    /** connect; AF_UNSPEC dissolves a datagram socket's association, as on Linux. */
    static long connect(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        if (s instanceof DatagramSocket && a[2] >= 2 && GuestMemory.load16(p.memory(), a[1]) == AF_UNSPEC) {
            s.connect(null);
            return 0;
        }
        SocketAddress to = SocketAddresses.read(p.memory(), a[1], a[2], s.domain);
        if (s instanceof StreamSocket stream) {
            stream.connect(to, ThreadSyscalls.interrupted(p, cpu));
        } else {
            s.connect(to);
        }
        return 0;
    }

    static long name(LinuxProcess p, long[] a, boolean local) throws IOException {
        SocketFile s = socket(p, a[0]);
        SocketAddress address = local ? s.localAddress() : s.remoteAddress();
        UserMemory.checkWritable(p.memory(), a[2], 4);
        SocketAddresses.write(p.memory(), a[1], a[2], SocketAddresses.encode(address, s.domain));
        return 0;
    }

    static long sendto(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        int len = count(a[2]);
        byte[] data = UserMemory.read(p.memory(), a[1], len);
        SocketAddress to = a[4] == 0 ? null : SocketAddresses.read(p.memory(), a[4], a[5], s.domain);
        return send(p, cpu, s, data, to, (int) a[3]);
    }

    /** Sends; a broken connection raises SIGPIPE unless MSG_NOSIGNAL, as write does (see FileSyscalls.writeHost). */
    private static int send(LinuxProcess p, Vcpu cpu, SocketFile s, byte[] data, SocketAddress to, int flags)
            throws IOException {
        try {
            return s.send(data, data.length, to, flags, ThreadSyscalls.interrupted(p, cpu));
        } catch (IOException | SyscallError e) {
            int errno = e instanceof SyscallError se ? se.errno : Errno.of((IOException) e);
            if (errno == Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) {
                p.signals().raise(p.thread(cpu), Signals.SIGPIPE);
            }
            throw new SyscallError(errno);
        }
    }

    static long recvfrom(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        int len = count(a[2]);
        UserMemory.checkWritable(p.memory(), a[1], len);
        byte[] buf = new byte[len];
        SocketFile.Received r = s.receive(buf, len, (int) a[3], ThreadSyscalls.interrupted(p, cpu));
        p.memory().write(a[1], buf, 0, r.count());
        if (a[4] != 0) {
            byte[] from = r.from() == null ? new byte[0] : SocketAddresses.encode(r.from(), s.domain);
            SocketAddresses.write(p.memory(), a[4], a[5], from);
        }
        return ((int) a[3] & MSG_TRUNC) != 0 ? r.fullLength() : r.count();
    }

    static long sendmsg(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        GuestMemory m = p.memory();
        long name = GuestMemory.load64(m, a[1]);
        long nameLen = GuestMemory.load32(m, a[1] + 8);
        long[] iov = FileSyscalls.iovecs(m, GuestMemory.load64(m, a[1] + 16), GuestMemory.load64(m, a[1] + 24));
        int total = 0;
        for (int i = 1; i < iov.length; i += 2) {
            total += (int) iov[i];
        }
        byte[] data = new byte[total];
        int off = 0;
        for (int i = 0; i < iov.length; i += 2) {
            m.read(iov[i], data, off, (int) iov[i + 1]);
            off += (int) iov[i + 1];
        }
        SocketAddress to = name == 0 || nameLen == 0 ? null : SocketAddresses.read(m, name, nameLen, s.domain);
        return send(p, cpu, s, data, to, (int) a[2]);
    }

    /** recvmsg: scatters into the iovecs; no ancillary data (msg_controllen becomes 0). */
    static long recvmsg(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        GuestMemory m = p.memory();
        UserMemory.checkWritable(m, a[1], MSGHDR_SIZE);
        long[] iov = FileSyscalls.iovecs(m, GuestMemory.load64(m, a[1] + 16), GuestMemory.load64(m, a[1] + 24));
        int total = 0;
        for (int i = 0; i < iov.length; i += 2) {
            UserMemory.checkWritable(m, iov[i], iov[i + 1]);
            total += (int) iov[i + 1];
        }
        byte[] buf = new byte[total];
        SocketFile.Received r = s.receive(buf, total, (int) a[2], ThreadSyscalls.interrupted(p, cpu));
        int off = 0;
        for (int i = 0; i < iov.length && off < r.count(); i += 2) {
            int part = (int) Math.min(iov[i + 1], r.count() - off);
            m.write(iov[i], buf, off, part);
            off += part;
        }
        long name = GuestMemory.load64(m, a[1]);
        if (name != 0) {
            byte[] from = r.from() == null ? new byte[0] : SocketAddresses.encode(r.from(), s.domain);
            SocketAddresses.write(m, name, a[1] + 8, from);
        } else {
            GuestMemory.store32(m, a[1] + 8, 0);
        }
        GuestMemory.store64(m, a[1] + 40, 0);
        GuestMemory.store32(m, a[1] + 48, r.fullLength() > r.count() ? MSG_TRUNC : 0);
        return ((int) a[2] & MSG_TRUNC) != 0 ? r.fullLength() : r.count();
    }

    static long setsockopt(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        int len = (int) a[4];
        if (len < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        SocketOptions.set(s, (int) a[1], (int) a[2], UserMemory.read(p.memory(), a[3], Math.min(len, 256)));
        return 0;
    }

    static long getsockopt(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        SocketFile s = socket(p, a[0]);
        int room = (int) GuestMemory.load32(p.memory(), a[4]);
        if (room < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        byte[] value = SocketOptions.get(s, (int) a[1], (int) a[2]);
        int n = Math.min(room, value.length);
        p.memory().write(a[3], value, 0, n);
        GuestMemory.store32(p.memory(), a[4], n);
        return 0;
    }

    /** The socket behind fd: EBADF when none is open, ENOTSOCK when it is another kind of file. */
    static SocketFile socket(LinuxProcess p, long fd) {
        if (!(p.files().get(fd) instanceof SocketFile s)) {
            throw new SyscallError(Errno.ENOTSOCK);
        }
        return s;
    }

    private static int count(long n) {
        return Long.compareUnsigned(n, FileSyscalls.MAX_RW_COUNT) > 0 ? FileSyscalls.MAX_RW_COUNT : (int) n;
    }
}
