package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.Encoding;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.Fields;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.decode.RiscvEncodings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test assembler driven by the decode tables: {@code asm("addi", A0, A1, -5)} takes the
 * canonical row named addi, reads its syntax ({@code rd,rs1,imm}) for the operand order and
 * fills the fields. Branch and jump operands are byte offsets; {@code sp} in a compressed
 * syntax is implicit. Compressed words are found by searching the 16-bit space for the word
 * whose fields hold the operands. Every result is checked to decode back to the named row.
 */
final class Asm {
    private Asm() {}

    // ABI register numbers
    static final int ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9;
    static final int A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;
    static final int S2 = 18, T3 = 28, T4 = 29, T5 = 30, T6 = 31;

    private static final RiscvDecoder DECODER = new RiscvDecoder(Extension.all());
    private static final Pattern OPERAND = Pattern.compile("[a-z0-9]+");

    static int asm(String name, long... operands) {
        List<String> tried = new ArrayList<>();
        for (Encoding e : RiscvEncodings.all()) {
            if (e.alias() || !e.name().equals(name)) {
                continue;
            }
            List<String> fields = operandNames(e);
            tried.add(e.syntax());
            if (fields.size() != operands.length) {
                continue;
            }
            int word = e.isCompressed() ? searchCompressed(e, fields, operands) : encodeFull(e, fields, operands);
            Encoding back = DECODER.decode(word);
            if (back == null || !back.name().equals(name)) {
                throw new IllegalArgumentException(name + " " + java.util.Arrays.toString(operands)
                        + " assembles to 0x" + Integer.toHexString(word) + ", which decodes as " + back);
            }
            return word;
        }
        throw new IllegalArgumentException("no canonical row " + name + " takes " + operands.length + " operands: " + tried);
    }

    private static List<String> operandNames(Encoding e) {
        List<String> names = new ArrayList<>();
        Matcher m = OPERAND.matcher(e.syntax());
        while (m.find()) {
            if (!m.group().equals("sp")) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static int encodeFull(Encoding e, List<String> fields, long[] operands) {
        int word = e.pattern().match();
        for (int i = 0; i < fields.size(); i++) {
            int v = (int) operands[i];
            word |= switch (fields.get(i)) {
                case "rd", "frd" -> v << 7;
                case "rs1", "frs1", "uimm" -> v << 15;
                case "rs2", "frs2" -> v << 20;
                case "frs3" -> v << 27;
                case "imm", "ofs", "csr" -> v << 20;
                case "sofs" -> (v >> 5) << 25 | (v & 0x1f) << 7;
                case "hi20" -> v << 12;
                case "btarget" -> ((v >> 12) & 1) << 31 | ((v >> 5) & 0x3f) << 25 | ((v >> 1) & 0xf) << 8 | ((v >> 11) & 1) << 7;
                case "jtarget" -> ((v >> 20) & 1) << 31 | ((v >> 1) & 0x3ff) << 21 | ((v >> 11) & 1) << 20 | ((v >> 12) & 0xff) << 12;
                case "shamt", "shamtw" -> v << 20;
                case "rm" -> v << 12;
                case "pred" -> v << 24;
                case "succ" -> v << 20;
                default -> throw new IllegalArgumentException("cannot encode operand " + fields.get(i));
            };
        }
        return word;
    }

    private static int searchCompressed(Encoding e, List<String> fields, long[] operands) {
        List<IntUnaryOperator> readers = fields.stream().map(Asm::compressedField).toList();
        int mask = e.pattern().mask();
        int match = e.pattern().match();
        for (int word = 0; word < 0x10000; word++) {
            if ((word & mask) != match || !e.matches(word)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < readers.size() && all; i++) {
                all = readers.get(i).applyAsInt(word) == operands[i];
            }
            if (all) {
                return word;
            }
        }
        throw new IllegalArgumentException("no " + e.name() + " word holds " + java.util.Arrays.toString(operands));
    }

    private static IntUnaryOperator compressedField(String name) {
        return switch (name) {
            case "rd", "frd", "crs1rd" -> Fields::rd;
            case "crs2", "cfrs2" -> Fields::cRs2;
            case "crs1p" -> Fields::cRs1Prime;
            case "crs2p", "cfrs2p" -> Fields::cRs2Prime;
            case "cimm" -> Fields::cImm;
            case "cshamt" -> w -> Fields.cImm(w) & 0x3f;
            case "chi20" -> Fields::cLuiImm;
            case "clwofs" -> Fields::cLwOffset;
            case "cldofs" -> Fields::cLdOffset;
            case "clwspofs" -> Fields::cLwspOffset;
            case "cldspofs" -> Fields::cLdspOffset;
            case "cswspofs" -> Fields::cSwspOffset;
            case "csdspofs" -> Fields::cSdspOffset;
            case "caddi4spn" -> Fields::cAddi4spnImm;
            case "caddi16sp" -> Fields::cAddi16spImm;
            case "cbtarget" -> Fields::cBranchOffset;
            case "cjtarget" -> Fields::cJumpOffset;
            default -> throw new IllegalArgumentException("cannot encode compressed operand " + name);
        };
    }
}
