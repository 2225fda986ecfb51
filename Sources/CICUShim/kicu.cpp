#include "kicu_internal.h"
#include <unicode/uversion.h>

extern "C" const char *kicu_version(void) { return U_ICU_VERSION; }

extern "C" const char *kicu_status_name(int32_t status) {
    switch (status) {
    case KICU_OK: return "ok";
    case KICU_BUFFER_TOO_SMALL: return "buffer too small";
    case KICU_UNKNOWN_NAME: return "unknown converter or transform";
    case KICU_NOT_SINGLE_BYTE: return "not a single-byte charset";
    case KICU_UNMAPPABLE: return "unmappable character";
    case KICU_MALFORMED: return "malformed input";
    case KICU_INVALID_ARGUMENT: return "invalid argument";
    case KICU_ICU_ERROR: return "ICU error";
    default: return "unknown status";
    }
}

int32_t kicu::status_from(UErrorCode ec) {
    if (U_SUCCESS(ec)) return KICU_OK; // warnings (e.g. U_AMBIGUOUS_ALIAS_WARNING) are not failures
    switch (ec) {
    case U_BUFFER_OVERFLOW_ERROR: return KICU_BUFFER_TOO_SMALL;
    // ucnv_open reports an unknown converter name as a missing data file.
    case U_FILE_ACCESS_ERROR:
    case U_INVALID_ID: return KICU_UNKNOWN_NAME;
    case U_INVALID_CHAR_FOUND: return KICU_UNMAPPABLE;
    case U_ILLEGAL_CHAR_FOUND:
    case U_TRUNCATED_CHAR_FOUND:
    case U_ILLEGAL_ESCAPE_SEQUENCE:
    case U_UNSUPPORTED_ESCAPE_SEQUENCE: return KICU_MALFORMED;
    case U_ILLEGAL_ARGUMENT_ERROR:
    case U_INDEX_OUTOFBOUNDS_ERROR: return KICU_INVALID_ARGUMENT;
    default: return KICU_ICU_ERROR;
    }
}
