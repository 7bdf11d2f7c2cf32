#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/held_message.h"

namespace rapport {

// Byte encodings for values the store writes: little-endian fixed integers,
// LEB128 varints and varint-length-prefixed strings. Appenders never fail;
// readers consume from the front of *input and return false, leaving *input
// unspecified, when it is too short or malformed.

void PutFixed64(std::string* dst, uint64_t value);
void PutVarint64(std::string* dst, uint64_t value);
void PutLengthPrefixed(std::string* dst, std::string_view value);
// A signed integer as a zig-zag varint.
void PutInt64(std::string* dst, int64_t value);

uint64_t DecodeFixed64(const char* ptr);
bool GetFixed64(std::string_view* input, uint64_t* value);
bool GetVarint64(std::string_view* input, uint64_t* value);
bool GetLengthPrefixed(std::string_view* input, std::string_view* value);
bool GetInt64(std::string_view* input, int64_t* value);
// GetLengthPrefixed() into a string of its own.
bool GetString(std::string_view* input, std::string* value);

// Appends the versioned binary form of `held` to *dst.
void EncodeHeldMessage(const HeldMessage& held, std::string* dst);

// Decodes a value written by EncodeHeldMessage into *out. A truncated,
// oversized or unknown-version value returns Status::Corruption and leaves
// *out unspecified; no input makes it crash or allocate more than a small
// multiple of the input's size.
Status DecodeHeldMessage(std::string_view input, HeldMessage* out);

}  // namespace rapport
