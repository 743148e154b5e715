/* A CoreMark-like mix (our own code, not EEMBC CoreMark): each iteration runs
 *  - list work: find, reverse and mergesort a linked list of records (pointer chasing),
 *  - matrix work: small 16-bit integer matrices multiplied, scaled and bit-extracted,
 *  - a state machine: a character-by-character scanner classifying numeric tokens,
 * and folds every result into a CRC-16, so one wrong instruction anywhere changes the output.
 * Argument: iterations (default 10000). Prints the final CRC and per-part summaries. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

/* ---- CRC-16/CCITT, bitwise (the branchy form, as CoreMark uses) ---- */

static uint16_t crc16_byte(uint8_t byte, uint16_t crc) {
    crc ^= (uint16_t)byte << 8;
    for (int i = 0; i < 8; i++) crc = crc & 0x8000 ? (uint16_t)(crc << 1) ^ 0x1021 : (uint16_t)(crc << 1);
    return crc;
}

static uint16_t crc16_u32(uint32_t value, uint16_t crc) {
    for (int i = 0; i < 4; i++) crc = crc16_byte((uint8_t)(value >> (8 * i)), crc);
    return crc;
}

/* ---- linked list ---- */

#define LIST_NODES 200

struct record {
    int16_t key;
    int16_t value;
    struct record *next;
};

static struct record pool[LIST_NODES];

static struct record *build_list(void) {
    for (int i = 0; i < LIST_NODES; i++) {
        pool[i].key = (int16_t)(bench_rand() & 0x7fff);
        pool[i].value = (int16_t)i;
        pool[i].next = i + 1 < LIST_NODES ? &pool[i + 1] : NULL;
    }
    return &pool[0];
}

static struct record *reverse(struct record *head) {
    struct record *done = NULL;
    while (head != NULL) {
        struct record *next = head->next;
        head->next = done;
        done = head;
        head = next;
    }
    return done;
}

static struct record *find(struct record *head, int16_t value) {
    while (head != NULL && head->value != value) head = head->next;
    return head;
}

typedef int (*record_order)(const struct record *, const struct record *);
static int by_key(const struct record *a, const struct record *b) { return a->key - b->key; }
static int by_value(const struct record *a, const struct record *b) { return a->value - b->value; }

/* Bottom-up mergesort of a list, stable, through an indirect comparator. */
static struct record *sort_list(struct record *head, record_order order) {
    for (int width = 1;; width *= 2) {
        struct record *rest = head, *tail = NULL;
        int merges = 0;
        head = NULL;
        while (rest != NULL) {
            merges++;
            struct record *left = rest, *right = rest;
            int left_size = 0, right_size = width;
            while (left_size < width && right != NULL) { left_size++; right = right->next; }
            while (left_size > 0 || (right_size > 0 && right != NULL)) {
                struct record *take;
                if (left_size == 0) { take = right; right = right->next; right_size--; }
                else if (right_size == 0 || right == NULL || order(left, right) <= 0) { take = left; left = left->next; left_size--; }
                else { take = right; right = right->next; right_size--; }
                if (tail != NULL) tail->next = take; else head = take;
                tail = take;
            }
            rest = right;
        }
        tail->next = NULL;
        if (merges <= 1) return head;
    }
}

static uint16_t list_work(struct record **list, int iteration, uint16_t crc) {
    struct record *head = *list;
    int found = 0, missing = 0;
    for (int i = 0; i < 8; i++) {
        struct record *hit = find(head, (int16_t)((iteration * 7 + i * 31) % (LIST_NODES + 20)));
        if (hit != NULL) { found++; crc = crc16_u32((uint32_t)hit->key, crc); } else missing++;
    }
    head = reverse(head);
    head = sort_list(head, by_key);
    /* Perturb one key, so every iteration sorts different data. */
    head->next->key = (int16_t)((head->next->key ^ (iteration * 0x1f3)) & 0x7fff);
    for (struct record *r = head; r != NULL; r = r->next) crc = crc16_u32((uint32_t)(r->key * 3 + r->value), crc);
    head = sort_list(head, by_value);
    *list = head;
    return crc16_u32((uint32_t)(found << 8 | missing), crc);
}

/* ---- matrices ---- */

#define MAT 16

static int16_t mat_a[MAT][MAT], mat_b[MAT][MAT];
static int32_t mat_c[MAT][MAT];

static uint16_t matrix_work(int iteration, uint16_t crc) {
    int16_t scale = (int16_t)(iteration | 1);
    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++) mat_a[i][j] = (int16_t)(mat_a[i][j] + scale);
    int64_t sum = 0;
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            int32_t dot = 0;
            for (int k = 0; k < MAT; k++) dot += (int32_t)mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = dot;
            sum += dot;
        }
    }
    /* Bit extraction and a clipped sum, the mix of shifts and compares CoreMark's matrix part has. */
    int32_t clipped = 0;
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            int32_t bits = (mat_c[i][j] >> 2) & 0x0f;
            clipped += bits > 7 ? bits * 3 : -bits;
        }
    }
    crc = crc16_u32((uint32_t)sum, crc);
    crc = crc16_u32((uint32_t)(sum >> 32), crc);
    return crc16_u32((uint32_t)clipped, crc);
}

/* ---- state machine ---- */

enum scan_state { START, INTEGER, SIGNED, FRACTION, EXPONENT_MARK, EXPONENT_SIGN, EXPONENT, INVALID, STATES };

#define TEXT_LENGTH 400
static char text[TEXT_LENGTH + 1];

static void build_text(void) {
    static const char *pieces[] = {"5012", "1234", "-874", "+122", "35.54", "-.123", "-110.700", "+0.64400",
                                   "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
    int length = 0;
    while (length < TEXT_LENGTH - 10) {
        const char *piece = pieces[bench_rand() % 16];
        size_t n = strlen(piece);
        memcpy(text + length, piece, n);
        length += (int)n;
        text[length++] = ',';
    }
    text[length] = '\0';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Scans one comma-terminated token starting at *cursor; returns the state it ended in. */
static enum scan_state scan_token(const char **cursor, unsigned transitions[STATES]) {
    enum scan_state state = START;
    const char *p = *cursor;
    for (; *p != '\0' && *p != ','; p++) {
        char c = *p;
        enum scan_state next = INVALID;
        switch (state) {
        case START: next = is_digit(c) ? INTEGER : (c == '+' || c == '-') ? SIGNED : c == '.' ? FRACTION : INVALID; break;
        case SIGNED: next = is_digit(c) ? INTEGER : c == '.' ? FRACTION : INVALID; break;
        case INTEGER: next = is_digit(c) ? INTEGER : c == '.' ? FRACTION : (c == 'e' || c == 'E') ? EXPONENT_MARK : INVALID; break;
        case FRACTION: next = is_digit(c) ? FRACTION : (c == 'e' || c == 'E') ? EXPONENT_MARK : INVALID; break;
        case EXPONENT_MARK: next = (c == '+' || c == '-') ? EXPONENT_SIGN : is_digit(c) ? EXPONENT : INVALID; break;
        case EXPONENT_SIGN: case EXPONENT: next = is_digit(c) ? EXPONENT : INVALID; break;
        default: next = INVALID; break;
        }
        if (next != state) transitions[next]++;
        state = next;
    }
    *cursor = *p == ',' ? p + 1 : p;
    return state;
}

static uint16_t state_work(int iteration, uint16_t crc, unsigned final_counts[STATES]) {
    unsigned transitions[STATES] = {0};
    /* Corrupt every k-th character in place and restore it afterwards, as CoreMark does, so the
     * scanner sees different input every iteration without a copy. */
    int stride = 17 + iteration % 13;
    for (int i = iteration % stride; i < TEXT_LENGTH; i += stride) text[i] ^= 1;
    for (const char *cursor = text; *cursor != '\0';) final_counts[scan_token(&cursor, transitions)]++;
    for (int i = iteration % stride; i < TEXT_LENGTH; i += stride) text[i] ^= 1;
    for (int s = 0; s < STATES; s++) crc = crc16_u32(transitions[s], crc);
    return crc;
}

int main(int argc, char **argv) {
    long iterations = bench_size(argc, argv, 10000, "iterations");
    struct record *list = build_list();
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            mat_a[i][j] = (int16_t)(bench_rand() % 2000) - 1000;
            mat_b[i][j] = (int16_t)(bench_rand() % 2000) - 1000;
        }
    }
    build_text();
    unsigned final_counts[STATES] = {0};
    uint16_t crc = 0, list_crc = 0, matrix_crc = 0, state_crc = 0;
    for (long it = 0; it < iterations; it++) {
        list_crc = list_work(&list, (int)it, list_crc);
        matrix_crc = matrix_work((int)it, matrix_crc);
        state_crc = state_work((int)it, state_crc, final_counts);
        crc = crc16_u32((uint32_t)list_crc << 16 | matrix_crc, crc16_u32(state_crc, crc));
    }
    printf("coremark-like %ld iterations\nlist crc %04x matrix crc %04x state crc %04x\n", iterations, list_crc,
           matrix_crc, state_crc);
    printf("tokens: integer %u fraction %u exponent %u invalid %u\nfinal crc %04x\n", final_counts[INTEGER],
           final_counts[FRACTION], final_counts[EXPONENT], final_counts[INVALID], crc);
    return 0;
}
