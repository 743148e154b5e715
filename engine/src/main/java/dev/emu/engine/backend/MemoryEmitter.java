package dev.emu.engine.backend;

import dev.emu.engine.mem.PageAccess;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static dev.emu.engine.backend.BlockEmitter.MEMORY;
import static dev.emu.engine.backend.BlockEmitter.MEMORY_DESC;
import static org.objectweb.asm.Opcodes.*;

/**
 * Guest loads and stores written into the translated method itself: a small software TLB in
 * the method's locals. Each entry is a page's base address (its tag) and the page's host array;
 * an aligned access whose page matches an entry is one Unsafe get or put, with no call. A miss
 * asks GuestMemory for the page's array ({@link dev.emu.engine.mem.GuestMemory#readablePage}) and
 * fills the entry; when there is none (unmapped, forbidden, never written, holds code, or the
 * access is misaligned) the access goes through GuestMemory's static load/store, which handles
 * every case, faults included, exactly as before.
 *
 * <p>Why: a call per access costs more than the access. HotSpot inlines only so much into one
 * method, and big regions ran out of budget, leaving real calls in hot loops; every call also
 * forces the guest registers held in locals out of host registers. A tag compare keeps them in.
 *
 * <p>Entries: {@link #ENTRIES} for reads and as many for writes, chosen by the base register
 * of the address (BlockAnalysis.baseSlot), so a loop that reads an array through one register
 * and its stack through another hits on both. Entries start empty each time the method is
 * entered and live across the blocks of a region, so the loops of a region hit.
 *
 * <p>Validity: an entry can go stale only when the page's array stops being its array or its
 * permissions shrink: munmap, mprotect, mremap, or the page gaining translated code. In this
 * vCPU those happen in syscalls or in the run loop, never while a translated method runs. Another
 * vCPU thread changing the mapping is seen when this one next leaves its method (a race a
 * correct program does not have: it must not use memory another thread is unmapping).
 */
final class MemoryEmitter {
    /** Off with {@code -Demu.inlineMemory=false} (to measure) or when Unsafe cannot be used. */
    static final boolean ENABLED = PageAccess.FAST && !"false".equals(System.getProperty("emu.inlineMemory"));
    static final int ENTRIES = Integer.getInteger("emu.inlineMemory.entries", 4);
    /** Locals used: the address (long) and per entry a tag (long) and an array, for reads and writes. */
    static final int LOCALS = 2 + 2 * ENTRIES * 3;

    private static final String ACCESS = "dev/emu/engine/mem/PageAccess";
    private static final String UNSAFE = "sun/misc/Unsafe";
    private static final String UNSAFE_DESC = "L" + UNSAFE + ";";
    private static final long PAGE_MASK = dev.emu.engine.mem.GuestMemory.PAGE_MASK;

    private final MethodVisitor mv;
    private final int mem;
    private final int address;
    private final int firstEntry;

    /** {@code firstLocal}: the first of {@link #LOCALS} locals this emitter owns. */
    MemoryEmitter(MethodVisitor mv, int memLocal, int firstLocal) {
        this.mv = mv;
        this.mem = memLocal;
        this.address = firstLocal;
        this.firstEntry = firstLocal + 2;
    }

    /** At method entry: every entry empty. No masked address equals -1, so the tag never matches. */
    void emitEntry() {
        for (int e = 0; e < 2 * ENTRIES; e++) {
            mv.visitLdcInsn(-1L);
            mv.visitVarInsn(LSTORE, tag(e));
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, page(e));
        }
    }

    /**
     * The address is on the stack; leaves the loaded value, extended to a long as the IR's LOAD
     * says (zero- or sign-extended from size bytes).
     */
    void load(int size, boolean signed, int baseSlot) {
        int e = entry(baseSlot, false);
        Label hit = new Label();
        Label miss = new Label();
        Label full = new Label();
        Label done = new Label();
        mv.visitVarInsn(LSTORE, address);
        compareTag(size, e, miss);
        mv.visitLabel(hit);
        mv.visitFieldInsn(GETSTATIC, ACCESS, "U", UNSAFE_DESC);
        pushHostAddress(e);
        switch (size) {
            case 1 -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getByte", "(Ljava/lang/Object;J)B", false);
            case 2 -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getShort", "(Ljava/lang/Object;J)S", false);
            case 4 -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getInt", "(Ljava/lang/Object;J)I", false);
            default -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getLong", "(Ljava/lang/Object;J)J", false);
        }
        if (size < 8) {
            // Unsafe's value comes sign-extended from size bytes.
            if (signed) {
                mv.visitInsn(I2L);
            } else if (size == 4) {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xffffffffL);
                mv.visitInsn(LAND);
            } else {
                mv.visitLdcInsn((1 << (8 * size)) - 1);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
            }
        }
        mv.visitJumpInsn(GOTO, done);
        fill(size, e, "readablePage", miss, hit, full);
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, address);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "load" + 8 * size, "(" + MEMORY_DESC + "J)J", false);
        if (signed && size < 8) {
            mv.visitInsn(L2I);
            if (size < 4) {
                mv.visitInsn(size == 1 ? I2B : I2S);
            }
            mv.visitInsn(I2L);
        }
        mv.visitLabel(done);
    }

    /** The address is on the stack; {@code pushValue} pushes the long to store (it may run twice). */
    void store(int size, int baseSlot, Runnable pushValue) {
        int e = entry(baseSlot, true);
        Label hit = new Label();
        Label miss = new Label();
        Label full = new Label();
        Label done = new Label();
        mv.visitVarInsn(LSTORE, address);
        compareTag(size, e, miss);
        mv.visitLabel(hit);
        mv.visitFieldInsn(GETSTATIC, ACCESS, "U", UNSAFE_DESC);
        pushHostAddress(e);
        pushValue.run();
        if (size < 8) {
            mv.visitInsn(L2I);
        }
        switch (size) {
            case 1 -> {
                mv.visitInsn(I2B);
                mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "putByte", "(Ljava/lang/Object;JB)V", false);
            }
            case 2 -> {
                mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "putShort", "(Ljava/lang/Object;JS)V", false);
            }
            case 4 -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "putInt", "(Ljava/lang/Object;JI)V", false);
            default -> mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "putLong", "(Ljava/lang/Object;JJ)V", false);
        }
        mv.visitJumpInsn(GOTO, done);
        fill(size, e, "writablePage", miss, hit, full);
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, address);
        pushValue.run();
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "store" + 8 * size, "(" + MEMORY_DESC + "JJ)V", false);
        mv.visitLabel(done);
    }

    /**
     * Jumps to miss unless the address is aligned for size and in entry e's page: masking keeps
     * the page bits and the bits that must be zero, so one compare tests both.
     */
    private void compareTag(int size, int e, Label miss) {
        mv.visitVarInsn(LLOAD, address);
        mv.visitLdcInsn(~PAGE_MASK | (size - 1));
        mv.visitInsn(LAND);
        mv.visitVarInsn(LLOAD, tag(e));
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
    }

    /** The Unsafe (array, offset) pair of the address inside entry e's page. */
    private void pushHostAddress(int e) {
        mv.visitVarInsn(ALOAD, page(e));
        mv.visitVarInsn(LLOAD, address);
        mv.visitLdcInsn(PAGE_MASK);
        mv.visitInsn(LAND);
        mv.visitLdcInsn(PageAccess.BASE);
        mv.visitInsn(LADD);
    }

    /**
     * The miss path: look the page up; with an array, fill the entry and retry the hit path;
     * without one, fall into the full path that follows (emitted by the caller after this).
     */
    private void fill(int size, int e, String lookup, Label miss, Label hit, Label full) {
        mv.visitLabel(miss);
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, address);
        mv.visitLdcInsn(size);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, lookup, "(" + MEMORY_DESC + "JI)[B", false);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, full);
        mv.visitVarInsn(ASTORE, page(e));
        mv.visitVarInsn(LLOAD, address);
        mv.visitLdcInsn(~PAGE_MASK);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, tag(e));
        mv.visitJumpInsn(GOTO, hit);
        mv.visitLabel(full);
        mv.visitInsn(POP);
    }

    private static int entry(int baseSlot, boolean write) {
        int e = baseSlot < 0 ? 0 : baseSlot % ENTRIES;
        return write ? ENTRIES + e : e;
    }

    private int tag(int e) {
        return firstEntry + 3 * e;
    }

    private int page(int e) {
        return firstEntry + 3 * e + 2;
    }
}
