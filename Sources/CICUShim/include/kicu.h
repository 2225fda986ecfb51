#ifndef KATALOG_KICU_H
#define KATALOG_KICU_H
/* Katalog's window onto ICU. Only plain C types cross this header: on Linux, Foundation carries its
 * own ICU, and importing the system's ICU headers into a Swift module beside it clashes. */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ICU version the shim was built against, e.g. "72.1". */
const char *kicu_version(void);

#ifdef __cplusplus
}
#endif
#endif
