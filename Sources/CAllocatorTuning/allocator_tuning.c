#include "allocator_tuning.h"

#include <stdlib.h> // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>

int shootdown_map_large_blocks(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes);
}
#else
int shootdown_map_large_blocks(int bytes) {
    (void)bytes;
    return 0;
}
#endif
