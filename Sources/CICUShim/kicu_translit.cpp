#include "kicu_internal.h"
#include <unicode/bytestream.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

using icu::Transliterator;

namespace {

// Building a transliterator from an id compiles its rules (about 27 ms for "Any-Latin; Latin-ASCII"
// on ICU 72), while cloning a built one takes microseconds. ICU does not promise that one instance
// may transliterate on several threads at once, so each call borrows a clone of its own and gives it
// back; the pool keeps a few idle clones per id.
struct Pool {
    std::unique_ptr<Transliterator> prototype;
    std::vector<Transliterator *> idle;
};

constexpr size_t maxIdlePerId = 16;

std::mutex poolMutex;
// Never destroyed: worker threads may still transliterate while the process runs its static
// destructors at exit.
auto *pools = new std::unordered_map<std::string, Pool>();

Transliterator *borrow(const char *id, UErrorCode &ec) {
    std::string key(id);
    {
        std::lock_guard<std::mutex> lock(poolMutex);
        auto it = pools->find(key);
        if (it != pools->end()) {
            Pool &pool = it->second;
            if (!pool.idle.empty()) {
                Transliterator *t = pool.idle.back();
                pool.idle.pop_back();
                return t;
            }
            return pool.prototype->clone();
        }
    }
    // Compile outside the lock so that a slow first use of one id does not stall the others.
    std::unique_ptr<Transliterator> built(
        Transliterator::createInstance(icu::UnicodeString::fromUTF8(key), UTRANS_FORWARD, ec));
    if (U_FAILURE(ec) || !built) {
        if (U_SUCCESS(ec)) ec = U_INVALID_ID;
        return nullptr;
    }
    std::lock_guard<std::mutex> lock(poolMutex);
    auto [it, inserted] = pools->try_emplace(key);
    if (inserted) it->second.prototype = std::move(built);
    return it->second.prototype->clone();
}

void give_back(const char *id, Transliterator *t) {
    std::lock_guard<std::mutex> lock(poolMutex);
    auto it = pools->find(std::string(id));
    if (it != pools->end() && it->second.idle.size() < maxIdlePerId) {
        it->second.idle.push_back(t);
        return;
    }
    delete t;
}

} // namespace

extern "C" int32_t kicu_transliterate_utf8(const char *id, const uint8_t *src, size_t length, uint8_t *dest,
                                           size_t capacity, size_t *needed) {
    if (id == nullptr || needed == nullptr || (src == nullptr && length > 0) || (dest == nullptr && capacity > 0) ||
        !kicu::fits_int32(length) || !kicu::fits_int32(capacity))
        return KICU_INVALID_ARGUMENT;
    UErrorCode ec = U_ZERO_ERROR;
    Transliterator *t = borrow(id, ec);
    if (t == nullptr) {
        // A compound id that does not parse comes back as one of several syntax errors; to the
        // caller they all mean "no such transform".
        bool syntax = (ec > U_PARSE_ERROR_START && ec < U_PARSE_ERROR_LIMIT) || ec == U_ILLEGAL_ARGUMENT_ERROR;
        return syntax ? KICU_UNKNOWN_NAME : kicu::status_from(ec);
    }
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(reinterpret_cast<const char *>(src), static_cast<int32_t>(length)));
    if (text.isBogus()) {
        give_back(id, t);
        return KICU_ICU_ERROR;
    }
    t->transliterate(text);
    give_back(id, t);
    char scratch;
    icu::CheckedArrayByteSink sink(dest != nullptr ? reinterpret_cast<char *>(dest) : &scratch,
                                   static_cast<int32_t>(capacity));
    text.toUTF8(sink);
    *needed = static_cast<size_t>(sink.NumberOfBytesAppended());
    return sink.Overflowed() ? KICU_BUFFER_TOO_SMALL : KICU_OK;
}
