/*
 * A dynamically linked program: libc and libm come through ld.so, and libm is opened a second
 * time with dlopen to look a function up by name. Checks that the loader found its interpreter,
 * that relocations and lazy binding work, and that the auxiliary vector says where things went.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static int count_objects(struct dl_phdr_info *info, size_t size, void *data) {
    (void) size;
    int *n = data;
    const char *name = info->dlpi_name;
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    if (strncmp(base, "libc.so", 7) == 0 || strncmp(base, "libm.so", 7) == 0 || strncmp(base, "ld-linux", 8) == 0) {
        printf("loaded: %s\n", base);
    }
    (*n)++;
    return 0;
}

static int count_quietly(struct dl_phdr_info *info, size_t size, void *data) {
    (void) info;
    (void) size;
    (*(int *) data)++;
    return 0;
}

int main(int argc, char **argv) {
    volatile double x = argc + 1.0;
    printf("sqrt(%g) = %.12f\n", x, sqrt(x));
    printf("exp(x-1) = %.12f, atan2(1,x) = %.12f\n", exp(x - 1.0), atan2(1.0, x));
    char *buf = malloc(64);
    snprintf(buf, 64, "%s has %d argument(s)", argc > 0 ? "main" : "?", argc - 1);
    puts(buf);
    free(buf);

    unsigned long base = getauxval(AT_BASE);
    printf("AT_BASE set: %s\n", base != 0 ? "yes" : "no");
    printf("AT_ENTRY is main's program: %s\n", getauxval(AT_ENTRY) != base ? "yes" : "no");
    int objects = 0;
    dl_iterate_phdr(count_objects, &objects);
    printf("at least 3 objects: %s\n", objects >= 3 ? "yes" : "no");

    void *libm = dlopen("libm.so.6", RTLD_NOW);
    if (libm == NULL) {
        printf("dlopen failed: %s\n", dlerror());
        return 1;
    }
    double (*cosine)(double) = (double (*)(double)) dlsym(libm, "cos");
    if (cosine == NULL) {
        printf("dlsym failed: %s\n", dlerror());
        return 1;
    }
    printf("dlsym cos(0.5) = %.12f, same as the linked one: %s\n", cosine(0.5), cosine(0.5) == cos(0.5) ? "yes" : "no");
    /* a library nothing has loaded yet: ld.so opens and maps it now */
    int before = 0, after = 0;
    dl_iterate_phdr(count_quietly, &before);
    void *anl = dlopen("libanl.so.1", RTLD_NOW);
    dl_iterate_phdr(count_quietly, &after);
    printf("dlopen libanl.so.1: %s, one more object: %s\n", anl != NULL ? "ok" : dlerror(),
           after == before + 1 ? "yes" : "no");
    if (anl != NULL) {
        dlclose(anl);
    }
    void *missing = dlopen("libdoesnotexist.so.9", RTLD_NOW);
    printf("dlopen of a missing library fails: %s\n", missing == NULL ? "yes" : "no");
    dlclose(libm);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = %s\n", i, argv[i]);
    }
    return 3;
}
