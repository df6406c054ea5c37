#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "pmrisk/error.hpp"

namespace pmrisk::io {
namespace {

// Distinguishes temporary files of one process; O_EXCL settles clashes with leftovers.
std::atomic<unsigned> temporary_serial{0};

constexpr int max_create_attempts = 100;

}  // namespace

atomic_file::atomic_file(std::filesystem::path target) : target_(std::move(target)) {
  const auto fail = [&](const std::string& reason) {
    throw input_error({target_.string()}, "cannot create output file: " + reason);
  };
  std::error_code ignored;
  if (!target_.has_filename() || std::filesystem::is_directory(target_, ignored)) {
    fail("it is a directory");
  }
  const std::filesystem::path directory =
      target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  for (int attempt = 0; descriptor_ < 0; ++attempt) {
    temporary_ = directory / fmt::format(".{}.{}.{}.tmp", target_.filename().string(), ::getpid(),
                                         temporary_serial.fetch_add(1));
    descriptor_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (descriptor_ < 0 && (errno != EEXIST || attempt + 1 == max_create_attempts)) {
      fail(std::strerror(errno));
    }
  }
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    ::close(descriptor_);
    ::unlink(temporary_.c_str());
    fail("cannot open " + temporary_.string());
  }
}

atomic_file::~atomic_file() {
  if (committed_) return;
  stream_.close();
  ::close(descriptor_);
  ::unlink(temporary_.c_str());
}

void atomic_file::commit() {
  PMRISK_EXPECTS(!committed_, "an atomic_file commits once");
  const auto fail = [&](const std::string& reason) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", target_.string(), reason));
  };
  stream_.close();
  if (stream_.fail()) fail("writing " + temporary_.string() + " failed (is the disk full?)");
  // Without the fsync a crash soon after the rename could leave an empty file in place.
  if (::fsync(descriptor_) != 0) fail(std::strerror(errno));
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail(std::strerror(errno));
  ::close(descriptor_);
  committed_ = true;
}

}  // namespace pmrisk::io
