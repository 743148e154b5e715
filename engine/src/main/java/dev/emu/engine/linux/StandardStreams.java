package dev.emu.engine.linux;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the guest's descriptors 0, 1 and 2 are connected to.
 *
 * <p>{@link #host()} uses the JVM's own descriptors 0/1/2 through raw, unbuffered
 * FileDescriptor streams: each guest write is one host write, in order, so when stdout and
 * stderr go to the same terminal or pipe the guest's output interleaves exactly as it would
 * natively, with nothing held back in a Java buffer. emu's own messages (strace lines, the
 * fatal-signal line) go through System.err and are flushed before the guest runs on, which
 * keeps them in order with the guest's output too.
 *
 * <p>{@link #of} connects the guest to Java streams (tests capture output this way); they look
 * like pipes to fstat.
 */
public record StandardStreams(InputStream in, OutputStream out, OutputStream err, boolean hostDescriptors) {

    public static StandardStreams host() {
        return new StandardStreams(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), true);
    }

    public static StandardStreams of(InputStream in, OutputStream out, OutputStream err) {
        return new StandardStreams(in, out, err, false);
    }
}
