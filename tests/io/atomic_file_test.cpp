// atomic_file: outputs appear whole on commit, or not at all.

#include "io/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io_test_support.hpp"

namespace pmrisk::io {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AtomicFile, CommitRenamesTheTextIntoPlace) {
  scratch_dir dir;
  const std::string target = dir.path("margin.csv");
  {
    atomic_file out(target);
    out.stream() << "account,requirement\nA1,3750\n";
    // Until commit, only the temporary file exists, beside the target.
    const std::vector<std::string> before = dir.entries();
    ASSERT_EQ(before.size(), 1u);
    EXPECT_NE(before[0], "margin.csv");
    out.commit();
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"margin.csv"});
  EXPECT_EQ(contents(target), "account,requirement\nA1,3750\n");
}

TEST(AtomicFile, CommitReplacesAnExistingTarget) {
  scratch_dir dir;
  const std::string target = dir.write("margin.csv", "old\n");
  atomic_file out(target);
  out.stream() << "new\n";
  out.commit();
  EXPECT_EQ(contents(target), "new\n");
  EXPECT_EQ(dir.entries().size(), 1u);
}

TEST(AtomicFile, AnExceptionBeforeCommitLeavesNoFile) {
  scratch_dir dir;
  const std::string target = dir.path("margin.csv");
  try {
    atomic_file out(target);
    out.stream() << "partial";
    throw std::runtime_error("engine failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, FailureLeavesAnExistingTargetUntouched) {
  scratch_dir dir;
  const std::string target = dir.write("margin.csv", "previous run\n");
  {
    atomic_file out(target);
    out.stream() << "half of a new run";
  }
  EXPECT_EQ(contents(target), "previous run\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"margin.csv"});
}

TEST(AtomicFile, UnwritableTargetsAreInputErrors) {
  scratch_dir dir;
  const std::string in_missing_dir = dir.path("no/such/dir/margin.csv");
  EXPECT_TRUE(throws_input_error_at([&] { atomic_file out(in_missing_dir); }, in_missing_dir, 0, 0,
                                    "cannot create output file: No such file or directory"));
  const std::string directory = dir.path("");
  EXPECT_TRUE(throws_input_error_at([&] { atomic_file out(directory); }, directory, 0, 0,
                                    "it is a directory"));
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, AFailedWriteThrowsAtCommitAndKeepsTheTarget) {
  scratch_dir dir;
  const std::string target = dir.write("margin.csv", "previous run\n");
  atomic_file out(target);
  out.stream() << "text";
  out.stream().setstate(std::ios::badbit);  // as a full disk would leave it
  EXPECT_THROW(out.commit(), std::runtime_error);
  EXPECT_EQ(contents(target), "previous run\n");
}

}  // namespace
}  // namespace pmrisk::io
