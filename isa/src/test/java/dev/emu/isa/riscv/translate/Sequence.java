package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.RiscvDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * One random test sequence of the qemu differential test: the state it starts from (x1..x31,
 * f0..f31, fcsr, a scratch area) and its body. The body never writes {@link #base}, which holds
 * the address of the sequence's own state block: every memory access and atomic goes through it
 * into the scratch area, which starts the block. Control transfers only go forward, to an
 * instruction of the body or to its end, so no sequence can reach another.
 *
 * @param base    the register that points at the state block (x1..x31)
 * @param x       x0..x31 at the start (x0 and the base's slot are ignored)
 * @param f       f0..f31 at the start, as raw 64-bit patterns
 * @param fcsr    frm (0-4) << 5 | fflags
 * @param scratch the scratch area's bytes at the start
 * @param body    the instructions, some of them branches and jumps still to be placed
 */
record Sequence(int base, long[] x, long[] f, int fcsr, byte[] scratch, List<Item> body) {

    /** An instruction of the body: a fixed word, or a transfer whose offset depends on the layout. */
    sealed interface Item permits Fixed, Transfer {
        /** Bytes the item takes. */
        int size();

        /** The item's words (2- or 4-byte instructions) when it sits at {@code pc} and its target at {@code target}. */
        int[] encode(long pc, long target);
    }

    record Fixed(int word) implements Item {
        @Override
        public int size() {
            return RiscvDecoder.length(word & 0xffff);
        }

        @Override
        public int[] encode(long pc, long target) {
            return new int[] {word};
        }
    }

    /** How a transfer reaches its target. */
    enum Via { BRANCH, COMPRESSED_BRANCH, JAL, C_J, AUIPC_JALR, AUIPC_ADDI_C_JR, AUIPC_ADDI_C_JALR }

    /**
     * A forward transfer to the body's item {@code target} (the body's size for its end). For
     * branches a and b are rs1 and rs2 (a alone for c.beqz/c.bnez), for jal and jalr a is rd,
     * and the auipc forms load the target into b first.
     */
    record Transfer(Via via, String name, int a, int b, int target) implements Item {
        @Override
        public int size() {
            return switch (via) {
                case BRANCH, JAL -> 4;
                case COMPRESSED_BRANCH, C_J -> 2;
                case AUIPC_JALR -> 8;
                case AUIPC_ADDI_C_JR, AUIPC_ADDI_C_JALR -> 10;
            };
        }

        @Override
        public int[] encode(long pc, long target) {
            int offset = (int) (target - pc);
            return switch (via) {
                case BRANCH -> new int[] {Asm.asm(name, a, b, offset)};
                case COMPRESSED_BRANCH -> new int[] {CompressedEncoder.branch(name, a, offset)};
                case JAL -> new int[] {Asm.asm("jal", a, offset)};
                case C_J -> new int[] {CompressedEncoder.jump(offset)};
                case AUIPC_JALR -> new int[] {Asm.asm("auipc", b, 0), Asm.asm("jalr", a, offset, b)};
                case AUIPC_ADDI_C_JR, AUIPC_ADDI_C_JALR -> new int[] {Asm.asm("auipc", b, 0), Asm.asm("addi", b, b, offset),
                        CompressedEncoder.jumpRegister(via == Via.AUIPC_ADDI_C_JALR, b)};
            };
        }
    }

    /** The body's items laid out from {@code start}: each item's address, then the end address. */
    long[] addresses(long start) {
        long[] at = new long[body.size() + 1];
        at[0] = start;
        for (int i = 0; i < body.size(); i++) {
            at[i + 1] = at[i] + body.get(i).size();
        }
        return at;
    }

    /** The body's words when it starts at {@code start}. */
    List<Integer> words(long start) {
        long[] at = addresses(start);
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Item item = body.get(i);
            long target = item instanceof Transfer t ? at[t.target()] : 0;
            for (int w : item.encode(at[i], target)) {
                words.add(w);
            }
        }
        return words;
    }
}
