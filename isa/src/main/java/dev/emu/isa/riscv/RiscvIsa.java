package dev.emu.isa.riscv;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.isa.IsaProvider;
import dev.emu.engine.linux.LinuxTarget;
import dev.emu.engine.linux.SyscallAbi;
import dev.emu.isa.riscv.translate.RiscvFrontend;

/**
 * RISC-V 64 (RV64GC + Zba/Zbb/Zbc/Zbs) for the engine: ELF machine 243, the frontend, and the
 * Linux ABI facts: syscall number in a7, arguments in a0-a5, result in a0, sp is x2, the thread
 * pointer is x4 (tp); AT_HWCAP has the letters of the single-letter extensions; the signal frame
 * needs 1088 bytes (no V state).
 */
public final class RiscvIsa implements IsaProvider {
    public static final int EM_RISCV = 243;
    private static final LinuxTarget LINUX = new LinuxTarget("riscv64",
            new SyscallAbi(17, new int[] {10, 11, 12, 13, 14, 15}, 10), 2,
            LinuxTarget.letterBits("imafdc"), 1088, false, new RiscvMachineContext(), 4);

    @Override
    public int elfMachine() {
        return EM_RISCV;
    }

    @Override
    public String name() {
        return "riscv64";
    }

    @Override
    public GuestFrontend newFrontend() {
        return new RiscvFrontend();
    }

    @Override
    public GuestFrontend newFrontend(ElfFile program, long loadBias) {
        return new RiscvFrontend(program, loadBias);
    }

    @Override
    public LinuxTarget linuxTarget() {
        return LINUX;
    }
}
