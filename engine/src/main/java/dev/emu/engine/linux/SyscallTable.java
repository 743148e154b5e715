package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * System call number to handler, filled by the per-area classes ({@link FileSyscalls},
 * {@link PathSyscalls}, {@link MemorySyscalls}, {@link ProcessSyscalls},
 * {@link SignalSyscalls}, {@link TimeSyscalls}, {@link ThreadSyscalls}), each registering its
 * calls with a signature that says how a trace prints them:
 *
 * <pre>   table.define(SyscallNumbers.WRITE, "write(d,p,u)", FileSyscalls::write);</pre>
 *
 * Argument kinds: {@code d} signed int, {@code l} signed long, {@code u} unsigned decimal,
 * {@code x} hex, {@code o} octal, {@code p} pointer, {@code s} pointer to a C string,
 * {@code f} a directory fd (AT_FDCWD), {@code X} a 64-bit value in 16 hex digits (0 too),
 * {@code C} clone flags, {@code F} a futex operation; as qemu prints them: {@code P} C's
 * {@code %#lx}, {@code h} {@code %#x} of the low 32 bits, {@code a} AT_* flags, {@code M} a
 * statx mask, {@code N}/{@code T}/{@code R} a socket's domain, type and protocol, {@code S} a
 * struct sockaddr with the next argument as its length. A kind may carry a label that the trace
 * prints before the value, as qemu does for clone: {@code child_stack=X}. A result kind follows {@code ->}: {@code p} for a
 * pointer result (mmap, brk), {@code noreturn} for calls that end the thread; the default is
 * decimal.
 */
public final class SyscallTable {
    /**
     * One system call's implementation: takes the six raw argument registers and returns the
     * result register's value. A handler fails by returning a negative errno or by throwing
     * {@link SyscallError}; a {@link dev.emu.engine.mem.MemoryFault} while touching guest memory
     * becomes EFAULT and a host IOException its errno (see {@link Errno#of}), so handlers stay a
     * few lines that call the process's services.
     */
    @FunctionalInterface
    public interface Handler {
        long call(LinuxProcess process, Vcpu cpu, long[] args) throws IOException;
    }

    /** A registered call. */
    public record Entry(int number, String name, String argKinds, char resultKind, Handler handler,
                        List<String> argLabels) {
        public boolean returns() {
            return resultKind != 'n';
        }
    }

    private final Map<Integer, Entry> entries = new HashMap<>();
    private Entry[] dense = new Entry[0];

    /** The table of every call emu implements, for any asm-generic ISA. */
    public static SyscallTable linux() {
        SyscallTable t = new SyscallTable();
        FileSyscalls.register(t);
        PathSyscalls.register(t);
        MemorySyscalls.register(t);
        ProcessSyscalls.register(t);
        SignalSyscalls.register(t);
        TimeSyscalls.register(t);
        ThreadSyscalls.register(t);
        DirectorySyscalls.register(t);
        MetadataSyscalls.register(t);
        ContentSyscalls.register(t);
        PipeSyscalls.register(t);
        PollSyscalls.register(t);
        EpollSyscalls.register(t);
        SocketSyscalls.register(t);
        CredentialSyscalls.register(t);
        SchedulingSyscalls.register(t);
        ProcessControlSyscalls.register(t);
        ResourceUsage.register(t);
        HardwareProbe.register(t);
        return t;
    }

    /** Adds or replaces (an ISA may override a generic entry) the call with this number. */
    public void define(int number, String signature, Handler handler) {
        int open = signature.indexOf('(');
        int close = signature.indexOf(')');
        if (open <= 0 || close < open) {
            throw new IllegalArgumentException("bad syscall signature: " + signature);
        }
        String name = signature.substring(0, open);
        StringBuilder args = new StringBuilder();
        List<String> labels = new ArrayList<>();
        for (String arg : signature.substring(open + 1, close).split(",", -1)) {
            int eq = arg.indexOf('=');
            labels.add(eq < 0 ? "" : arg.substring(0, eq + 1));
            args.append(arg.substring(eq + 1));
        }
        if (args.isEmpty()) {
            labels.clear();
        }
        if (!args.toString().matches("[dluxopsfXCFPhaMNTRS]*") || args.toString().endsWith("S")
                || args.length() != labels.size() || args.length() > 6) {
            throw new IllegalArgumentException("bad argument kinds in " + signature);
        }
        String rest = signature.substring(close + 1).trim();
        char result = switch (rest) {
            case "" -> 'd';
            case "-> p" -> 'p';
            case "-> noreturn" -> 'n';
            default -> throw new IllegalArgumentException("bad result kind in " + signature);
        };
        entries.put(number, new Entry(number, name, args.toString(), result, handler, List.copyOf(labels)));
        if (number >= 0 && number < 1024) {
            if (number >= dense.length) {
                dense = java.util.Arrays.copyOf(dense, Math.max(number + 1, dense.length * 2));
            }
            dense[number] = entries.get(number);
        }
    }

    /** The entry for a syscall number, or null when emu does not implement it. */
    public Entry lookup(long number) {
        if (number >= 0 && number < dense.length) {
            return dense[(int) number];
        }
        return number >= 0 && number <= Integer.MAX_VALUE ? entries.get((int) number) : null;
    }
}
