/*
 * Zbc carry-less multiplication: clmul, clmulh and clmulr on edge patterns.
 */
#include "macros.h"

TEST_BEGIN

        /* ---- clmul, clmulh, clmulr: low, high and bit-reversed-middle halves of the carry-less product ---- */
        TEST_RR_OP(clmul, 0x0, 0, 0)
        TEST_RR_OP(clmul, 0x1, 1, 1)
        TEST_RR_OP(clmul, 0x5555555555555555, -1, -1)
        TEST_RR_OP(clmul, 0xffffffffffffffff, -1, 1)
        TEST_RR_OP(clmul, 0xffffffffffffffff, 1, -1)
        TEST_RR_OP(clmul, 0x0, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(clmul, 0x0, 0x8000000000000000, 2)
        TEST_RR_OP(clmul, 0x5, 3, 3)
        TEST_RR_OP(clmul, 0xa0789828c810f00, 0x123456789abcdef0, 0xfedcba9876543210)
        TEST_RR_OP(clmul, 0x1, 0x8000000000000001, 0x8000000000000001)
        TEST_RR_OP(clmul, 0x5555555555555555, 0xffffffff, 0xffffffff)
        TEST_RR_OP(clmul, 0x964a69f269b5960d, 0x87, 0x123456789abcdef)
        TEST_RR_OP(clmul, 0x0, 2, 0x8000000000000000)
        TEST_RR_OP(clmulh, 0x0, 0, 0)
        TEST_RR_OP(clmulh, 0x0, 1, 1)
        TEST_RR_OP(clmulh, 0x5555555555555555, -1, -1)
        TEST_RR_OP(clmulh, 0x0, -1, 1)
        TEST_RR_OP(clmulh, 0x0, 1, -1)
        TEST_RR_OP(clmulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(clmulh, 0x1, 0x8000000000000000, 2)
        TEST_RR_OP(clmulh, 0x0, 3, 3)
        TEST_RR_OP(clmulh, 0xe038d8688850b04, 0x123456789abcdef0, 0xfedcba9876543210)
        TEST_RR_OP(clmulh, 0x4000000000000000, 0x8000000000000001, 0x8000000000000001)
        TEST_RR_OP(clmulh, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(clmulh, 0x0, 0x87, 0x123456789abcdef)
        TEST_RR_OP(clmulh, 0x1, 2, 0x8000000000000000)
        TEST_RR_OP(clmulr, 0x0, 0, 0)
        TEST_RR_OP(clmulr, 0x0, 1, 1)
        TEST_RR_OP(clmulr, 0xaaaaaaaaaaaaaaaa, -1, -1)
        TEST_RR_OP(clmulr, 0x1, -1, 1)
        TEST_RR_OP(clmulr, 0x1, 1, -1)
        TEST_RR_OP(clmulr, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR_OP(clmulr, 0x2, 0x8000000000000000, 2)
        TEST_RR_OP(clmulr, 0x0, 3, 3)
        TEST_RR_OP(clmulr, 0x1c071b0d110a1608, 0x123456789abcdef0, 0xfedcba9876543210)
        TEST_RR_OP(clmulr, 0x8000000000000000, 0x8000000000000001, 0x8000000000000001)
        TEST_RR_OP(clmulr, 0x0, 0xffffffff, 0xffffffff)
        TEST_RR_OP(clmulr, 0x1, 0x87, 0x123456789abcdef)
        TEST_RR_OP(clmulr, 0x2, 2, 0x8000000000000000)
        TEST_RR_SRC12_EQ_DEST(clmul, 0x5555, 0xff)
        TEST_RR_SRC12_EQ_DEST(clmulh, 0x5555555555555555, 0xffffffffffffffff)
        TEST_RR_ZERO_DEST(clmul, 11, 13)

TEST_END
