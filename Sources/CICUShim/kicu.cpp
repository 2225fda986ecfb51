#include "kicu.h"
#include <unicode/uversion.h>

extern "C" const char *kicu_version(void) { return U_ICU_VERSION; }
