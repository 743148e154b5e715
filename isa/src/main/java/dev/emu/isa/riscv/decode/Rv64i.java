package dev.emu.isa.riscv.decode;

import java.util.List;

import static dev.emu.isa.riscv.decode.Extension.I;

/**
 * RV64I, the base integer instruction set, with the aliases objdump prints for it. Patterns
 * read most significant bit first; fields are grouped as the specification draws them
 * (R: funct7 rs2 rs1 funct3 rd opcode; I: imm[11:0] rs1 funct3 rd opcode; and so on).
 * Rows no word can reach (an alias shadowed by an earlier row) are left out.
 */
public final class Rv64i implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(I)
                // SYSTEM without CSRs; unimp is the all-ones read-only CSR write objdump names
                .insn("unimp", "110000000000 00000 001 00000 1110011", "")
                .insn("ebreak", "000000000001 00000 000 00000 1110011", "")
                // jumps
                .alias("ret", "000000000000 00001 000 00000 1100111", "")
                .alias("jr", "000000000000 ..... 000 00000 1100111", "rs1")
                .alias("jr", "............ ..... 000 00000 1100111", "ofs(rs1)")
                .alias("jalr", "000000000000 ..... 000 00001 1100111", "rs1")
                .alias("jalr", "............ ..... 000 00001 1100111", "ofs(rs1)")
                .alias("jalr", "000000000000 ..... 000 ..... 1100111", "rd,rs1")
                .insn("jalr", "............ ..... 000 ..... 1100111", "rd,ofs(rs1)")
                .alias("j", ".................... 00000 1101111", "jtarget")
                .alias("jal", ".................... 00001 1101111", "jtarget")
                .insn("jal", ".................... ..... 1101111", "rd,jtarget")
                // upper immediates and immediate moves
                .alias("nop", "000000000000 00000 000 00000 0010011", "")
                .insn("lui", ".................... ..... 0110111", "rd,hi20")
                .alias("li", "............ 00000 000 ..... 0010011", "rd,imm")
                .alias("mv", "000000000000 ..... 000 ..... 0010011", "rd,rs1")
                .alias("zext.b", "000011111111 ..... 111 ..... 0010011", "rd,rs1")
                .insn("and", "0000000 ..... ..... 111 ..... 0110011", "rd,rs1,rs2")
                .alias("and", "............ ..... 111 ..... 0010011", "rd,rs1,imm")
                .insn("andi", "............ ..... 111 ..... 0010011", "rd,rs1,imm")
                // branches
                .alias("beqz", "....... 00000 ..... 000 ..... 1100011", "rs1,btarget")
                .insn("beq", "....... ..... ..... 000 ..... 1100011", "rs1,rs2,btarget")
                .alias("blez", "....... ..... 00000 101 ..... 1100011", "rs2,btarget")
                .alias("bgez", "....... 00000 ..... 101 ..... 1100011", "rs1,btarget")
                .insn("bge", "....... ..... ..... 101 ..... 1100011", "rs1,rs2,btarget")
                .insn("bgeu", "....... ..... ..... 111 ..... 1100011", "rs1,rs2,btarget")
                .alias("bltz", "....... 00000 ..... 100 ..... 1100011", "rs1,btarget")
                .alias("bgtz", "....... ..... 00000 100 ..... 1100011", "rs2,btarget")
                .insn("blt", "....... ..... ..... 100 ..... 1100011", "rs1,rs2,btarget")
                .insn("bltu", "....... ..... ..... 110 ..... 1100011", "rs1,rs2,btarget")
                .alias("bnez", "....... 00000 ..... 001 ..... 1100011", "rs1,btarget")
                .insn("bne", "....... ..... ..... 001 ..... 1100011", "rs1,rs2,btarget")
                // arithmetic; objdump 2.40 names the immediate forms after the register forms
                .insn("add", "0000000 ..... ..... 000 ..... 0110011", "rd,rs1,rs2")
                .alias("add", "............ ..... 000 ..... 0010011", "rd,rs1,imm")
                .insn("addi", "............ ..... 000 ..... 0010011", "rd,rs1,imm")
                .alias("neg", "0100000 ..... 00000 000 ..... 0110011", "rd,rs2")
                .insn("sll", "0000000 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .alias("sll", "000000 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("slli", "000000 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("srl", "0000000 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .alias("srl", "000000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("srli", "000000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("sra", "0100000 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .alias("sra", "010000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("srai", "010000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("sub", "0100000 ..... ..... 000 ..... 0110011", "rd,rs1,rs2")
                // loads
                .insn("lb", "............ ..... 000 ..... 0000011", "rd,ofs(rs1)")
                .insn("lbu", "............ ..... 100 ..... 0000011", "rd,ofs(rs1)")
                .insn("lh", "............ ..... 001 ..... 0000011", "rd,ofs(rs1)")
                .insn("lhu", "............ ..... 101 ..... 0000011", "rd,ofs(rs1)")
                .insn("lw", "............ ..... 010 ..... 0000011", "rd,ofs(rs1)")
                // logic and comparisons
                .alias("not", "111111111111 ..... 100 ..... 0010011", "rd,rs1")
                .alias("or", "............ ..... 110 ..... 0010011", "rd,rs1,imm")
                .insn("or", "0000000 ..... ..... 110 ..... 0110011", "rd,rs1,rs2")
                .insn("ori", "............ ..... 110 ..... 0010011", "rd,rs1,imm")
                .insn("auipc", ".................... ..... 0010111", "rd,hi20")
                .alias("seqz", "000000000001 ..... 011 ..... 0010011", "rd,rs1")
                .alias("snez", "0000000 ..... 00000 011 ..... 0110011", "rd,rs2")
                .alias("sltz", "0000000 00000 ..... 010 ..... 0110011", "rd,rs1")
                .alias("sgtz", "0000000 ..... 00000 010 ..... 0110011", "rd,rs2")
                .insn("slti", "............ ..... 010 ..... 0010011", "rd,rs1,imm")
                .insn("slt", "0000000 ..... ..... 010 ..... 0110011", "rd,rs1,rs2")
                .insn("sltiu", "............ ..... 011 ..... 0010011", "rd,rs1,imm")
                .insn("sltu", "0000000 ..... ..... 011 ..... 0110011", "rd,rs1,rs2")
                // stores
                .insn("sb", "....... ..... ..... 000 ..... 0100011", "rs2,sofs(rs1)")
                .insn("sh", "....... ..... ..... 001 ..... 0100011", "rs2,sofs(rs1)")
                .insn("sw", "....... ..... ..... 010 ..... 0100011", "rs2,sofs(rs1)")
                // fences (fm, pred, succ, rs1, funct3, rd, opcode)
                .alias("fence", "0000 1111 1111 00000 000 00000 0001111", "")
                .insn("fence", "0000 .... .... 00000 000 00000 0001111", "pred,succ")
                .insn("fence.tso", "1000 0011 0011 00000 000 00000 0001111", "")
                // counters
                .alias("rdcycle", "110000000000 00000 010 ..... 1110011", "rd")
                .alias("rdinstret", "110000000010 00000 010 ..... 1110011", "rd")
                .alias("rdtime", "110000000001 00000 010 ..... 1110011", "rd")
                .insn("ecall", "000000000000 00000 000 00000 1110011", "")
                .alias("xor", "............ ..... 100 ..... 0010011", "rd,rs1,imm")
                .insn("xor", "0000000 ..... ..... 100 ..... 0110011", "rd,rs1,rs2")
                .insn("xori", "............ ..... 100 ..... 0010011", "rd,rs1,imm")
                // RV64 additions
                .insn("lwu", "............ ..... 110 ..... 0000011", "rd,ofs(rs1)")
                .insn("ld", "............ ..... 011 ..... 0000011", "rd,ofs(rs1)")
                .insn("sd", "....... ..... ..... 011 ..... 0100011", "rs2,sofs(rs1)")
                .alias("sext.w", "000000000000 ..... 000 ..... 0011011", "rd,rs1")
                .insn("addw", "0000000 ..... ..... 000 ..... 0111011", "rd,rs1,rs2")
                .alias("addw", "............ ..... 000 ..... 0011011", "rd,rs1,imm")
                .insn("addiw", "............ ..... 000 ..... 0011011", "rd,rs1,imm")
                .alias("negw", "0100000 ..... 00000 000 ..... 0111011", "rd,rs2")
                .insn("sllw", "0000000 ..... ..... 001 ..... 0111011", "rd,rs1,rs2")
                .alias("sllw", "0000000 ..... ..... 001 ..... 0011011", "rd,rs1,shamtw")
                .insn("slliw", "0000000 ..... ..... 001 ..... 0011011", "rd,rs1,shamtw")
                .insn("srlw", "0000000 ..... ..... 101 ..... 0111011", "rd,rs1,rs2")
                .alias("srlw", "0000000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .insn("srliw", "0000000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .insn("sraw", "0100000 ..... ..... 101 ..... 0111011", "rd,rs1,rs2")
                .alias("sraw", "0100000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .insn("sraiw", "0100000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .insn("subw", "0100000 ..... ..... 000 ..... 0111011", "rd,rs1,rs2")
                .build();
    }
}
