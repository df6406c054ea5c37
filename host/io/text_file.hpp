#pragma once
// Reads a whole input file into memory, so parsers can hand out views into one buffer.

#include <string>

namespace pmrisk::io {

/// The file's bytes. Throws input_error naming the file when it cannot be opened or read.
std::string read_text_file(const std::string& path);

}  // namespace pmrisk::io
