package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.RiscvDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A static riscv64 Linux program that runs many {@link Sequence}s one after the other, written
 * straight to ELF bytes (no assembler or linker needed).
 *
 * <p>Each sequence owns a state block in the data segment: the scratch area, then x0..x31,
 * f0..f31 and fcsr. Its code points the base register at the block (auipc + addi), loads fcsr,
 * the f and the x registers from it, runs the body, stores every register and fcsr back over
 * the start values, and writes the block to stdout. The process ends with exit(0), so stdout
 * holds one block per sequence that ran, in order.
 */
final class BatchProgram {
    static final int X_OFFSET = SequenceGenerator.SCRATCH_SIZE;
    static final int F_OFFSET = X_OFFSET + 32 * 8;
    static final int FCSR_OFFSET = F_OFFSET + 32 * 8;
    /** Bytes per state block, a multiple of 16 so every block (and the atomics' doubleword) is aligned. */
    static final int BLOCK = (FCSR_OFFSET + 8 + 15) & ~15;

    private static final long LOAD_ADDRESS = 0x10000;
    private static final int CODE_OFFSET = 0x1000;
    private static final int PAGE = 0x1000;
    private static final int ECALL = 0x00000073;
    private static final int FCSR = 3;
    private static final int A0 = 10, A1 = 11, A2 = 12, A7 = 17;

    private final SequenceGenerator encoder;
    private final List<Sequence> sequences;
    private final long[] bodyStarts;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final long dataAddress;

    BatchProgram(SequenceGenerator encoder, List<Sequence> sequences) {
        this.encoder = encoder;
        this.sequences = sequences;
        this.bodyStarts = new long[sequences.size()];
        // The code's size does not depend on where the data goes: lay it out once to learn it.
        this.dataAddress = LOAD_ADDRESS + align(CODE_OFFSET + emitAll(LOAD_ADDRESS + (1L << 30)));
        code.reset();
        emitAll(dataAddress);
    }

    /** Where body {@code index} starts in guest memory. */
    long bodyStart(int index) {
        return bodyStarts[index];
    }

    /** The number of stdout bytes a complete run writes. */
    int outputSize() {
        return sequences.size() * BLOCK;
    }

    private static int align(long n) {
        return (int) ((n + PAGE - 1) & -PAGE);
    }

    private long pc() {
        return LOAD_ADDRESS + CODE_OFFSET + code.size();
    }

    private int emitAll(long data) {
        for (int i = 0; i < sequences.size(); i++) {
            emitSequence(i, data + (long) i * BLOCK);
        }
        emit(encoder.asm("addi", A7, 0, 93));
        emit(encoder.asm("addi", A0, 0, 0));
        emit(ECALL);
        return code.size();
    }

    private void emitSequence(int index, long block) {
        Sequence s = sequences.get(index);
        int b = s.base();
        int temp = b == 5 ? 6 : 5;
        long delta = block - pc();
        long hi = (delta + 0x800) >> 12;
        emit(encoder.asm("auipc", b, hi & 0xfffff));
        emit(encoder.asm("addi", b, b, delta - (hi << 12)));
        emit(encoder.asm("ld", temp, FCSR_OFFSET, b));
        emit(encoder.asm("csrrw", 0, FCSR, temp));
        for (int r = 0; r < 32; r++) {
            emit(encoder.asm("fld", r, F_OFFSET + 8 * r, b));
        }
        for (int r = 1; r < 32; r++) {
            if (r != b) {
                emit(encoder.asm("ld", r, X_OFFSET + 8 * r, b));
            }
        }
        bodyStarts[index] = pc();
        s.words(pc()).forEach(this::emit);
        for (int r = 1; r < 32; r++) {
            emit(encoder.asm("sd", r, X_OFFSET + 8 * r, b));
        }
        for (int r = 0; r < 32; r++) {
            emit(encoder.asm("fsd", r, F_OFFSET + 8 * r, b));
        }
        emit(encoder.asm("csrrs", temp, FCSR, 0));
        emit(encoder.asm("sd", temp, FCSR_OFFSET, b));
        // write(1, block, BLOCK): take the base before a0, a2 or a7 can overwrite it
        emit(encoder.asm("addi", A1, b, 0));
        emit(encoder.asm("addi", A7, 0, 64));
        emit(encoder.asm("addi", A0, 0, 1));
        emit(encoder.asm("addi", A2, 0, BLOCK));
        emit(ECALL);
    }

    private void emit(int word) {
        int length = RiscvDecoder.length(word & 0xffff);
        for (int i = 0; i < length; i++) {
            code.write(word >>> (8 * i));
        }
    }

    /** The start block of every sequence: scratch, x0..x31 (the base's slot unused), f0..f31, fcsr. */
    private byte[] data() {
        ByteBuffer d = ByteBuffer.allocate(sequences.size() * BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sequences.size(); i++) {
            Sequence s = sequences.get(i);
            int at = i * BLOCK;
            d.put(at, s.scratch());
            for (int r = 0; r < 32; r++) {
                d.putLong(at + X_OFFSET + 8 * r, s.x()[r]);
                d.putLong(at + F_OFFSET + 8 * r, s.f()[r]);
            }
            d.putLong(at + FCSR_OFFSET, s.fcsr());
        }
        return d.array();
    }

    /** The ELF file: header, two PT_LOAD program headers (code r-x, data rw-), no sections. */
    byte[] elf() {
        byte[] text = code.toByteArray();
        byte[] data = data();
        int dataOffset = (int) (dataAddress - LOAD_ADDRESS);
        ByteBuffer f = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        f.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        f.position(16);
        f.putShort((short) 2).putShort((short) 243).putInt(1);          // ET_EXEC, EM_RISCV, EV_CURRENT
        f.putLong(LOAD_ADDRESS + CODE_OFFSET).putLong(64).putLong(0);   // entry, phoff, shoff
        f.putInt(0x5);                                                   // RVC, double-float ABI
        f.putShort((short) 64).putShort((short) 56).putShort((short) 2); // ehsize, phentsize, phnum
        f.putShort((short) 64).putShort((short) 0).putShort((short) 0); // shentsize, shnum, shstrndx
        programHeader(f, 5, 0, CODE_OFFSET + text.length);
        programHeader(f, 6, dataOffset, data.length);
        f.put(CODE_OFFSET, text);
        f.put(dataOffset, data);
        return f.array();
    }

    private static void programHeader(ByteBuffer f, int flags, long offset, long size) {
        f.putInt(1).putInt(flags).putLong(offset).putLong(LOAD_ADDRESS + offset).putLong(LOAD_ADDRESS + offset);
        f.putLong(size).putLong(size).putLong(PAGE);
    }

    /** The code of body {@code index} as words, for reports. */
    List<Integer> bodyWords(int index) {
        return new ArrayList<>(sequences.get(index).words(bodyStarts[index]));
    }
}
