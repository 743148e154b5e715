/*
 * An illegal instruction with no SIGILL handler: the default action kills the process, so
 * this program must die of signal 4 (exit status 132 as a shell reports it, 128 + SIGILL). If
 * execution goes on past the instruction, it prints a FAIL line and exits with status 1.
 */
#include "macros.h"

TEST_BEGIN
        NEXT_TEST
        li a4, 1
        .insn 4, 0xfe000033         /* OP with funct7 = 0x7f: reserved */
        CHECK_A4(0, "still running after an illegal instruction")
TEST_END
