#include "capacity/scratch_directory.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "pmrisk/error.hpp"

namespace pmrisk::capacity {

scratch_directory::scratch_directory(const std::filesystem::path& parent) {
  std::error_code error;
  const std::filesystem::path base =
      parent.empty() ? std::filesystem::temp_directory_path(error) : parent;
  if (error)
    throw input_error({"$TMPDIR"}, "no temporary directory for the run: " + error.message());
  std::string name = (base / "pmrisk-bench-XXXXXX").string();
  if (::mkdtemp(name.data()) == nullptr) {
    throw input_error({base.string()}, std::string("cannot create a directory for the run: ") +
                                           std::strerror(errno));
  }
  path_ = name;
}

scratch_directory::~scratch_directory() {
  std::error_code ignored;  // a destructor must not throw; a leftover directory is harmless
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace pmrisk::capacity
