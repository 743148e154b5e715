package dev.emu.engine.instrument;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.plugin.PluginContext.TranslationCallback;
import dev.emu.engine.translate.TranslationHook;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugins' block-translation hook: shows each new block to the translation callbacks as
 * handles, then writes what they attached into the block's IR, before the optimiser and either
 * tier see it. Both tiers (and regions, which are made of blocks' IR) therefore run the same
 * instrumentation. A block nothing was attached to keeps its IR untouched.
 *
 * <p>Where things go: block attachments right after the first instruction's INSN_START, then
 * that instruction's own; each instruction's after its INSN_START; memory attachments right
 * after each LOAD or STORE of the instruction (the value is known there). Inline operations are
 * scoreboard ops; callbacks are CALLs (CALL_IF for conditional ones) of {@link PluginCalls}
 * whose register flags are the callback's declared {@link dev.emu.engine.plugin.RegisterAccess}.
 */
final class BlockInstrumenter implements TranslationHook {
    private final Instrumentation owner;

    BlockInstrumenter(Instrumentation owner) {
        this.owner = owner;
    }

    @Override
    public void translated(IrBlock block, GuestFrontend frontend, GuestMemory code) {
        List<InstructionHandle> insns = new ArrayList<>();
        for (IrOp op : block.ops) {
            if (op.op == Opcode.INSN_START) {
                insns.add(new InstructionHandle(owner, op.imm, op.aux, frontend, code));
            }
        }
        BlockHandle handle = new BlockHandle(owner, block.startPc, block.guestBytes, insns);
        try {
            for (TranslationCallback c : owner.translated) {
                c.translated(handle);
            }
        } finally {
            handle.close();
        }
        if (handle.anythingAttached()) {
            rewrite(block, handle);
        }
    }

    private void rewrite(IrBlock block, BlockHandle handle) {
        List<IrOp> out = new ArrayList<>(block.ops.size() * 2);
        int insn = -1;
        for (IrOp op : block.ops) {
            out.add(op);
            if (op.op == Opcode.INSN_START) {
                insn++;
                if (insn == 0) {
                    emitExecution(block, out, handle.attached);
                }
                emitExecution(block, out, handle.instructions.get(insn).attached);
            } else if ((op.op == Opcode.LOAD || op.op == Opcode.STORE) && insn >= 0) {
                emitMemory(block, out, handle.instructions.get(insn).attached, op);
            }
        }
        block.ops.clear();
        block.ops.addAll(out);
    }

    private void emitExecution(IrBlock block, List<IrOp> out, List<Attachment> attached) {
        for (Attachment a : attached) {
            switch (a) {
                case Attachment.Call c -> call(block, out, PluginCalls.EXECUTED[c.access().ordinal()], constant(block, out, c.id()));
                case Attachment.Inline i -> out.add(new IrOp(i.add() ? Opcode.SCOREBOARD_ADD : Opcode.SCOREBOARD_STORE, -1,
                        new int[] {constant(block, out, i.value())}, i.slot(), i.board(), null));
                case Attachment.Conditional c -> conditional(block, out, c);
                case Attachment.MemoryCall m -> { }
                case Attachment.MemoryInline m -> { }
            }
        }
    }

    /** After a LOAD (its result is the value) or a STORE (input 1 is): the instruction's memory attachments. */
    private void emitMemory(IrBlock block, List<IrOp> out, List<Attachment> attached, IrOp access) {
        boolean store = access.op == Opcode.STORE;
        for (Attachment a : attached) {
            if (a instanceof Attachment.MemoryCall m && m.direction().includes(store)) {
                int size = access.aux & 0xf;
                boolean signed = !store && (access.aux & Opcode.SIGNED) != 0;
                int site = owner.memorySiteId(m.callback(), size, signed, store);
                int value = store ? access.args[1] : access.dst;
                call(block, out, PluginCalls.ACCESSED[m.access().ordinal()], constant(block, out, site), access.args[0], value);
            } else if (a instanceof Attachment.MemoryInline m && m.direction().includes(store)) {
                out.add(new IrOp(Opcode.SCOREBOARD_ADD, -1, new int[] {constant(block, out, m.value())}, m.slot(), m.board(), null));
            }
        }
    }

    /**
     * {@code if (board[slot] cmp value) call}: the unsigned comparisons the IR lacks (LE, GT)
     * swap their operands ({@code a <= b} is {@code b >= a}).
     */
    private void conditional(IrBlock block, List<IrOp> out, Attachment.Conditional c) {
        int slot = block.temps++;
        out.add(new IrOp(Opcode.SCOREBOARD_GET, slot, new int[0], c.slot(), c.board(), null));
        int value = constant(block, out, c.value());
        int id = constant(block, out, c.id());
        Cond cond;
        int x = slot;
        int y = value;
        switch (c.comparison()) {
            case EQ -> cond = Cond.EQ;
            case NE -> cond = Cond.NE;
            case LT -> cond = Cond.LTU;
            case GE -> cond = Cond.GEU;
            case LE -> { cond = Cond.GEU; x = value; y = slot; }
            case GT -> { cond = Cond.LTU; x = value; y = slot; }
            default -> throw new IllegalStateException();
        }
        out.add(new IrOp(Opcode.CALL_IF, -1, new int[] {x, y, id}, 0, cond.ordinal(),
                PluginCalls.EXECUTED[c.access().ordinal()]));
    }

    private static void call(IrBlock block, List<IrOp> out, Helper helper, int... args) {
        out.add(new IrOp(Opcode.CALL, -1, args, 0, 0, helper));
    }

    private static int constant(IrBlock block, List<IrOp> out, long value) {
        int t = block.temps++;
        out.add(new IrOp(Opcode.CONST, t, new int[0], value, 0, null));
        return t;
    }
}
