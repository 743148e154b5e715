package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process loaded from the real hello program with captured standard streams, and a vCPU whose
 * registers a test sets to make system calls as the guest would (RISC-V: a7 = number, a0..a5).
 */
final class GuestHarness {
    static final Path HELLO = Path.of("..", "test", "guest", "bin", "hello");
    /** What the RISC-V ISA supplies: rv64gc without V has a 1088-byte signal frame (AT_MINSIGSTKSZ). */
    static final LinuxTarget RISCV64 = new LinuxTarget("riscv64",
            new SyscallAbi(17, new int[] {10, 11, 12, 13, 14, 15}, 10), 2, LinuxTarget.letterBits("imafdc"), 1088, false, null, 4);

    final ByteArrayOutputStream out;
    final ByteArrayOutputStream err;
    final LinuxProcess process;
    final Vcpu cpu;
    final GuestMemory memory;
    /** A 64 KiB read-write scratch area for syscall arguments. */
    final long scratch;

    GuestHarness() throws IOException {
        this(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    GuestHarness(InputStream in, ByteArrayOutputStream out, ByteArrayOutputStream err) throws IOException {
        this(in, out, err, out, err);
    }

    GuestHarness(InputStream in, OutputStream outStream, OutputStream errStream, ByteArrayOutputStream out,
                 ByteArrayOutputStream err) throws IOException {
        Assumptions.assumeTrue(Files.exists(HELLO), "guest program " + HELLO + " not built");
        this.out = out;
        this.err = err;
        process = LinuxProcess.start(RISCV64, HELLO, List.of("hello"), List.of("A=1"),
                StandardStreams.of(in, outStream, errStream));
        memory = process.memory();
        cpu = new Vcpu(0, 64, memory);
        process.initMainThread(cpu);
        scratch = call(SyscallNumbers.MMAP, 0, 0x10000, Protection.RW,
                AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0);
    }

    /**
     * Makes syscall nr with the given arguments (missing ones are 0) and returns a0; then, as
     * the run loop would, acts on signals that arrived (a fatal one throws FatalSignal).
     */
    long call(int nr, long... args) {
        cpu.regs[17] = nr;
        for (int i = 0; i < 6; i++) {
            cpu.regs[10 + i] = i < args.length ? args[i] : 0;
        }
        process.syscall(cpu);
        long result = cpu.regs[10];
        if (cpu.interruptRequested()) {
            process.interrupted(cpu);
        }
        return result;
    }

    /** Writes a NUL-terminated string into scratch memory at offset and returns its address. */
    long string(int offset, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        memory.write(scratch + offset, b, 0, b.length);
        return scratch + offset;
    }

    byte[] bytes(long addr, int n) {
        byte[] b = new byte[n];
        memory.read(addr, b, 0, n);
        return b;
    }

    long load64(long addr) {
        return GuestMemory.load64(memory, addr);
    }

    long load32(long addr) {
        return GuestMemory.load32(memory, addr);
    }

    void store32(long addr, int v) {
        GuestMemory.store32(memory, addr, v);
    }

    void store64(long addr, long v) {
        GuestMemory.store64(memory, addr, v);
    }
}
