package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.disas.DisasOptions;
import dev.emu.isa.riscv.disas.RegisterNames;
import dev.emu.isa.riscv.disas.RiscvDisassembler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The text of one differential-test mismatch: enough to debug it without rerunning anything
 * (seed, sequence number and how to rerun it alone, tier, base register, each differing register
 * with its start, qemu and emu values, differing scratch bytes, and the body disassembled).
 */
final class MismatchReport {
    private MismatchReport() {}

    static String describe(long seed, long index, String tier, Sequence s, long bodyStart, List<Integer> words,
                           byte[] qemu, byte[] emu, String emuEnd) {
        StringBuilder r = new StringBuilder();
        r.append("sequence ").append(index).append(" of seed ").append(seed).append(", emu tier ").append(tier)
                .append(", base register ").append(RegisterNames.gpr(s.base(), false))
                .append(" (rerun alone: -Demu.qemuDiff.seed=").append(seed).append(" -Demu.qemuDiff.first=").append(index)
                .append(" -Demu.qemuDiff.sequences=1)\n");
        if (emu == null) {
            r.append("  emu stopped before the end of this sequence: ").append(emuEnd).append('\n');
        } else {
            differences(r, s, buffer(qemu), buffer(emu));
        }
        startState(r, s);
        r.append("  body:\n");
        RiscvDisassembler disassembler = new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.all()));
        long pc = bodyStart;
        for (int w : words) {
            int length = RiscvDecoder.length(w & 0xffff);
            String hex = length == 2 ? String.format("%04x    ", w & 0xffff) : String.format("%08x", w);
            r.append(String.format("    %x:  %s  %s%n", pc, hex, disassembler.disassemble(pc, w)));
            pc += length;
        }
        return r.toString();
    }

    /** Every start value: the body may read any register. */
    private static void startState(StringBuilder r, Sequence s) {
        r.append("  start state (fcsr 0x").append(Integer.toHexString(s.fcsr())).append("):");
        for (int i = 1; i < 32; i++) {
            r.append(i % 4 == 1 ? "\n   " : "").append(String.format(" x%d=0x%x", i, s.x()[i]));
        }
        for (int i = 0; i < 32; i++) {
            r.append(i % 4 == 0 ? "\n   " : "").append(String.format(" f%d=0x%016x", i, s.f()[i]));
        }
        r.append('\n');
    }

    private static ByteBuffer buffer(byte[] block) {
        return ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void differences(StringBuilder r, Sequence s, ByteBuffer qemu, ByteBuffer emu) {
        for (int i = 1; i < 32; i++) {
            int at = BatchProgram.X_OFFSET + 8 * i;
            if (qemu.getLong(at) != emu.getLong(at)) {
                r.append(String.format("  x%d (%s): start 0x%x, qemu 0x%x, emu 0x%x%n", i, RegisterNames.gpr(i, false),
                        s.x()[i], qemu.getLong(at), emu.getLong(at)));
            }
        }
        for (int i = 0; i < 32; i++) {
            int at = BatchProgram.F_OFFSET + 8 * i;
            if (qemu.getLong(at) != emu.getLong(at)) {
                r.append(String.format("  f%d (%s): start 0x%016x, qemu 0x%016x, emu 0x%016x%n", i, RegisterNames.fpr(i, false),
                        s.f()[i], qemu.getLong(at), emu.getLong(at)));
            }
        }
        int fcsr = BatchProgram.FCSR_OFFSET;
        if (qemu.getLong(fcsr) != emu.getLong(fcsr)) {
            r.append(String.format("  fcsr: start 0x%02x (frm %d), qemu 0x%02x, emu 0x%02x%n", s.fcsr(), s.fcsr() >> 5,
                    qemu.getLong(fcsr), emu.getLong(fcsr)));
        }
        for (int i = 0; i < SequenceGenerator.SCRATCH_SIZE; i++) {
            if (qemu.get(i) != emu.get(i)) {
                r.append(String.format("  scratch+%d: start 0x%02x, qemu 0x%02x, emu 0x%02x%n", i, s.scratch()[i] & 0xff,
                        qemu.get(i) & 0xff, emu.get(i) & 0xff));
            }
        }
    }
}
