package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.MemoryFault;

import java.io.PrintStream;

/**
 * Prints each system call the way qemu's {@code -strace} does: {@code PID name(args) = result},
 * the call written (and flushed) before it runs so its line brackets whatever output it
 * produces, the result after; failures as {@code = -1 errno=N (message)}. Arguments are
 * printed by the kinds the {@link SyscallTable} declares, strings read from guest memory;
 * the decoders of flags, socket arguments and addresses are in {@link StraceFormats}.
 */
public final class StraceWriter implements SyscallListener {
    private static final int MAX_STRING = 256;
    private final PrintStream out;

    public StraceWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEntry(LinuxProcess process, Vcpu cpu, long number, SyscallTable.Entry entry, long[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append(process.pid()).append(' ');
        String kinds = entry != null ? entry.argKinds() : "llllll";
        sb.append(entry != null ? entry.name() : SyscallNumbers.name(number)).append('(');
        for (int i = 0; i < kinds.length(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (entry != null) {
                sb.append(entry.argLabels().get(i));
            }
            if (kinds.charAt(i) == 'S') {
                // a sockaddr prints with its length, the next argument: "{...}, 16"
                sb.append(StraceFormats.sockaddr(process.memory(), args[i], args[i + 1]));
                i++;
                continue;
            }
            appendArg(sb, process, kinds.charAt(i), args[i]);
        }
        sb.append(')');
        if (entry != null && !entry.returns()) {
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    @Override
    public void onReturn(LinuxProcess process, Vcpu cpu, long number, SyscallTable.Entry entry, long[] args, long result) {
        out.print(" = " + formatResult(entry != null ? entry.resultKind() : 'd', result) + "\n");
        out.flush();
    }

    static String formatResult(char kind, long result) {
        if (result < 0 && result >= -Errno.MAX_ERRNO) {
            int errno = (int) -result;
            return "-1 errno=" + errno + " (" + Errno.message(errno) + ")";
        }
        return kind == 'p' ? pointer(result) : Long.toString(result);
    }

    private static void appendArg(StringBuilder sb, LinuxProcess process, char kind, long v) {
        switch (kind) {
            case 'd' -> sb.append((int) v);
            case 'l' -> sb.append(v);
            case 'u' -> sb.append(Long.toUnsignedString(v));
            case 'x' -> sb.append("0x").append(Long.toHexString(v));
            case 'o' -> sb.append('0').append(Long.toOctalString(v));
            case 'p' -> sb.append(pointer(v));
            case 'f' -> sb.append((int) v == PathSyscalls.AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) v));
            case 's' -> appendString(sb, process, v);
            case 'X' -> sb.append(String.format("0x%016x", v));
            case 'C' -> sb.append(ThreadSyscalls.cloneFlagNames(v));
            case 'F' -> sb.append(ThreadSyscalls.futexOpName((int) v));
            case 'P' -> sb.append(StraceFormats.hashHex(v));
            case 'h' -> sb.append(StraceFormats.hashHex(v & 0xffffffffL));
            case 'a' -> sb.append(StraceFormats.atFlags(v));
            case 'M' -> sb.append(StraceFormats.statxMask(v));
            case 'N' -> sb.append(StraceFormats.socketDomain(v));
            case 'T' -> sb.append(StraceFormats.socketType(v));
            case 'R' -> sb.append(StraceFormats.socketProtocol(v));
            default -> throw new IllegalStateException("argument kind " + kind);
        }
    }

    private static String pointer(long v) {
        return v == 0 ? "NULL" : String.format("0x%016x", v);
    }

    private static void appendString(StringBuilder sb, LinuxProcess process, long address) {
        if (address == 0) {
            sb.append("NULL");
            return;
        }
        sb.append('"');
        for (int i = 0; i < MAX_STRING; i++) {
            int c;
            try {
                c = (int) dev.emu.engine.mem.GuestMemory.load8(process.memory(), address + i);
            } catch (MemoryFault e) {
                sb.append("\"<bad address>");
                return;
            }
            if (c == 0) {
                sb.append('"');
                return;
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\%03o", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        sb.append("\"...");
    }
}
