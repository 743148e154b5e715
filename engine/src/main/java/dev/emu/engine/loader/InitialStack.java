package dev.emu.engine.loader;

import dev.emu.engine.UserError;
import dev.emu.engine.mem.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The process's initial stack, laid out as Linux's {@code execve} does it ({@code fs/exec.c}
 * copies the strings, {@code fs/binfmt_elf.c create_elf_tables} writes the tables), from the top
 * down:
 *
 * <pre>
 *   top         8 zero bytes
 *               the exec file name (AT_EXECFN points here)
 *               envp strings, then below them argv strings (each in order, NUL-terminated)
 *               (aligned down to 16)
 *               16 random bytes (AT_RANDOM)
 *               padding to make sp 16-byte aligned
 *               auxv pairs, ending with AT_NULL, 0
 *               NULL, envp[envc-1] ... envp[0]
 *               NULL, argv[argc-1] ... argv[0]
 *   sp -&gt;       argc
 * </pre>
 *
 * Done in two steps because the auxiliary vector holds addresses of the strings and the random
 * bytes: {@link #placeStrings} first, then {@link #writeTables} with the finished vector.
 */
final class InitialStack {
    private static final int WORD = 8;
    private final GuestMemory memory;
    private final long[] argvAddresses;
    private final long[] envpAddresses;
    private final long execFnAddress;
    private final long randomAddress;

    private InitialStack(GuestMemory memory, long[] argv, long[] envp, long execFn, long random) {
        this.memory = memory;
        this.argvAddresses = argv;
        this.envpAddresses = envp;
        this.execFnAddress = execFn;
        this.randomAddress = random;
    }

    /**
     * Copies the strings and random bytes below {@code top} (the end of a writable stack mapping
     * of {@code size} bytes). Like Linux, refuses arguments that would take more than a quarter
     * of the stack.
     */
    static InitialStack placeStrings(GuestMemory memory, long top, long size, ExecRequest request) {
        long needed = WORD + utf8z(request.execFn()).length;
        for (String s : request.envp()) {
            needed += utf8z(s).length;
        }
        for (String s : request.argv()) {
            needed += utf8z(s).length;
        }
        if (needed > size / 4) {
            throw new UserError("argument list too long (" + needed + " bytes of arguments and environment)");
        }
        long p = top - WORD;
        memory.write(p, new byte[WORD], 0, WORD);
        p = pushString(memory, p, request.execFn());
        long execFn = p;
        long[] envp = pushStrings(memory, p, request.envp());
        p = envp.length > 0 ? envp[0] : p;
        long[] argv = pushStrings(memory, p, request.argv());
        p = argv.length > 0 ? argv[0] : p;
        p &= ~15L;
        p -= ExecRequest.RANDOM_BYTES;
        byte[] random = request.random();
        memory.write(p, random, 0, random.length);
        return new InitialStack(memory, argv, envp, execFn, p);
    }

    long execFnAddress() {
        return execFnAddress;
    }

    long randomAddress() {
        return randomAddress;
    }

    /** Writes argc, argv, envp and the auxiliary vector (which must end with AT_NULL); returns sp. */
    long writeTables(List<AuxVector> auxv) {
        if (auxv.isEmpty() || auxv.get(auxv.size() - 1).type() != AuxVector.AT_NULL) {
            throw new IllegalArgumentException("the auxiliary vector must end with AT_NULL");
        }
        int words = 1 + argvAddresses.length + 1 + envpAddresses.length + 1 + 2 * auxv.size();
        long sp = (randomAddress - (long) words * WORD) & ~15L;
        ByteBuffer b = ByteBuffer.allocate(words * WORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(argvAddresses.length);
        for (long a : argvAddresses) {
            b.putLong(a);
        }
        b.putLong(0);
        for (long a : envpAddresses) {
            b.putLong(a);
        }
        b.putLong(0);
        for (AuxVector a : auxv) {
            b.putLong(a.type()).putLong(a.value());
        }
        memory.write(sp, b.array(), 0, b.capacity());
        return sp;
    }

    private static long pushString(GuestMemory memory, long p, String s) {
        byte[] bytes = utf8z(s);
        p -= bytes.length;
        memory.write(p, bytes, 0, bytes.length);
        return p;
    }

    /** Copies the strings so that they lie in order, the last one ending at p; returns their addresses. */
    private static long[] pushStrings(GuestMemory memory, long p, List<String> strings) {
        long[] addresses = new long[strings.size()];
        for (int i = strings.size() - 1; i >= 0; i--) {
            p = pushString(memory, p, strings.get(i));
            addresses[i] = p;
        }
        return addresses;
    }

    private static byte[] utf8z(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[raw.length + 1];
        System.arraycopy(raw, 0, z, 0, raw.length);
        return z;
    }
}
