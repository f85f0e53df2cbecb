/*
 * libkernel32.so: exactly kernel32!LocalFree, for computecore result documents.
 * Returns NULL when freed (or for NULL); returns mem itself for a bad free (wrong allocator,
 * double or foreign), which is Windows' failure convention, and frees nothing.
 */
#include "hcs.h"

WHARF_EXPORT void *LocalFree(void *mem) { return standin_LocalFree(mem); }
