package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.Encoding;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.Fields;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.decode.RiscvEncodings;
import dev.emu.isa.riscv.translate.Sequence.Fixed;
import dev.emu.isa.riscv.translate.Sequence.Item;
import dev.emu.isa.riscv.translate.Sequence.Transfer;
import dev.emu.isa.riscv.translate.Sequence.Via;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Random sequences for the qemu differential test, drawn from the decode tables: every canonical
 * row of RV64GC + Zba/Zbb/Zbc/Zbs except the system instructions, the counters and the known
 * qemu 7.2 bugs, with random operand fields (so every static rounding mode, dyn, every shift
 * amount and register), loads, stores and atomics through the base register into the scratch
 * area (compressed ones when the base is x8-x15 or sp), forward branches and jumps (direct, and
 * auipc-based jalr/c.jr/c.jalr), and the fflags/frm/fcsr CSR instructions with values that keep
 * frm valid. Start states mix random values with the special ones (0, -1, extremes; NaNs,
 * infinities, zeros, subnormals, improperly NaN-boxed singles), frm 0-4 and random fflags.
 */
final class SequenceGenerator {
    /** Bytes of scratch memory at the start of each state block. */
    static final int SCRATCH_SIZE = 256;
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 60;

    private static final RiscvDecoder DECODER = new RiscvDecoder(Extension.all());
    /** Never generated: they trap, stop the process or depend on time. */
    private static final Set<String> SYSTEM = Set.of("ecall", "ebreak", "c.ebreak", "unimp", "c.unimp", "uret", "sret",
            "mret", "hret", "dret", "wfi", "sfence.vm", "sfence.vma");
    /**
     * qemu-user 7.2 counts ctzw's trailing zeros across all 64 bits when the low word is zero
     * (63 for 0x8000000000000000, where the specification says 32; see test/guest/isa/README.md):
     * qemu's gen_ctzw lacks the bit-32 guard. The unit tests and zbb.S check it instead.
     */
    private static final Set<String> QEMU_BUGS = Set.of("ctzw");
    /** Placed by hand (transfers, memory, atomics, CSRs), not from random operand bits. */
    private static final Set<String> PLACED = Set.of("beq", "bne", "blt", "bge", "bltu", "bgeu", "c.beqz", "c.bnez",
            "jal", "jalr", "c.j", "c.jr", "c.jalr", "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd",
            "flw", "fld", "fsw", "fsd", "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci");
    private static final String[] BRANCHES = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "flw", "fld"};
    private static final String[] STORES = {"sb", "sh", "sw", "sd", "fsw", "fsd"};
    private static final int FFLAGS = 1, FRM = 2, FCSR = 3;

    private final List<Encoding> integerRows = rows(e -> Set.of(Extension.I, Extension.M, Extension.C, Extension.ZBA,
            Extension.ZBB, Extension.ZBC, Extension.ZBS, Extension.ZIFENCEI).containsAll(e.requires()));
    private final List<Encoding> fpRows = rows(e -> e.requires().contains(Extension.F) || e.requires().contains(Extension.D));
    private final List<Encoding> compressedMemory = RiscvEncodings.all().stream()
            .filter(e -> !e.alias() && e.isCompressed() && e.name().matches("c\\.f?[ls][wd](sp)?")).toList();
    private final List<Encoding> amos = RiscvEncodings.all().stream()
            .filter(e -> !e.alias() && e.name().startsWith("amo")).toList();
    private final Map<String, Integer> assembled = new HashMap<>();

    /** The canonical rows that take random operand bits. */
    private static List<Encoding> rows(Predicate<Encoding> which) {
        return RiscvEncodings.all().stream().filter(e -> !e.alias() && which.test(e) && !SYSTEM.contains(e.name())
                && !QEMU_BUGS.contains(e.name()) && !PLACED.contains(e.name()) && !e.requires().contains(Extension.A)
                && !compressedMemoryName(e.name())).toList();
    }

    /** True for the canonical rows sequences are meant to hold. */
    static boolean generates(Encoding e) {
        return !e.alias() && !SYSTEM.contains(e.name()) && !QEMU_BUGS.contains(e.name());
    }

    private static boolean compressedMemoryName(String name) {
        return name.matches("c\\.f?[ls][wd](sp)?");
    }

    /** The sequence number {@code index} of the run seeded {@code seed}: the same pair always gives the same sequence. */
    Sequence sequence(long seed, long index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int base = 1 + random.nextInt(31);
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = StartValues.integer(random);
        }
        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            f[i] = StartValues.floating(random);
        }
        byte[] scratch = new byte[SCRATCH_SIZE];
        random.nextBytes(scratch);
        int fcsr = random.nextInt(5) << 5 | random.nextInt(32);
        Flavor flavor = Flavor.values()[random.nextInt(Flavor.values().length)];
        return new Sequence(base, x, f, fcsr, scratch, body(random, base, flavor));
    }

    /** What a sequence mostly holds: weights of integer, FP, memory, atomic, transfer and CSR items. */
    private enum Flavor {
        INTEGER(60, 5, 15, 3, 15, 2), FLOAT(15, 60, 12, 0, 8, 5), ATOMIC(35, 5, 10, 40, 8, 2), MIXED(35, 30, 12, 8, 10, 5);

        final int[] weights;

        Flavor(int... weights) {
            this.weights = weights;
        }

        int pick(Random random) {
            int r = random.nextInt(Arrays.stream(weights).sum());
            int k = 0;
            while (r >= weights[k]) {
                r -= weights[k++];
            }
            return k;
        }
    }

    private List<Item> body(Random random, int base, Flavor flavor) {
        int length = MIN_LENGTH + random.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
        String lrWidth = random.nextBoolean() ? ".w" : ".d"; // an sc of another width than its lr is undefined
        List<Item> body = new ArrayList<>();
        while (body.size() < length) {
            int at = body.size();
            switch (flavor.pick(random)) {
                case 0 -> body.add(new Fixed(randomWord(random, integerRows, base)));
                case 1 -> body.add(new Fixed(randomWord(random, fpRows, base)));
                case 2 -> body.add(new Fixed(memory(random, base)));
                case 3 -> atomics(random, base, lrWidth, body);
                case 4 -> body.add(transfer(random, base, at, length));
                default -> body.add(new Fixed(csr(random, base)));
            }
        }
        // a transfer placed near the end may aim past the last item: send it to the end
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i) instanceof Transfer t && t.target() > body.size()) {
                body.set(i, new Transfer(t.via(), t.name(), t.a(), t.b(), body.size()));
            }
        }
        return body;
    }

    /** A word of a random row with random operand bits that decodes back to that row and does not write the base. */
    private static int randomWord(Random random, List<Encoding> rows, int base) {
        while (true) {
            Encoding e = rows.get(random.nextInt(rows.size()));
            int free = e.isCompressed() ? ~e.pattern().mask() & 0xffff : ~e.pattern().mask();
            int word = e.pattern().match() | (random.nextInt() & free);
            if (DECODER.decode(word) == e && integerDestination(e, word) != base) {
                return word;
            }
        }
    }

    /** The integer register a generated word writes, or -1: read from the row's syntax. */
    static int integerDestination(Encoding e, int word) {
        String first = e.syntax().split("[,(]")[0];
        if (!e.isCompressed()) {
            return first.equals("rd") ? Fields.rd(word) : -1;
        }
        return switch (first) {
            case "rd" -> e.name().equals("c.jr") ? -1 : e.name().equals("c.jalr") ? 1 : Fields.rd(word);
            case "crs1p" -> e.name().startsWith("c.b") ? -1 : Fields.cRs1Prime(word);
            case "crs2p" -> e.name().equals("c.addi4spn") || e.name().matches("c\\.l[wd]") ? Fields.cRs2Prime(word) : -1;
            case "sp" -> 2;
            default -> -1;
        };
    }

    private int register(Random random, int base) {
        int r;
        do {
            r = random.nextInt(32);
        } while (r == base);
        return r;
    }

    /** A load or store at base + offset inside the scratch area, compressed when the base allows it. */
    private int memory(Random random, int base) {
        boolean compressible = base == 2 || base >= 8 && base <= 15;
        if (compressible && random.nextInt(3) == 0) {
            for (int tries = 0; tries < 1000; tries++) {
                Encoding e = compressedMemory.get(random.nextInt(compressedMemory.size()));
                int word = e.pattern().match() | (random.nextInt() & ~e.pattern().mask() & 0xffff);
                if (DECODER.decode(word) == e && compressedAccessFits(e, word, base)) {
                    return word;
                }
            }
        }
        boolean load = random.nextBoolean();
        String name = load ? LOADS[random.nextInt(LOADS.length)] : STORES[random.nextInt(STORES.length)];
        int size = name.endsWith("d") ? 8 : name.endsWith("w") || name.endsWith("wu") ? 4 : name.matches("s?l?hu?") ? 2 : 1;
        int offset = random.nextInt(SCRATCH_SIZE - size + 1);
        int reg = name.startsWith("f") ? random.nextInt(32) : load ? register(random, base) : random.nextInt(32);
        return asm(name, reg, offset, base);
    }

    /** True when a compressed access uses the base, stays in the scratch area and does not load into the base. */
    private static boolean compressedAccessFits(Encoding e, int word, int base) {
        String n = e.name();
        boolean stack = n.endsWith("sp");
        int size = n.contains("w") ? 4 : 8;
        int offset;
        if (stack) {
            offset = n.startsWith("c.l") || n.startsWith("c.fl")
                    ? (size == 4 ? Fields.cLwspOffset(word) : Fields.cLdspOffset(word))
                    : (size == 4 ? Fields.cSwspOffset(word) : Fields.cSdspOffset(word));
        } else {
            offset = size == 4 ? Fields.cLwOffset(word) : Fields.cLdOffset(word);
        }
        int addressReg = stack ? 2 : Fields.cRs1Prime(word);
        return addressReg == base && offset + size <= SCRATCH_SIZE && integerDestination(e, word) != base;
    }

    /** An AMO on the doubleword at the base, or an lr, some base arithmetic and an sc of the same width. */
    private void atomics(Random random, int base, String width, List<Item> body) {
        if (random.nextInt(3) > 0) {
            Encoding amo = amos.get(random.nextInt(amos.size()));
            body.add(new Fixed(asm(amo.name(), register(random, base), random.nextInt(32), base)));
            return;
        }
        String order = List.of("", ".aq", ".rl", ".aqrl").get(random.nextInt(4));
        body.add(new Fixed(asm("lr" + width + order, register(random, base), base)));
        for (int i = random.nextInt(4); i > 0; i--) {
            body.add(new Fixed(randomWord(random, integerRows, base)));
        }
        if (random.nextInt(4) > 0) {
            String scOrder = List.of("", ".aq", ".rl", ".aqrl").get(random.nextInt(4));
            body.add(new Fixed(asm("sc" + width + scOrder, register(random, base), random.nextInt(32), base)));
        }
    }

    /** A forward transfer from item {@code at} to one of the next few items (or the end). */
    private Transfer transfer(Random random, int base, int at, int length) {
        int target = Math.min(at + 1 + random.nextInt(6), length);
        int kind = random.nextInt(10);
        if (kind < 5) {
            return new Transfer(Via.BRANCH, BRANCHES[random.nextInt(BRANCHES.length)], random.nextInt(32), random.nextInt(32), target);
        }
        if (kind < 7) {
            return new Transfer(Via.COMPRESSED_BRANCH, random.nextBoolean() ? "c.beqz" : "c.bnez", 8 + random.nextInt(8), 0, target);
        }
        if (kind == 7) {
            return random.nextBoolean() ? new Transfer(Via.JAL, "jal", register(random, base), 0, target)
                    : new Transfer(Via.C_J, "c.j", 0, 0, target);
        }
        int via = random.nextInt(base == 1 ? 2 : 3); // c.jalr writes ra
        int scratchReg;
        do {
            scratchReg = register(random, base);
        } while (scratchReg == 0);
        return switch (via) {
            case 0 -> new Transfer(Via.AUIPC_JALR, "jalr", register(random, base), scratchReg, target);
            case 1 -> new Transfer(Via.AUIPC_ADDI_C_JR, "c.jr", 0, scratchReg, target);
            default -> new Transfer(Via.AUIPC_ADDI_C_JALR, "c.jalr", 1, scratchReg, target);
        };
    }

    /**
     * A CSR instruction on fflags, frm or fcsr. Writes keep frm at 0-4 (a dynamic rounding mode
     * of 5-7 makes the next FP instruction illegal): register writes only to fflags, immediate
     * writes of frm only 0-4, set-bits on frm never.
     */
    private int csr(Random random, int base) {
        int rd = register(random, base);
        int uimm = random.nextInt(32);
        return switch (random.nextInt(6)) {
            case 0 -> asm(random.nextBoolean() ? "csrrs" : "csrrc", rd, FFLAGS + random.nextInt(3), 0);
            case 1 -> asm(List.of("csrrw", "csrrs", "csrrc").get(random.nextInt(3)), rd, FFLAGS, random.nextInt(32));
            case 2 -> asm("csrrwi", rd, FRM, random.nextInt(5));
            case 3 -> asm("csrrci", rd, FRM, uimm);
            case 4 -> asm(List.of("csrrwi", "csrrsi", "csrrci").get(random.nextInt(3)), rd, FFLAGS, uimm);
            default -> asm(List.of("csrrwi", "csrrsi", "csrrci").get(random.nextInt(3)), rd, FCSR, uimm);
        };
    }

    /** {@link Asm#asm}, remembered: the same few forms come back thousands of times. */
    int asm(String name, long... operands) {
        String key = name + Arrays.toString(operands);
        Integer word = assembled.get(key);
        if (word == null) {
            word = Asm.asm(name, operands);
            assembled.put(key, word);
        }
        return word;
    }
}
