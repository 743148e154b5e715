# Source of listing.elf, the fixture of ElfListingTest: the corners of objdump's listing in a
# few dozen bytes, RV64I only (arch attribute rv64i, so 16-bit words print as .2byte).
# Rebuild: riscv64-linux-gnu-as -march=rv64i -o /tmp/listing.o listing.s
#          riscv64-linux-gnu-ld -N -e _start -o listing.elf /tmp/listing.o
#          riscv64-linux-gnu-strip --strip-debug -R .comment listing.elf
.option norelax
.text
.globl _start
.type _start,@function
_start:
    lui     a0, %hi(table)
    addi    a0, a0, %lo(table)
    beq     a0, a1, later
    jal     zero, _start
    .insn   2, 0x4501
    .insn   2, 0x0001
    addi    a1, a1, -1
    mid = . - 2
    .word   0x12345678
    addi    a2, a2, 2
    .zero   20
later:
    jalr    zero, 0(ra)
.size _start, . - _start
.type table,@object
table:
    .word   0x00000013, 0x44434241, 0x55667788, 0x99aabbcc, 0x1
.size table, 20
.globl wide
.type wide,@function
wide:
    .insn   6, 0x00000000001f
    .insn   8, 0x003f
    auipc   t0, 0
    ld      t1, 8(t0)
    .byte   0x11, 0x22, 0x33
