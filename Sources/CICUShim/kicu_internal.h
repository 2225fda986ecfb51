// Shared between the shim's C++ files; never seen by Swift (it is not under include/).
#ifndef KATALOG_KICU_INTERNAL_H
#define KATALOG_KICU_INTERNAL_H
#include "kicu.h"
#include <unicode/utypes.h>
#include <climits>

namespace kicu {

// One place turns ICU's error codes into the shim's small set, so Swift never needs ICU's enum.
int32_t status_from(UErrorCode ec);

// ICU measures buffers in int32_t; a size_t beyond that is refused rather than silently truncated.
inline bool fits_int32(size_t n) { return n <= static_cast<size_t>(INT32_MAX); }

} // namespace kicu
#endif
