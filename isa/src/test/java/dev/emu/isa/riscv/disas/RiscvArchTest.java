package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Extension;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static dev.emu.isa.riscv.decode.Extension.A;
import static dev.emu.isa.riscv.decode.Extension.C;
import static dev.emu.isa.riscv.decode.Extension.D;
import static dev.emu.isa.riscv.decode.Extension.F;
import static dev.emu.isa.riscv.decode.Extension.I;
import static dev.emu.isa.riscv.decode.Extension.M;
import static dev.emu.isa.riscv.decode.Extension.ZBA;
import static dev.emu.isa.riscv.decode.Extension.ZBB;
import static dev.emu.isa.riscv.decode.Extension.ZICSR;
import static dev.emu.isa.riscv.decode.Extension.ZIFENCEI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ISA strings as the toolchain writes them into Tag_RISCV_arch and $xrv mapping symbols. */
class RiscvArchTest {
    @Test
    void readsTheDebianToolchainString() {
        assertEquals(Extension.rv64gc(), parse("rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0"));
    }

    @Test
    void expandsG() {
        assertEquals(Extension.rv64gc(), parse("rv64gc"));
        assertEquals(EnumSet.of(I, M, A, F, D, ZICSR, ZIFENCEI), parse("rv64g"));
    }

    @Test
    void followsImplications() {
        assertEquals(EnumSet.of(I, F, D, ZICSR), parse("rv64i2p1_d2p2"), "D implies F, F implies Zicsr");
        assertEquals(EnumSet.of(I, ZICSR, ZIFENCEI), parse("rv64i2p0"), "i before 2.1 included Zicsr and Zifencei");
        assertEquals(EnumSet.of(I), parse("rv64i"), "an unversioned i is 2.1");
        assertEquals(EnumSet.of(I, M, C), parse("rv64imc"));
    }

    @Test
    void readsMultiLetterExtensionsAndIgnoresUnknownOnes() {
        assertEquals(EnumSet.of(I, M, C, ZICSR, ZBA, ZBB), parse("rv64i2p1_m2p0_c2p0_zicsr2p0_zba1p0_zbb1p0_zve32x1p0_xfoo"));
        assertEquals(EnumSet.of(I, ZBA), parse("rv32i_zba"));
    }

    @Test
    void rejectsWhatIsNotAnIsaString() {
        assertTrue(RiscvArch.parse("x86_64").isEmpty());
        assertTrue(RiscvArch.parse("rv64").isEmpty());
        assertTrue(RiscvArch.parse("rv64q").isEmpty());
    }

    private static Set<Extension> parse(String isa) {
        return RiscvArch.parse(isa).orElseThrow();
    }
}
