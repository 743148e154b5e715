package dev.emu.isa.riscv.decode;

import dev.emu.isa.riscv.disas.DisasOptions;
import dev.emu.isa.riscv.disas.RiscvDisassembler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decode tables check themselves: canonical rows do not overlap unless the pair is on the
 * allow-list below (each with the reason the two are told apart), and every row has a printer.
 */
class DecodeTableSelfCheckTest {

    /**
     * Canonical rows whose bit patterns overlap on purpose. Each pair is "first | second" in
     * trial order; the reason says what separates them.
     */
    static final Set<String> ALLOWED_OVERLAPS = Set.of(
            // The all-ones read-only CSR write (csrrw zero,cycle,zero) is named unimp.
            "unimp | csrrw",
            // c.unimp is the all-zero word; c.addi4spn requires a non-zero immediate.
            "c.unimp | c.addi4spn",
            // c.ebreak is c.add/c.jalr's funct4 with rd=0, rs2=0; c.jr/c.jalr need rs2=0, rd!=0;
            // c.mv/c.add need rs2!=0.
            "c.ebreak | c.jalr", "c.ebreak | c.add", "c.jr | c.mv", "c.jalr | c.add",
            // c.lui's funct3 with rd=sp is c.addi16sp.
            "c.lui | c.addi16sp",
            // Shift by zero is the *64 hint form; the plain forms need a non-zero amount.
            "c.slli | c.slli64", "c.srli | c.srli64", "c.srai | c.srai64",
            // Legacy names of the same moves.
            "fmv.x.w | fmv.x.s", "fmv.w.x | fmv.s.x");

    @Test
    void canonicalRowsDoNotOverlapOutsideTheAllowList() {
        assertEquals(new TreeSet<>(ALLOWED_OVERLAPS), new TreeSet<>(overlaps(RiscvEncodings.all())),
                "canonical overlaps differ from the allow-list");
    }

    @Test
    void theCheckFindsAnOverlap() {
        List<Encoding> rows = new ArrayList<>(RiscvEncodings.all());
        rows.addAll(new TableBuilder(Extension.I)
                .insn("bogus", "0000000 ..... ..... 000 ..... 0110011", "rd,rs1,rs2").build());
        assertTrue(overlaps(rows).contains("add | bogus"), "an added row shadowing add must be reported");
    }

    @Test
    void everyRowHasAPrinter() {
        // Building a disassembler compiles every row's syntax; an unknown operand name throws.
        new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.all()));
        new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.all()).withNoAliases(true));
        // (SyntaxTest shows that compiling an unknown operand name throws.)
    }

    @Test
    void everyExtensionHasRows() {
        for (Extension e : Extension.values()) {
            assertTrue(RiscvEncodings.all().stream().anyMatch(r -> r.requires().contains(e)), "no rows need " + e);
        }
    }

    /** "a | b" for every pair of canonical rows with different names whose patterns overlap. */
    static List<String> overlaps(List<Encoding> rows) {
        List<Encoding> canonical = rows.stream().filter(r -> !r.alias()).toList();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            for (int j = i + 1; j < canonical.size(); j++) {
                Encoding a = canonical.get(i);
                Encoding b = canonical.get(j);
                // Two rows of one name are one instruction printed two ways (fcvt with and
                // without its rounding mode); the decoder takes the first, either is right.
                if (!a.name().equals(b.name()) && a.pattern().overlaps(b.pattern())) {
                    found.add(a.name() + " | " + b.name());
                }
            }
        }
        return found;
    }
}
