#ifndef SHOOTDOWN_ALLOCATOR_TUNING_H
#define SHOOTDOWN_ALLOCATOR_TUNING_H

/// Serves every block of at least `bytes` bytes from a mapping of its own, given back to the
/// system when the block is freed (glibc's M_MMAP_THRESHOLD, which also stops glibc from
/// raising the threshold as large blocks are freed). Returns 0 where the C library has no such
/// setting or refuses it.
int shootdown_map_large_blocks(int bytes);

#endif
