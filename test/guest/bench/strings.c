/* String processing over generated text: splits it into words, counts them in an
 * open-addressing hash table, sorts the distinct words by count with strcmp as tie-break,
 * searches substrings with libc's strstr, sums the numbers in the text with strtol, and
 * rewrites the text in title case with snprintf. Byte loads, short loops, libc string code.
 * Argument: text size in KiB (default 32768). Prints the top words and checksums. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

#define TABLE_SIZE 65536 /* a power of two, well above the distinct words the generator makes */
#define WORD_MAX 32

struct entry {
    char word[WORD_MAX];
    long count;
};

static struct entry table[TABLE_SIZE];
static int distinct;

static const char *syllables[] = {"ka", "lo", "mi", "ra", "te", "su", "ven", "dor", "ith", "an", "el", "qua",
                                  "zo", "ny", "pha", "ro", "st", "ell", "ur", "ine"};

/* Words of one to four syllables, with a number now and then and punctuation between. Word
 * lengths follow a skewed distribution so the counts have a clear top. */
static char *generate_text(size_t length) {
    char *text = bench_alloc(length + 1);
    size_t at = 0;
    while (at + 40 < length) {
        uint64_t r = bench_rand();
        if ((r & 31) == 0) {
            at += (size_t)sprintf(text + at, "%u", (unsigned)(r >> 40) % 100000);
        } else {
            int syllable_count = 1 + (int)((r >> 8) & 3) * (int)((r >> 10) & 1);
            for (int s = 0; s < syllable_count; s++) {
                const char *syllable = syllables[((r >> (16 + 4 * s)) & 0xff) % 20 % (8 + 4 * s)];
                size_t n = strlen(syllable);
                memcpy(text + at, syllable, n);
                at += n;
            }
        }
        text[at++] = (r >> 50) % 9 == 0 ? ',' : (r >> 50) % 23 == 0 ? '.' : ' ';
        if ((r >> 56) % 13 == 0) text[at++] = '\n';
    }
    while (at < length) text[at++] = ' ';
    text[length] = '\0';
    return text;
}

static uint32_t hash_word(const char *word, size_t length) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++) h = (h ^ (uint8_t)word[i]) * 16777619u;
    return h;
}

static void count_word(const char *word, size_t length) {
    if (length >= WORD_MAX) length = WORD_MAX - 1;
    uint32_t slot = hash_word(word, length) & (TABLE_SIZE - 1);
    for (;;) {
        struct entry *e = &table[slot];
        if (e->count == 0) {
            memcpy(e->word, word, length);
            e->word[length] = '\0';
            e->count = 1;
            distinct++;
            return;
        }
        if (strncmp(e->word, word, length) == 0 && e->word[length] == '\0') {
            e->count++;
            return;
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

static int is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static long count_words(const char *text) {
    long words = 0;
    const char *p = text;
    while (*p != '\0') {
        while (*p != '\0' && !is_letter(*p)) p++;
        const char *start = p;
        while (is_letter(*p)) p++;
        if (p > start) {
            count_word(start, (size_t)(p - start));
            words++;
        }
    }
    return words;
}

static int by_count_then_word(const void *a, const void *b) {
    const struct entry *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->word, y->word);
}

static long count_occurrences(const char *text, const char *pattern) {
    long n = 0;
    for (const char *p = strstr(text, pattern); p != NULL; p = strstr(p + 1, pattern)) n++;
    return n;
}

static long sum_numbers(const char *text, long *numbers) {
    long sum = 0;
    *numbers = 0;
    for (const char *p = text; *p != '\0';) {
        if (*p >= '0' && *p <= '9') {
            char *end;
            sum += strtol(p, &end, 10);
            (*numbers)++;
            p = end;
        } else {
            p++;
        }
    }
    return sum;
}

/* Writes each line back with its words capitalised and its length prefixed, through snprintf. */
static uint64_t title_case_checksum(const char *text, size_t length) {
    char *out = bench_alloc(length * 2 + 64);
    size_t at = 0;
    const char *line = text;
    while (*line != '\0') {
        const char *end = strchr(line, '\n');
        size_t n = end != NULL ? (size_t)(end - line) : strlen(line);
        at += (size_t)snprintf(out + at, 16, "%zu:", n);
        for (size_t i = 0; i < n; i++) {
            char c = line[i];
            int starts_word = i == 0 || !is_letter(line[i - 1]);
            out[at++] = starts_word && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }
        out[at++] = '\n';
        line = end != NULL ? end + 1 : line + n;
    }
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < at; i++) h = (h ^ (uint8_t)out[i]) * 1099511628211ULL;
    free(out);
    return h;
}

int main(int argc, char **argv) {
    long kib = bench_size(argc, argv, 32768, "text size in KiB");
    size_t length = (size_t)kib << 10;
    char *text = generate_text(length);

    long words = count_words(text);
    static struct entry ranked[TABLE_SIZE];
    int n = 0;
    for (int i = 0; i < TABLE_SIZE; i++) if (table[i].count > 0) ranked[n++] = table[i];
    qsort(ranked, (size_t)n, sizeof(struct entry), by_count_then_word);

    long numbers;
    long number_sum = sum_numbers(text, &numbers);
    printf("strings %ld KiB\nwords %ld distinct %d numbers %ld sum %ld\ntop:", kib, words, distinct, numbers,
           number_sum);
    for (int i = 0; i < 5 && i < n; i++) printf(" %s=%ld", ranked[i].word, ranked[i].count);
    printf("\noccurrences: \"kalo\" %ld, \"ra te\" %ld, \"ven,\" %ld\n", count_occurrences(text, "kalo"),
           count_occurrences(text, "ra te"), count_occurrences(text, "ven,"));
    printf("title-case checksum %016llx\n", (unsigned long long)title_case_checksum(text, length));
    free(text);
    return 0;
}
