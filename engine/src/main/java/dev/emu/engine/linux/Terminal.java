package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ioctl: FIONREAD (bytes waiting, on any descriptor that knows: files, pipes, sockets, stdin),
 * FIONBIO, FIOCLEX/FIONCLEX, and what programs ask of terminals: TCGETS (isatty is built on it) and TIOCGWINSZ
 * succeed on a descriptor that is a host terminal and fail with ENOTTY on anything else.
 *
 * <p>Java cannot read or change the host terminal's modes, so TCGETS reports a cooked
 * terminal's usual settings and TCSETS* only records what the guest sets (TCGETS then reports
 * it back); a program that switches to raw mode still gets line-buffered input. The window
 * size comes from $LINES/$COLUMNS when the environment of emu has them, else 24x80.
 */
final class Terminal {
    private Terminal() {}

    static final int TCGETS = 0x5401;
    static final int TCSETS = 0x5402;
    static final int TCSETSW = 0x5403;
    static final int TCSETSF = 0x5404;
    static final int TIOCGPGRP = 0x540f;
    static final int TIOCGWINSZ = 0x5413;
    static final int TIOCSWINSZ = 0x5414;
    static final int FIONREAD = 0x541b;
    static final int FIONBIO = 0x5421;
    static final int FIONCLEX = 0x5450;
    static final int FIOCLEX = 0x5451;
    /** The kernel's struct termios for asm-generic: four flag words, c_line, c_cc[19]. */
    static final int TERMIOS_SIZE = 36;

    static long ioctl(LinuxProcess p, Vcpu cpu, long[] a) throws java.io.IOException {
        OpenFile f = p.files().get(a[0]);
        int request = (int) a[1];
        switch (request) {
            case FIOCLEX, FIONCLEX -> {
                p.files().setCloseOnExec(a[0], request == FIOCLEX);
                return 0;
            }
            case FIONREAD -> {
                dev.emu.engine.mem.GuestMemory.store32(p.memory(), a[2], f.available());
                return 0;
            }
            case FIONBIO -> {
                int on = (int) dev.emu.engine.mem.GuestMemory.load32(p.memory(), a[2]);
                int flags = f.flags();
                f.setStatusFlags(on != 0 ? flags | OpenFlags.O_NONBLOCK : flags & ~OpenFlags.O_NONBLOCK);
                return 0;
            }
            default -> { }
        }
        if (!f.isTerminal()) {
            throw new SyscallError(Errno.ENOTTY);
        }
        switch (request) {
            case TCGETS -> UserMemory.write(p.memory(), a[2], p.terminalModes());
            case TCSETS, TCSETSW, TCSETSF -> p.setTerminalModes(UserMemory.read(p.memory(), a[2], TERMIOS_SIZE));
            case TIOCGWINSZ -> UserMemory.write(p.memory(), a[2], windowSize());
            case TIOCSWINSZ -> { }
            case TIOCGPGRP -> dev.emu.engine.mem.GuestMemory.store32(p.memory(), a[2], p.pid());
            default -> throw new SyscallError(Errno.EINVAL);
        }
        return 0;
    }

    /** A cooked terminal: ICRNL IXON IUTF8, OPOST ONLCR, B38400 CS8 CREAD, ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN. */
    static byte[] cookedTermios() {
        ByteBuffer b = ByteBuffer.allocate(TERMIOS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x4500).putInt(0x0005).putInt(0x00bf).putInt(0x8a3b).put((byte) 0);
        byte[] cc = {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0};
        b.put(cc);
        return b.array();
    }

    static byte[] windowSize() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) envInt("LINES", 24)).putShort((short) envInt("COLUMNS", 80));
        return b.array();
    }

    private static int envInt(String name, int fallback) {
        try {
            String v = System.getenv(name);
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
