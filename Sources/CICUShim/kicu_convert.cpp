#include "kicu_internal.h"
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <cstring>
#include <memory>
#include <vector>

namespace {

struct ConverterCloser {
    void operator()(UConverter *c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// Opens a converter that stops at the first unmappable or malformed unit in both directions, so the
// caller learns about every problem instead of getting ICU's silent substitution characters.
Converter open_stopping(const char *name, UErrorCode &ec) {
    // ucnv_open("") would open the process's default converter, which is never what a caller meant.
    if (name[0] == '\0') {
        ec = U_FILE_ACCESS_ERROR;
        return nullptr;
    }
    Converter cnv(ucnv_open(name, &ec));
    if (U_FAILURE(ec)) return nullptr;
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
    ucnv_setFromUCallBack(cnv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
    if (U_FAILURE(ec)) return nullptr;
    // A warning such as U_AMBIGUOUS_ALIAS_WARNING ("windows-1252") must not leak into later calls,
    // where ICU would read it as the incoming status.
    ec = U_ZERO_ERROR;
    return cnv;
}

// Writes UTF-16 as UTF-8 into the caller's buffer, measuring the full length.
int32_t utf16_to_caller_utf8(const UChar *u, int32_t ulength, uint8_t *dest, size_t capacity, size_t *needed) {
    UErrorCode ec = U_ZERO_ERROR;
    int32_t cap = static_cast<int32_t>(capacity);
    int32_t length = 0;
    u_strToUTF8(reinterpret_cast<char *>(dest), cap, &length, u, ulength, &ec);
    *needed = static_cast<size_t>(length);
    if (ec == U_BUFFER_OVERFLOW_ERROR || ec == U_STRING_NOT_TERMINATED_WARNING) {
        return static_cast<size_t>(length) > capacity ? KICU_BUFFER_TOO_SMALL : KICU_OK;
    }
    return kicu::status_from(ec);
}

} // namespace

extern "C" int32_t kicu_converter_name(const char *alias, char *canonical, size_t capacity) {
    if (alias == nullptr || canonical == nullptr || capacity == 0) return KICU_INVALID_ARGUMENT;
    if (alias[0] == '\0') return KICU_UNKNOWN_NAME; // "" would name the default converter
    UErrorCode ec = U_ZERO_ERROR;
    // Opening resolves the alias exactly as every other shim call will; ICU caches the shared table,
    // so this costs little more than the alias lookup.
    Converter cnv(ucnv_open(alias, &ec));
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    ec = U_ZERO_ERROR;
    const char *name = ucnv_getName(cnv.get(), &ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    std::strncpy(canonical, name, capacity - 1);
    canonical[capacity - 1] = '\0';
    return KICU_OK;
}

extern "C" int32_t kicu_sbcs_tables(const char *converter, uint32_t to_unicode[256], int16_t from_unicode[256],
                                    char *canonical, size_t canonical_capacity) {
    if (converter == nullptr || to_unicode == nullptr || from_unicode == nullptr) return KICU_INVALID_ARGUMENT;
    UErrorCode ec = U_ZERO_ERROR;
    Converter cnv = open_stopping(converter, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    if (ucnv_getMaxCharSize(cnv.get()) != 1) return KICU_NOT_SINGLE_BYTE;
    if (canonical != nullptr && canonical_capacity > 0) {
        const char *name = ucnv_getName(cnv.get(), &ec);
        if (U_FAILURE(ec)) return kicu::status_from(ec);
        std::strncpy(canonical, name, canonical_capacity - 1);
        canonical[canonical_capacity - 1] = '\0';
    }
    for (int b = 0; b < 256; ++b) {
        to_unicode[b] = 0xFFFFFFFF;
        from_unicode[b] = -1;
        // Each byte on its own, from a clean state: a single-byte charset has no state to carry.
        ucnv_reset(cnv.get());
        const char byte = static_cast<char>(b);
        const char *source = &byte;
        UChar units[4];
        UChar *target = units;
        ec = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, units + 4, &source, &byte + 1, nullptr, true, &ec);
        if (U_FAILURE(ec)) continue; // unmapped (or illegal) in this charset
        int32_t n = static_cast<int32_t>(target - units);
        if (n == 0) continue;
        UChar32 c;
        int32_t i = 0;
        U16_NEXT(units, i, n, c);
        if (i != n || U_IS_SURROGATE(c)) continue; // several characters for one byte: not a table entry
        to_unicode[b] = static_cast<uint32_t>(c);

        // Ask ICU for the reverse mapping of that code point: several bytes can decode to one code
        // point (or a byte's mapping can be a one-way fallback), and only ICU knows which byte wins.
        ucnv_reset(cnv.get());
        const UChar *usource = units;
        char out[8];
        char *otarget = out;
        ec = U_ZERO_ERROR;
        ucnv_fromUnicode(cnv.get(), &otarget, out + sizeof out, &usource, units + n, nullptr, true, &ec);
        if (U_SUCCESS(ec) && otarget - out == 1) from_unicode[b] = static_cast<uint8_t>(out[0]);
    }
    return KICU_OK;
}

extern "C" int32_t kicu_convert_to_utf8(const char *converter, const uint8_t *src, size_t length, uint8_t *dest,
                                        size_t capacity, size_t *needed, size_t *error_offset) {
    if (converter == nullptr || needed == nullptr || error_offset == nullptr || (src == nullptr && length > 0) ||
        (dest == nullptr && capacity > 0) || !kicu::fits_int32(length) || !kicu::fits_int32(capacity))
        return KICU_INVALID_ARGUMENT;
    *needed = 0;
    *error_offset = 0;
    UErrorCode ec = U_ZERO_ERROR;
    Converter cnv = open_stopping(converter, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    // A byte yields at most two UTF-16 units (a supplementary code point) in every ICU charset.
    std::vector<UChar> units(length * 2 + 1);
    const char *start = reinterpret_cast<const char *>(src);
    const char *source = start;
    UChar *target = units.data();
    ucnv_toUnicode(cnv.get(), &target, units.data() + units.size(), &source, start + length, nullptr, true, &ec);
    if (U_FAILURE(ec)) {
        int32_t status = kicu::status_from(ec);
        // ICU has consumed the offending bytes; they are the last ones before `source`.
        char bad[32];
        int8_t badLength = sizeof bad;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv.get(), bad, &badLength, &ignored);
        *error_offset = static_cast<size_t>(source - start) - (U_SUCCESS(ignored) ? badLength : 0);
        return status;
    }
    return utf16_to_caller_utf8(units.data(), static_cast<int32_t>(target - units.data()), dest, capacity, needed);
}

extern "C" int32_t kicu_convert_from_utf8(const char *converter, const uint8_t *src, size_t length, uint8_t *dest,
                                          size_t capacity, size_t *needed, size_t *error_offset) {
    if (converter == nullptr || needed == nullptr || error_offset == nullptr || (src == nullptr && length > 0) ||
        (dest == nullptr && capacity > 0) || !kicu::fits_int32(length) || !kicu::fits_int32(capacity))
        return KICU_INVALID_ARGUMENT;
    *needed = 0;
    *error_offset = 0;
    // Find malformed UTF-8 ourselves: u_strFromUTF8 says that it failed, not where.
    const int32_t len = static_cast<int32_t>(length);
    for (int32_t i = 0; i < len;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(src, i, len, c);
        if (c < 0) {
            *error_offset = static_cast<size_t>(at);
            return KICU_MALFORMED;
        }
    }
    UErrorCode ec = U_ZERO_ERROR;
    int32_t ulength = 0;
    u_strFromUTF8(nullptr, 0, &ulength, reinterpret_cast<const char *>(src), len, &ec);
    if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec)) return kicu::status_from(ec);
    std::vector<UChar> units(static_cast<size_t>(ulength) + 1);
    ec = U_ZERO_ERROR;
    u_strFromUTF8(units.data(), ulength + 1, nullptr, reinterpret_cast<const char *>(src), len, &ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);

    Converter cnv = open_stopping(converter, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    const int32_t cap = static_cast<int32_t>(capacity);
    char scratch[1];
    // Measure and fill in one pass: fill the caller's buffer, then keep converting into a scratch
    // chunk only to count what did not fit.
    char *begin = dest != nullptr ? reinterpret_cast<char *>(dest) : scratch;
    char *target = begin;
    const char *targetLimit = begin + (dest != nullptr ? cap : 0);
    const UChar *usource = units.data();
    const UChar *ulimit = units.data() + ulength;
    size_t total = 0;
    char overflow[256];
    bool overflowed = false;
    for (;;) {
        ucnv_fromUnicode(cnv.get(), &target, targetLimit, &usource, ulimit, nullptr, true, &ec);
        total += static_cast<size_t>(target - begin);
        if (ec == U_BUFFER_OVERFLOW_ERROR) {
            overflowed = true;
            ec = U_ZERO_ERROR;
            begin = target = overflow;
            targetLimit = overflow + sizeof overflow;
            continue;
        }
        break;
    }
    if (U_FAILURE(ec)) {
        int32_t status = kicu::status_from(ec);
        UChar bad[8];
        int8_t badLength = 8;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidUChars(cnv.get(), bad, &badLength, &ignored);
        int32_t uindex = static_cast<int32_t>(usource - units.data()) - (U_SUCCESS(ignored) ? badLength : 0);
        // Back from a UTF-16 index to the UTF-8 offset the caller knows.
        int32_t utf8Offset = 0;
        UErrorCode measure = U_ZERO_ERROR;
        u_strToUTF8(nullptr, 0, &utf8Offset, units.data(), uindex, &measure);
        *error_offset = static_cast<size_t>(utf8Offset);
        return status;
    }
    *needed = total;
    return overflowed ? KICU_BUFFER_TOO_SMALL : KICU_OK;
}
