package dev.emu.isa.riscv;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.linux.MachineContext;
import dev.emu.engine.mem.GuestMemory;

/**
 * riscv64's struct sigcontext, as Linux and glibc's mcontext_t lay it out: 32 general words
 * (the pc in place of x0, then x1..x31), then the D extension's state (f0..f31 as raw 64-bit
 * words, then fcsr), in a union padded to 528 bytes whose last 8 bytes are the header of the
 * extension list (all zero: the end, as there is no vector state). A handler is entered with
 * a0 = signal, a1 = &siginfo, a2 = &ucontext (riscv passes them whatever SA_SIGINFO says) and
 * ra at the sigreturn trampoline, since glibc on riscv64 sets no sa_restorer.
 */
final class RiscvMachineContext implements MachineContext {
    private static final int GREGS = 32;
    private static final int FP_STATE = GREGS * 8;
    private static final int FCSR = FP_STATE + 32 * 8;
    /** sizeof(union __riscv_fp_state): the Q layout, f[64] aligned to 16, fcsr, reserved[3]. */
    private static final int FP_STATE_SIZE = 528;
    private static final int FP_SLOT = 32;
    private static final int RA = 1;
    private static final int SP = 2;
    private static final int A0 = 10;
    private static final int LI_A7_RT_SIGRETURN = 0x08b00893; // addi a7, zero, 139
    private static final int ECALL = 0x00000073;

    @Override
    public int size() {
        return FP_STATE + FP_STATE_SIZE;
    }

    @Override
    public void save(Vcpu cpu, GuestMemory m, long addr) {
        GuestMemory.store64(m, addr, cpu.pc);
        for (int i = 1; i < GREGS; i++) {
            GuestMemory.store64(m, addr + 8L * i, cpu.regs[i]);
        }
        for (int i = 0; i < 32; i++) {
            GuestMemory.store64(m, addr + FP_STATE + 8L * i, cpu.regs[FP_SLOT + i]);
        }
        GuestMemory.store32(m, addr + FCSR, cpu.fpRoundingMode << 5 | cpu.fpFlags);
        for (int off = FCSR + 4; off < FP_STATE + FP_STATE_SIZE; off += 4) {
            GuestMemory.store32(m, addr + off, 0);
        }
    }

    @Override
    public void restore(Vcpu cpu, GuestMemory m, long addr) {
        cpu.pc = GuestMemory.load64(m, addr);
        for (int i = 1; i < GREGS; i++) {
            cpu.regs[i] = GuestMemory.load64(m, addr + 8L * i);
        }
        for (int i = 0; i < 32; i++) {
            cpu.regs[FP_SLOT + i] = GuestMemory.load64(m, addr + FP_STATE + 8L * i);
        }
        int fcsr = (int) GuestMemory.load32(m, addr + FCSR);
        cpu.fpFlags = fcsr & 0x1f;
        cpu.fpRoundingMode = fcsr >>> 5 & 7;
    }

    @Override
    public void enterHandler(Vcpu cpu, long handler, int signal, long info, long ucontext, long frame,
                             long returnAddress) {
        cpu.pc = handler;
        cpu.regs[RA] = returnAddress;
        cpu.regs[SP] = frame;
        cpu.regs[A0] = signal;
        cpu.regs[A0 + 1] = info;
        cpu.regs[A0 + 2] = ucontext;
    }

    @Override
    public byte[] sigreturnCode() {
        byte[] code = new byte[8];
        for (int i = 0; i < 4; i++) {
            code[i] = (byte) (LI_A7_RT_SIGRETURN >>> 8 * i);
            code[4 + i] = (byte) (ECALL >>> 8 * i);
        }
        return code;
    }

    @Override
    public int syscallInstructionLength() {
        return 4;
    }
}
