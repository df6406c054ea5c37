#include "io/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "pmrisk/error.hpp"

namespace pmrisk::io {
namespace {

[[noreturn]] void fail_read(const std::string& path, int error_number) {
  throw input_error({path}, std::string("cannot read file: ") + std::strerror(error_number));
}

// Closes the descriptor on every path out of read_text_file.
struct file_descriptor {
  int fd;
  ~file_descriptor() { ::close(fd); }
};

std::size_t read_some(int fd, char* into, std::size_t size, const std::string& path) {
  for (;;) {
    const ::ssize_t got = ::read(fd, into, size);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) fail_read(path, errno);
  }
}

}  // namespace

std::string read_text_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail_read(path, errno);
  const file_descriptor guard{fd};

  struct stat info {};
  if (::fstat(fd, &info) != 0) fail_read(path, errno);
  if (S_ISDIR(info.st_mode)) fail_read(path, EISDIR);

  // st_size is only a hint (pipes and /proc report 0), so read until end of file, peeking
  // through a small buffer once full rather than doubling a large one.
  std::string bytes(info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0, '\0');
  std::size_t filled = 0;
  for (;;) {
    if (filled == bytes.size()) {
      char probe[4096];
      const std::size_t got = read_some(fd, probe, sizeof probe, path);
      if (got == 0) break;
      bytes.append(probe, got);
      filled += got;
    } else {
      const std::size_t got = read_some(fd, bytes.data() + filled, bytes.size() - filled, path);
      if (got == 0) break;
      filled += got;
    }
  }
  bytes.resize(filled);
  return bytes;
}

}  // namespace pmrisk::io
