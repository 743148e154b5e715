/* Stream I/O in a temporary directory: fopen modes, fprintf/fscanf round trips, fseek/ftell/
 * rewind, fgetpos, ungetc, buffering modes, binary records with fread/fwrite, append mode,
 * freopen, tmpfile, rename/remove, and the error indicators. Also the fd-level calls. */
#define _GNU_SOURCE
#include "cmix.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path_buf[512];

static const char *in(const char *dir, const char *name) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    return path_buf;
}

static void text_round_trip(const char *dir) {
    FILE *f = fopen(in(dir, "numbers.txt"), "w");
    for (int i = 0; i < 200; i++) {
        fprintf(f, "%d %x %.6e %s\n", i * i - 100, i * 7919, i / 7.0, i % 3 ? "odd" : "three");
    }
    printf("written: ftell %ld\n", ftell(f));
    fclose(f);
    f = fopen(in(dir, "numbers.txt"), "r");
    int a;
    unsigned x;
    double d;
    char w[16];
    int rows = 0, good = 0;
    while (fscanf(f, "%d %x %le %15s", &a, &x, &d, w) == 4) {
        good += a == rows * rows - 100 && x == (unsigned) rows * 7919 && strcmp(w, rows % 3 ? "odd" : "three") == 0;
        rows++;
    }
    printf("read back %d rows, %d exact, eof %d error %d\n", rows, good, feof(f) != 0, ferror(f) != 0);
    rewind(f);
    char line[128];
    fgets(line, sizeof line, f);
    printf("after rewind: %s", line);
    fseek(f, -20, SEEK_END);
    long pos = ftell(f);
    fgets(line, sizeof line, f);
    printf("20 before end (at %ld): %s", pos, line);
    fseek(f, 100, SEEK_SET);
    fpos_t mark;
    fgetpos(f, &mark);
    int c1 = fgetc(f);
    fseek(f, 5, SEEK_CUR);
    fsetpos(f, &mark);
    int c2 = fgetc(f);
    printf("fgetpos/fsetpos same char %d (%c)\n", c1 == c2, c1);
    ungetc('Q', f);
    printf("ungetc then getc %c, ftell %ld\n", fgetc(f), ftell(f));
    fclose(f);
}

typedef struct {
    int32_t id;
    double score;
    char tag[8];
} rec_t;

static void binary(const char *dir) {
    FILE *f = fopen(in(dir, "records.bin"), "wb+");
    rec_t r;
    for (int i = 0; i < 100; i++) {
        memset(&r, 0, sizeof r);
        r.id = i;
        r.score = i * 1.25;
        snprintf(r.tag, sizeof r.tag, "t%d", i);
        fwrite(&r, sizeof r, 1, f);
    }
    fflush(f);
    printf("binary size %ld\n", ftell(f));
    fseek(f, 42 * (long) sizeof r, SEEK_SET);
    size_t n = fread(&r, sizeof r, 1, f);
    printf("record 42: %zu %d %.2f %s\n", n, r.id, r.score, r.tag);
    r.score = -1;
    fseek(f, -(long) sizeof r, SEEK_CUR);
    fwrite(&r, sizeof r, 1, f);
    rewind(f);
    double total = 0;
    while (fread(&r, sizeof r, 1, f) == 1) {
        total += r.score;
    }
    printf("total score %.2f eof %d\n", total, feof(f) != 0);
    clearerr(f);
    printf("after clearerr eof %d\n", feof(f) != 0);
    fclose(f);
    struct stat st;
    stat(in(dir, "records.bin"), &st);
    printf("stat size %lld regular %d\n", (long long) st.st_size, S_ISREG(st.st_mode));
    remove(in(dir, "records.bin"));
}

static void modes(const char *dir) {
    FILE *f = fopen(in(dir, "log.txt"), "w");
    fputs("first\n", f);
    fclose(f);
    f = fopen(in(dir, "log.txt"), "a");
    fputs("second\n", f);
    fclose(f);
    f = fopen(in(dir, "log.txt"), "a+");
    fseek(f, 0, SEEK_SET);
    char line[64];
    fgets(line, sizeof line, f);
    printf("a+ reads from start: %s", line);
    fputs("third\n", f);
    fclose(f);
    f = fopen(in(dir, "log.txt"), "r+");
    fseek(f, 0, SEEK_SET);
    fputs("FIRST", f);
    fclose(f);
    f = fopen(in(dir, "log.txt"), "r");
    while (fgets(line, sizeof line, f)) {
        printf("log: %s", line);
    }
    fclose(f);
    errno = 0;
    f = fopen(in(dir, "missing/none.txt"), "r");
    printf("fopen missing: %s %s\n", f ? "opened" : "NULL", strerror(errno));
    f = fopen(in(dir, "log.txt"), "wx");
    printf("fopen wx on existing: %s %s\n", f ? "opened" : "NULL", strerror(errno));
    f = fopen(in(dir, "log.txt"), "r");
    fputc('x', f);
    printf("write to read-only stream: error %d\n", ferror(f) != 0);
    fclose(f);
    char renamed[512];
    snprintf(renamed, sizeof renamed, "%s/log-renamed.txt", dir);
    printf("rename %d\n", rename(in(dir, "log.txt"), renamed));
    printf("remove old name %d (%s)\n", remove(in(dir, "log.txt")), strerror(errno));
    printf("remove new name %d\n", remove(renamed));
}

static void buffering(const char *dir) {
    FILE *f = fopen(in(dir, "buffered.txt"), "w");
    static char big[8192];
    setvbuf(f, big, _IOFBF, sizeof big);
    for (int i = 0; i < 1000; i++) {
        fprintf(f, "%04d", i);
    }
    int fd = open(in(dir, "buffered.txt"), O_RDONLY);
    struct stat st;
    fstat(fd, &st);
    printf("full buffering: %lld bytes on disk before fflush\n", (long long) st.st_size);
    fflush(f);
    fstat(fd, &st);
    printf("after fflush: %lld\n", (long long) st.st_size);
    close(fd);
    fclose(f);
    f = fopen(in(dir, "buffered.txt"), "r");
    setvbuf(f, NULL, _IONBF, 0);
    char chunk[17] = {0};
    fread(chunk, 1, 16, f);
    printf("unbuffered read [%s]\n", chunk);
    fclose(f);
    unlink(in(dir, "buffered.txt"));
}

static void temporaries(void) {
    FILE *t = tmpfile();
    for (int i = 0; i < 50; i++) {
        fprintf(t, "line %d\n", i);
    }
    long size = ftell(t);
    rewind(t);
    int lines = 0;
    char line[32];
    while (fgets(line, sizeof line, t)) {
        lines++;
    }
    printf("tmpfile %ld bytes %d lines\n", size, lines);
    fclose(t);
}

static void fds(const char *dir) {
    int fd = open(in(dir, "raw.dat"), O_CREAT | O_RDWR | O_TRUNC, 0640);
    char block[1000];
    for (int i = 0; i < 1000; i++) {
        block[i] = (char) (i % 251);
    }
    ssize_t w = write(fd, block, sizeof block);
    off_t end = lseek(fd, 0, SEEK_END);
    char back[10];
    ssize_t r = pread(fd, back, sizeof back, 500);
    printf("write %zd end %lld pread %zd first %d\n", w, (long long) end, r, back[0]);
    ftruncate(fd, 300);
    struct stat st;
    fstat(fd, &st);
    printf("truncated to %lld mode %o\n", (long long) st.st_size, st.st_mode & 0777);
    int fd2 = dup(fd);
    lseek(fd2, 10, SEEK_SET);
    printf("dup shares offset: %lld\n", (long long) lseek(fd, 0, SEEK_CUR));
    close(fd2);
    FILE *f = fdopen(fd, "r");
    fseek(f, 250, SEEK_SET);
    printf("fdopen read %d\n", fgetc(f));
    fclose(f);
    printf("access R_OK %d X_OK %d\n", access(in(dir, "raw.dat"), R_OK), access(in(dir, "raw.dat"), X_OK));
    unlink(in(dir, "raw.dat"));
}

void part_files(const char *dir) {
    section("files");
    text_round_trip(dir);
    unlink(in(dir, "numbers.txt"));
    binary(dir);
    modes(dir);
    buffering(dir);
    temporaries();
    fds(dir);
}
