package dev.emu.engine.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An eventfd: a 64-bit counter that write adds to and read takes (all of it, or one with
 * EFD_SEMAPHORE), waiting while it is zero, or while an addition would reach 2^64-1. Reads and
 * writes move exactly 8 bytes; a shorter buffer is EINVAL.
 */
final class EventFdFile extends OpenFile {
    static final int EFD_SEMAPHORE = 1;
    private static final long MAX = 0xfffffffffffffffeL;

    private final boolean semaphore;
    private long counter;
    private final List<PollWaiter> waiters = new ArrayList<>();

    EventFdFile(long initial, int flags) {
        super(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK));
        this.counter = initial;
        this.semaphore = (flags & EFD_SEMAPHORE) != 0;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len < 8) {
            throw new SyscallError(Errno.EINVAL);
        }
        while (counter == 0) {
            block();
        }
        long value = semaphore ? 1 : counter;
        counter -= value;
        ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        changed();
        return 8;
    }

    @Override
    public synchronized int write(byte[] b, int off, int len) {
        if (len < 8) {
            throw new SyscallError(Errno.EINVAL);
        }
        long value = ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (value == -1L) {
            throw new SyscallError(Errno.EINVAL);
        }
        while (Long.compareUnsigned(value, MAX - counter) > 0) {
            block();
        }
        counter += value;
        changed();
        return 8;
    }

    @Override
    public synchronized int poll() {
        return (counter != 0 ? PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0)
                | (Long.compareUnsigned(counter, MAX) < 0 ? PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM : 0);
    }

    @Override
    synchronized void watch(PollWaiter waiter) {
        waiters.add(waiter);
        waiter.onClose(() -> {
            synchronized (this) {
                waiters.remove(waiter);
            }
        });
    }

    /** An anonymous inode: no file type bits, owner read and write. */
    @Override
    public FileStat stat() {
        return new FileStat(0xe, System.identityHashCode(this) & 0x7fffffffL, 0600, 1, 0, 0, 0, 0, 4096, 0,
                0, 0, 0, 0, 0, 0);
    }

    private void block() {
        if (nonBlocking()) {
            throw new SyscallError(Errno.EAGAIN);
        }
        try {
            wait();
        } catch (InterruptedException e) {
            throw new SyscallError(Errno.EINTR);
        }
    }

    private void changed() {
        notifyAll();
        waiters.forEach(PollWaiter::wakeup);
    }
}
