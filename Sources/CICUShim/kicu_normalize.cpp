#include "kicu_internal.h"
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

using icu::Normalizer2;

// The instances are process-wide singletons owned by ICU and safe to share between threads.
static const Normalizer2 *instance(int32_t form, UErrorCode &ec) {
    switch (form) {
    case KICU_NFC: return Normalizer2::getNFCInstance(ec);
    case KICU_NFD: return Normalizer2::getNFDInstance(ec);
    case KICU_NFKC: return Normalizer2::getNFKCInstance(ec);
    case KICU_NFKD: return Normalizer2::getNFKDInstance(ec);
    case KICU_NFKC_CASEFOLD: return Normalizer2::getNFKCCasefoldInstance(ec);
    default: ec = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
}

extern "C" int32_t kicu_is_normalized_utf8(int32_t form, const uint8_t *src, size_t length, int32_t *result) {
    if (result == nullptr || (src == nullptr && length > 0) || !kicu::fits_int32(length)) return KICU_INVALID_ARGUMENT;
    UErrorCode ec = U_ZERO_ERROR;
    const Normalizer2 *n = instance(form, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    icu::StringPiece piece(reinterpret_cast<const char *>(src), static_cast<int32_t>(length));
    UBool yes = n->isNormalizedUTF8(piece, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    *result = yes ? 1 : 0;
    return KICU_OK;
}

extern "C" int32_t kicu_normalize_utf8(int32_t form, const uint8_t *src, size_t length, uint8_t *dest,
                                       size_t capacity, size_t *needed) {
    if (needed == nullptr || (src == nullptr && length > 0) || (dest == nullptr && capacity > 0) ||
        !kicu::fits_int32(length) || !kicu::fits_int32(capacity))
        return KICU_INVALID_ARGUMENT;
    UErrorCode ec = U_ZERO_ERROR;
    const Normalizer2 *n = instance(form, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    char scratch; // CheckedArrayByteSink wants a pointer even when the caller only asks for the size
    icu::CheckedArrayByteSink sink(dest != nullptr ? reinterpret_cast<char *>(dest) : &scratch,
                                   static_cast<int32_t>(capacity));
    icu::StringPiece piece(reinterpret_cast<const char *>(src), static_cast<int32_t>(length));
    n->normalizeUTF8(0, piece, sink, nullptr, ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    // The sink keeps counting past its capacity, so one call both fills and measures.
    *needed = static_cast<size_t>(sink.NumberOfBytesAppended());
    return sink.Overflowed() ? KICU_BUFFER_TOO_SMALL : KICU_OK;
}

extern "C" int32_t kicu_canonical_decomposition(uint32_t code_point, uint32_t *dest, size_t capacity,
                                                size_t *count) {
    if (count == nullptr || (dest == nullptr && capacity > 0) || code_point > 0x10FFFF) return KICU_INVALID_ARGUMENT;
    UErrorCode ec = U_ZERO_ERROR;
    // getDecomposition on the NFD instance is the full (recursive) canonical decomposition, which is
    // what an encoder falling back to base letter + combining marks needs.
    const Normalizer2 *nfd = Normalizer2::getNFDInstance(ec);
    if (U_FAILURE(ec)) return kicu::status_from(ec);
    icu::UnicodeString decomposition;
    if (!nfd->getDecomposition(static_cast<UChar32>(code_point), decomposition)) {
        *count = 0;
        return KICU_OK;
    }
    size_t n = 0;
    for (int32_t i = 0; i < decomposition.length();) {
        UChar32 c = decomposition.char32At(i);
        if (n < capacity) dest[n] = static_cast<uint32_t>(c);
        ++n;
        i += U16_LENGTH(c);
    }
    *count = n;
    return n > capacity ? KICU_BUFFER_TOO_SMALL : KICU_OK;
}

extern "C" uint32_t kicu_nfc_properties(uint32_t code_point) {
    if (code_point > 0x10FFFF) return 0;
    UChar32 c = static_cast<UChar32>(code_point);
    uint32_t ccc = u_getCombiningClass(c);
    // UNORM_NO = 0, UNORM_YES = 1, UNORM_MAYBE = 2 in ICU; remapped so that 0 means "stays as it is".
    int32_t qc = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
    uint32_t check = qc == UNORM_YES ? 0 : qc == UNORM_NO ? 1 : 2;
    return ccc | (check << 8);
}
