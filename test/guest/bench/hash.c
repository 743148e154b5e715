/* Hashes a large generated buffer three ways: SHA-256 (32-bit rotates, shifts and adds),
 * FNV-1a 64 (a byte loop with one 64-bit multiply per byte) and a four-lane multiply-rotate
 * hash in the style of xxHash64 (wide loads, 64-bit multiplies).
 * Argument: buffer size in MiB (default 128). Prints the three digests. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

static const uint32_t sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

static void sha256_compress(uint32_t state[8], const uint8_t block[64]) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16
             | (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g))
                    + sha256_round_constants[i] + w[i];
        uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* One-shot SHA-256 (FIPS 180-4) of data[0..len). */
static void sha256(const uint8_t *data, size_t len, uint8_t digest[32]) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t full = len / 64 * 64;
    for (size_t i = 0; i < full; i += 64) sha256_compress(state, data + i);
    uint8_t tail[128] = {0};
    size_t rest = len - full;
    memcpy(tail, data + full, rest);
    tail[rest] = 0x80;
    size_t tail_len = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < tail_len; i += 64) sha256_compress(state, tail + i);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = state[i] >> 24; digest[4 * i + 1] = state[i] >> 16;
        digest[4 * i + 2] = state[i] >> 8; digest[4 * i + 3] = state[i];
    }
}

static uint64_t fnv1a64(const uint8_t *data, size_t len) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= data[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Four independent accumulators over 32-byte stripes, then a merge and avalanche: the shape of
 * xxHash64 (our own constants-and-steps, not a compatible implementation). */
static uint64_t multiply_rotate64(const uint8_t *data, size_t len) {
    const uint64_t p1 = 0x9E3779B185EBCA87ULL, p2 = 0xC2B2AE3D27D4EB4FULL, p3 = 0x165667B19E3779F9ULL;
    uint64_t lane[4] = {p1 + p2, p2, 0, -p1};
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        for (int k = 0; k < 4; k++) {
            uint64_t word;
            memcpy(&word, data + i + 8 * k, 8);
            lane[k] = rotl64(lane[k] + word * p2, 31) * p1;
        }
    }
    uint64_t h = rotl64(lane[0], 1) + rotl64(lane[1], 7) + rotl64(lane[2], 12) + rotl64(lane[3], 18);
    for (; i < len; i++) h = rotl64(h ^ data[i] * p3, 11) * p1;
    h ^= len;
    h ^= h >> 33; h *= p2;
    h ^= h >> 29; h *= p3;
    h ^= h >> 32;
    return h;
}

static void print_hex(const uint8_t *bytes, int n) {
    for (int i = 0; i < n; i++) printf("%02x", bytes[i]);
}

int main(int argc, char **argv) {
    long mib = bench_size(argc, argv, 128, "buffer size in MiB");

    /* Known answer first, so a wrong SHA-256 shows as a failure rather than a new checksum. */
    uint8_t digest[32];
    sha256((const uint8_t *)"abc", 3, digest);
    static const uint8_t abc_digest[4] = {0xba, 0x78, 0x16, 0xbf};
    if (memcmp(digest, abc_digest, 4) != 0) {
        printf("sha256 self-test failed\n");
        return 1;
    }

    size_t len = (size_t)mib << 20;
    uint8_t *buffer = bench_alloc(len);
    for (size_t i = 0; i < len; i += 8) {
        uint64_t r = bench_rand();
        memcpy(buffer + i, &r, 8);
    }
    /* An odd length exercises the tails of all three hashes. */
    size_t hashed = len - 13;

    sha256(buffer, hashed, digest);
    printf("hash %ld MiB (%zu bytes)\nsha256 ", mib, hashed);
    print_hex(digest, 32);
    printf("\nfnv1a64 %016llx\n", (unsigned long long)fnv1a64(buffer, hashed));
    printf("mulrot64 %016llx\n", (unsigned long long)multiply_rotate64(buffer, hashed));
    free(buffer);
    return 0;
}
