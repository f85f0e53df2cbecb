/*
 * libole32.so: exactly ole32!CoTaskMemFree, releasing the stand-in's counted COTASKMEM buffers
 * (computenetwork results and error records). NULL is a no-op, as on Windows; a buffer that is
 * not a live COTASKMEM buffer of ours is counted as a bad free by core and not freed.
 */
#include "standin.h"

WHARF_EXPORT void CoTaskMemFree(void *pv) {
    if (!pv) return;
    (void)standin_take_back(STANDIN_ALLOC_COTASKMEM, pv);
}
