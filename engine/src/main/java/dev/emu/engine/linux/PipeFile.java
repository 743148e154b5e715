package dev.emu.engine.linux;

import java.util.function.BooleanSupplier;

/**
 * One end of a pipe made by pipe2: the read end (O_RDONLY) or the write end (O_WRONLY) of a
 * shared {@link PipeBuffer}. Closing the last descriptor of an end is what the other end sees
 * as end of file or EPIPE.
 */
final class PipeFile extends OpenFile {
    private final PipeBuffer buffer;
    private final boolean readEnd;

    PipeFile(PipeBuffer buffer, boolean readEnd, int statusFlags) {
        super((readEnd ? OpenFlags.O_RDONLY : OpenFlags.O_WRONLY) | statusFlags);
        this.buffer = buffer;
        this.readEnd = readEnd;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return buffer.read(b, off, len, nonBlocking(), NEVER);
    }

    @Override
    public int write(byte[] b, int off, int len) {
        return buffer.write(b, off, len, nonBlocking(), NEVER);
    }

    @Override
    public int read(byte[] b, int off, int len, BooleanSupplier stop) {
        return buffer.read(b, off, len, nonBlocking(), stop);
    }

    @Override
    public int write(byte[] b, int off, int len, BooleanSupplier stop) {
        return buffer.write(b, off, len, nonBlocking(), stop);
    }

    @Override
    public FileStat stat() {
        return FileStat.pipe(System.identityHashCode(buffer) & 0x7fffffffL);
    }

    @Override
    public int poll() {
        return buffer.poll(readEnd);
    }

    @Override
    void watch(PollWaiter waiter) {
        buffer.addWaiter(waiter);
        waiter.onClose(() -> buffer.removeWaiter(waiter));
    }

    @Override
    public int available() {
        return buffer.available();
    }

    @Override
    protected void closeHost() {
        buffer.closeEnd(readEnd);
    }
}
