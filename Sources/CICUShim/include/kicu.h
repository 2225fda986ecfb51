#ifndef KATALOG_KICU_H
#define KATALOG_KICU_H
/* Katalog's window onto ICU. Only plain C types cross this header: on Linux, Foundation carries its
 * own ICU, and importing the system's ICU headers into a Swift module beside it clashes.
 *
 * Conventions: text crosses as UTF-8 byte buffers (pointer + length). Functions that fill a caller
 * buffer take its capacity and report in *needed how many bytes the full result takes; when that is
 * more than the capacity they return KICU_BUFFER_TOO_SMALL and the caller calls again with a buffer
 * of *needed bytes. Every function returns one of the status codes below, never an ICU error. */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KICU_OK 0
/* The result did not fit; *needed holds its size. */
#define KICU_BUFFER_TOO_SMALL 1
/* ICU knows no converter or transform of that name, or a compound transform id does not parse. */
#define KICU_UNKNOWN_NAME (-1)
/* The converter exists but is not a single-byte charset. */
#define KICU_NOT_SINGLE_BYTE (-2)
/* Conversion met bytes or characters the charset cannot map; *error_offset says where. */
#define KICU_UNMAPPABLE (-3)
/* Conversion met bytes that are malformed in the source charset (e.g. bad UTF-8). */
#define KICU_MALFORMED (-4)
/* A NULL pointer, an unknown form, a length ICU cannot take (over INT32_MAX). */
#define KICU_INVALID_ARGUMENT (-5)
/* Anything else ICU reported (missing data, out of memory). */
#define KICU_ICU_ERROR (-6)

/* The ICU version the shim was built against, e.g. "72.1". */
const char *kicu_version(void);

/* A short English name for a status code, for messages. */
const char *kicu_status_name(int32_t status);

/* ---- Normalization (icu::Normalizer2 on UTF-8) ----
 * Ill-formed UTF-8 is NOT replaced by ICU: Normalizer2 copies such bytes through unchanged and counts
 * them as normalized. Callers that need valid output must repair the input first (Charsets does). */
#define KICU_NFC 0
#define KICU_NFD 1
#define KICU_NFKC 2
#define KICU_NFKD 3
#define KICU_NFKC_CASEFOLD 4

/* *result = 1 when src is already in the form, else 0. */
int32_t kicu_is_normalized_utf8(int32_t form, const uint8_t *src, size_t length, int32_t *result);

/* Writes the normalized form of src into dest (capacity bytes); *needed = full output length. */
int32_t kicu_normalize_utf8(int32_t form, const uint8_t *src, size_t length, uint8_t *dest, size_t capacity,
                            size_t *needed);

/* The full canonical decomposition (NFD) of one code point into dest. *count = number of code points
 * (0 when the code point has none: it is its own NFD); KICU_BUFFER_TOO_SMALL when capacity < *count.
 * No canonical decomposition is longer than 4 code points; Hangul syllables decompose too. */
int32_t kicu_canonical_decomposition(uint32_t code_point, uint32_t *dest, size_t capacity, size_t *count);

/* Per-code-point normalization properties in one call: the canonical combining class in bits 0-7 and
 * the NFC_Quick_Check value in bits 8-9 (0 = Yes, 1 = No, 2 = Maybe). Out-of-range input gives 0. */
uint32_t kicu_nfc_properties(uint32_t code_point);

/* ---- Code pages (ucnv) ---- */

/* ICU's canonical name for a converter name or alias ("cp850" -> "ibm-850_P100-1995"), NUL-terminated
 * and truncated to capacity. KICU_UNKNOWN_NAME when ICU has no such converter. */
int32_t kicu_converter_name(const char *alias, char *canonical, size_t capacity);

/* For a single-byte ICU converter: to_unicode[b] = the code point byte b decodes to, or 0xFFFFFFFF when
 * ICU maps it to nothing; from_unicode[b] = the byte ICU encodes that code point back to (no fallbacks),
 * or -1 when it does not round-trip. canonical (may be NULL) receives ICU's canonical converter name,
 * NUL-terminated and truncated to canonical_capacity. */
int32_t kicu_sbcs_tables(const char *converter, uint32_t to_unicode[256], int16_t from_unicode[256],
                         char *canonical, size_t canonical_capacity);

/* Whole-buffer conversion between any ICU charset and UTF-8, stopping at the first problem:
 * KICU_UNMAPPABLE / KICU_MALFORMED with *error_offset = offset in src of the first bad unit
 * (for from-UTF-8, the offset of the first byte of the character ICU could not map). */
int32_t kicu_convert_to_utf8(const char *converter, const uint8_t *src, size_t length, uint8_t *dest,
                             size_t capacity, size_t *needed, size_t *error_offset);
int32_t kicu_convert_from_utf8(const char *converter, const uint8_t *src, size_t length, uint8_t *dest,
                               size_t capacity, size_t *needed, size_t *error_offset);

/* ---- Transliteration (icu::Transliterator) ----
 * id is an ICU transform id or compound id ("Any-Latin; Latin-ASCII"). Compiled transliterators are
 * cached per id; concurrent calls are safe (each call borrows its own clone). Ill-formed UTF-8 in src
 * becomes U+FFFD. */
int32_t kicu_transliterate_utf8(const char *id, const uint8_t *src, size_t length, uint8_t *dest,
                                size_t capacity, size_t *needed);

#ifdef __cplusplus
}
#endif
#endif
