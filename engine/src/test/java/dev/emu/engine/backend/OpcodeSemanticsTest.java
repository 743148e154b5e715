package dev.emu.engine.backend;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.mem.GuestMemory;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every value-computing opcode on edge values, against a reference written here from Opcode's
 * documentation (128-bit products and unsigned division through BigInteger), with operands in
 * registers and as constants.
 */
class OpcodeSemanticsTest {
    static final long[] EDGES = {0, 1, -1, 2, -2, 3, 7, 31, 32, 63, 64, 65, 127, 128, 255, 256, 0x7fff, 0x8000,
        0xffff, 0x10000, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffffffffL, 0x100000000L, 0x80000000L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0x123456789abcdef0L, 0xfedcba9876543210L};

    private static final Opcode[] BINARY = {Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.MULH, Opcode.MULHU,
        Opcode.MULHSU, Opcode.DIV, Opcode.DIVU, Opcode.REM, Opcode.REMU, Opcode.AND, Opcode.OR, Opcode.XOR,
        Opcode.SHL, Opcode.SHR, Opcode.SAR};
    private static final Opcode[] UNARY = {Opcode.SEXT8, Opcode.SEXT16, Opcode.SEXT32, Opcode.ZEXT8, Opcode.ZEXT16,
        Opcode.ZEXT32};
    /** Results: binary ops, then SETCC per Cond, unary ops, SELECT on each input. */
    private static final int RESULTS = BINARY.length + Cond.values().length + UNARY.length + 2;

    private final BytecodeBackend backend = new BytecodeBackend();

    @Test
    void registerOperands() {
        CompiledBlock code = backend.compile(allOps(null, null));
        List<long[]> pairs = pairs();
        for (long[] p : pairs) {
            Vcpu cpu = newCpu();
            cpu.regs[0] = p[0];
            cpu.regs[1] = p[1];
            assertEquals(0, code.run(cpu));
            check(cpu, p[0], p[1]);
        }
    }

    @Test
    void constantOperands() {
        for (long b : EDGES) {
            CompiledBlock code = backend.compile(allOps(null, b));
            for (long a : EDGES) {
                Vcpu cpu = newCpu();
                cpu.regs[0] = a;
                code.run(cpu);
                check(cpu, a, b);
            }
        }
        for (int i = 0; i < EDGES.length; i += 3) {
            long a = EDGES[i];
            long b = EDGES[EDGES.length - 1 - i];
            Vcpu cpu = newCpu();
            backend.compile(allOps(a, b)).run(cpu);
            check(cpu, a, b);
        }
    }

    private static List<long[]> pairs() {
        List<long[]> pairs = new ArrayList<>();
        for (long a : EDGES) {
            for (long b : EDGES) {
                pairs.add(new long[] {a, b});
            }
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            pairs.add(new long[] {r.nextLong(), r.nextInt(4) == 0 ? r.nextInt(130) - 1 : r.nextLong()});
        }
        return pairs;
    }

    /** These blocks do not touch memory: one empty address space serves them all. */
    private static final GuestMemory MEMORY = new GuestMemory();

    static Vcpu newCpu() {
        return new Vcpu(0, 64, MEMORY);
    }

    /** Inputs from slots 0 and 1, or constants when given; results to slots 2 on. */
    private static IrBlock allOps(Long constA, Long constB) {
        IrBlock block = new IrBlock(0x1000);
        IrBuilder b = new IrBuilder(block);
        b.insnStart(0x1000, 4);
        int x = constA == null ? b.get(0) : b.constant(constA);
        int y = constB == null ? b.get(1) : b.constant(constB);
        int slot = 2;
        for (Opcode op : BINARY) {
            int v = switch (op) {
                case ADD -> b.add(x, y);
                case SUB -> b.sub(x, y);
                case MUL -> b.mul(x, y);
                case MULH -> b.mulh(x, y);
                case MULHU -> b.mulhu(x, y);
                case MULHSU -> b.mulhsu(x, y);
                case DIV -> b.div(x, y);
                case DIVU -> b.divu(x, y);
                case REM -> b.rem(x, y);
                case REMU -> b.remu(x, y);
                case AND -> b.and(x, y);
                case OR -> b.or(x, y);
                case XOR -> b.xor(x, y);
                case SHL -> b.shl(x, y);
                case SHR -> b.shr(x, y);
                case SAR -> b.sar(x, y);
                default -> throw new AssertionError(op);
            };
            b.set(slot++, v);
        }
        for (Cond c : Cond.values()) {
            b.set(slot++, b.setcc(c, x, y));
        }
        for (Opcode op : UNARY) {
            int v = switch (op) {
                case SEXT8 -> b.sext8(x);
                case SEXT16 -> b.sext16(x);
                case SEXT32 -> b.sext32(x);
                case ZEXT8 -> b.zext8(x);
                case ZEXT16 -> b.zext16(x);
                case ZEXT32 -> b.zext32(x);
                default -> throw new AssertionError(op);
            };
            b.set(slot++, v);
        }
        b.set(slot++, b.select(x, x, y));
        b.set(slot++, b.select(y, x, y));
        b.gotoPc(0x1004);
        return block;
    }

    private static void check(Vcpu cpu, long a, long b) {
        int slot = 2;
        String where = " of 0x" + Long.toHexString(a) + ", 0x" + Long.toHexString(b);
        for (Opcode op : BINARY) {
            assertEquals(expected(op, a, b), cpu.regs[slot++], op + where);
        }
        for (Cond c : Cond.values()) {
            assertEquals(expected(c, a, b) ? 1L : 0L, cpu.regs[slot++], "SETCC " + c + where);
        }
        for (Opcode op : UNARY) {
            assertEquals(expected(op, a, 0), cpu.regs[slot++], op + where);
        }
        assertEquals(a != 0 ? a : b, cpu.regs[slot++], "SELECT" + where);
        assertEquals(b != 0 ? a : b, cpu.regs[slot++], "SELECT" + where);
        assertEquals(0x1004, cpu.pc);
        assertEquals(RESULTS + 2, slot);
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger unsigned(long v) {
        BigInteger x = BigInteger.valueOf(v);
        return v < 0 ? x.add(TWO_64) : x;
    }

    static long expected(Opcode op, long a, long b) {
        BigInteger sa = BigInteger.valueOf(a);
        BigInteger sb = BigInteger.valueOf(b);
        int amount = (int) (b & 63);
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MULH -> sa.multiply(sb).shiftRight(64).longValue();
            case MULHU -> unsigned(a).multiply(unsigned(b)).shiftRight(64).longValue();
            case MULHSU -> sa.multiply(unsigned(b)).shiftRight(64).longValue();
            case DIV -> b == 0 ? -1 : a == Long.MIN_VALUE && b == -1 ? Long.MIN_VALUE : sa.divide(sb).longValue();
            case DIVU -> b == 0 ? -1 : unsigned(a).divide(unsigned(b)).longValue();
            case REM -> b == 0 ? a : a == Long.MIN_VALUE && b == -1 ? 0 : sa.remainder(sb).longValue();
            case REMU -> b == 0 ? a : unsigned(a).remainder(unsigned(b)).longValue();
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> unsigned(a).shiftLeft(amount).longValue();
            case SHR -> unsigned(a).shiftRight(amount).longValue();
            case SAR -> sa.shiftRight(amount).longValue();
            case SEXT8 -> sa.testBit(7) ? a | ~0xffL : a & 0xffL;
            case SEXT16 -> sa.testBit(15) ? a | ~0xffffL : a & 0xffffL;
            case SEXT32 -> sa.testBit(31) ? a | ~0xffffffffL : a & 0xffffffffL;
            case ZEXT8 -> a & 0xffL;
            case ZEXT16 -> a & 0xffffL;
            case ZEXT32 -> a & 0xffffffffL;
            default -> throw new AssertionError(op);
        };
    }

    static boolean expected(Cond c, long a, long b) {
        int signed = BigInteger.valueOf(a).compareTo(BigInteger.valueOf(b));
        int uns = unsigned(a).compareTo(unsigned(b));
        return switch (c) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> signed < 0;
            case GE -> signed >= 0;
            case LTU -> uns < 0;
            case GEU -> uns >= 0;
        };
    }
}
