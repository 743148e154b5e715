package dev.emu.engine.instrument;

import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.MemoryDirection;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;

import java.util.Objects;

/**
 * The {@link Instruction} handle of one instruction of a block being translated. Its text and
 * symbol are computed on request, from the frontend that translated it.
 */
final class InstructionHandle extends PointHandle implements Instruction {
    private final long vaddr;
    private final int size;
    private final GuestFrontend frontend;
    private final GuestMemory code;

    InstructionHandle(Instrumentation owner, long vaddr, int size, GuestFrontend frontend, GuestMemory code) {
        super(owner);
        this.vaddr = vaddr;
        this.size = size;
        this.frontend = frontend;
        this.code = code;
    }

    @Override
    String kind() {
        return "instruction";
    }

    @Override
    public long vaddr() {
        check();
        return vaddr;
    }

    @Override
    public int size() {
        check();
        return size;
    }

    @Override
    public byte[] bytes() {
        check();
        // Instructions are whole 16-bit parcels (RISC-V); it was fetched, so it is still readable.
        byte[] b = new byte[size];
        for (int i = 0; i + 1 < size; i += 2) {
            int parcel = code.fetch16(vaddr + i);
            b[i] = (byte) parcel;
            b[i + 1] = (byte) (parcel >>> 8);
        }
        return b;
    }

    @Override
    public String disassembly() {
        check();
        return frontend.disassemble(vaddr, code);
    }

    @Override
    public String symbol() {
        check();
        return frontend.symbolAt(vaddr);
    }

    @Override
    public void onMemory(MemoryCallback callback, MemoryDirection direction, RegisterAccess access) {
        check();
        attached.add(new Attachment.MemoryCall(Objects.requireNonNull(callback), Objects.requireNonNull(direction),
                Objects.requireNonNull(access)));
    }

    @Override
    public void inlineMemoryAdd(MemoryDirection direction, Scoreboard board, int slot, long value) {
        check();
        attached.add(new Attachment.MemoryInline(Objects.requireNonNull(direction), owner.boardId(board, slot), slot, value));
    }
}
