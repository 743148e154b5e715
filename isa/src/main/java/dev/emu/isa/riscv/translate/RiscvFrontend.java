package dev.emu.isa.riscv.translate;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.isa.riscv.decode.Encoding;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.disas.DisasOptions;
import dev.emu.isa.riscv.disas.InAsmLog;
import dev.emu.isa.riscv.disas.RegisterNames;
import dev.emu.isa.riscv.disas.RiscvDisassembler;

import java.util.ArrayList;
import java.util.List;

/**
 * RISC-V's translator hooks: fetch (16-bit parcels, so a 4-byte instruction may straddle a page
 * and each half's page is checked for execute permission), decode over every extension emu
 * implements, and hand the canonical row's name to its translator. vCPU threads may share one:
 * it is immutable apart from its {@code -d in_asm} log, which is thread-safe.
 */
public final class RiscvFrontend implements GuestFrontend {
    private final RiscvDecoder decoder = new RiscvDecoder(Extension.all());
    private final TranslatorRegistry translators = TranslatorRegistry.standard();
    private final InAsmLog inAsm;

    /** A frontend that knows no program: logs show plain addresses. */
    public RiscvFrontend() {
        this(null, 0);
    }

    /** A frontend whose {@code -d in_asm} log names the symbols of {@code program} (null: none). */
    public RiscvFrontend(ElfFile program, long loadBias) {
        this.inAsm = new InAsmLog(program, loadBias);
    }

    @Override
    public int translate(IrBuilder b, long pc, GuestMemory code) {
        // Fetch everything before emitting anything: a fetch fault leaves the block untouched.
        int low = code.fetch16(pc);
        int length = RiscvDecoder.length(low);
        if (length > 4) {
            // A longer encoding, which no extension emu implements defines.
            b.exit(ExitReason.ILLEGAL_INSTRUCTION, pc);
            return 2;
        }
        int word = length == 4 ? low | code.fetch16(pc + 2) << 16 : low;
        Encoding encoding = decoder.decode(word);
        if (encoding == null) {
            b.exit(ExitReason.ILLEGAL_INSTRUCTION, pc);
            return length;
        }
        InsnTranslator translator = translators.get(encoding.name());
        if (translator == null) {
            throw new IllegalStateException("no translator for " + encoding.name());
        }
        translator.translate(new TranslationContext(b, pc, length), word);
        return length;
    }

    @Override
    public int registerSlots() {
        return TranslationContext.SLOTS;
    }

    @Override
    public String slotName(int slot) {
        if (slot < 0 || slot >= TranslationContext.SLOTS) {
            throw new IllegalArgumentException("no register slot " + slot);
        }
        return slot < TranslationContext.FPR_BASE
                ? RegisterNames.gpr(slot, false)
                : RegisterNames.fpr(slot - TranslationContext.FPR_BASE, false);
    }

    @Override
    public String disassemble(long pc, GuestMemory code) {
        int low = code.fetch16(pc);
        int length = RiscvDecoder.length(low);
        if (length > 4) {
            return ".2byte\t0x" + Integer.toHexString(low);
        }
        int word = length == 4 ? low | code.fetch16(pc + 2) << 16 : low;
        // A fresh disassembler: its lui/auipc tracking must not carry over from unrelated code.
        return new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.all())).disassemble(pc, word);
    }

    @Override
    public String symbolAt(long pc) {
        return inAsm.symbol(pc);
    }

    /** qemu's framing around the lines {@code emu --disas} prints for the same instructions: see {@link InAsmLog}. */
    @Override
    public String describeBlock(IrBlock block, GuestMemory code) {
        List<Long> pcs = new ArrayList<>();
        for (IrOp op : block.ops) {
            if (op.op == Opcode.INSN_START) {
                pcs.add(op.imm);
            }
        }
        long[] at = new long[pcs.size()];
        int[] words = new int[pcs.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = pcs.get(i);
            int low = code.fetch16(at[i]);
            words[i] = RiscvDecoder.length(low) == 4 ? low | code.fetch16(at[i] + 2) << 16 : low;
        }
        return inAsm.block(at, words);
    }
}
