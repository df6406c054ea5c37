#!/usr/bin/env bash
# The checks only a machine with an NVIDIA GPU can run (docs/cuda.md, "On a GPU machine"):
# build for sm_90, the whole test suite, compute-sanitizer over the CUDA tests, the
# benchmarks, the capacity run of the GPU acceptance target and a sweep (docs/performance.md,
# "Capacity"), and an Nsight Compute profile of the repricing and aggregation kernels when ncu
# is installed. Raw outputs go to one results directory with a header naming device, date,
# commit.
#
# usage: scripts/gpu-check.sh [results-dir]   (default bench/results/<date>-<short commit>/)
# env:   CUDA_ARCH (default 90), BUILD_DIR (default build-gpu),
#        SANITIZER_FILTER (gtest filter for the sanitizer runs, default all of test_cuda),
#        CAPACITY_ACCOUNTS (default 100000), CAPACITY_SCENARIOS (default 10000)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

arch=${CUDA_ARCH:-90}
build=${BUILD_DIR:-build-gpu}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
results=${1:-bench/results/$(date -u +%Y-%m-%d)-$commit}
sanitizer_filter=${SANITIZER_FILTER:-*}
mkdir -p "$results"
results=$(cd "$results" && pwd)

failed=()
# step NAME COMMAND...: runs COMMAND with its output in NAME.log; records a failure, goes on.
step() {
  local name=$1
  shift
  echo "== $name"
  if "$@" >"$results/$name.log" 2>&1; then
    echo "   ok"
  else
    echo "   FAILED (exit $?), see $results/$name.log"
    failed+=("$name")
  fi
}

nvcc=$(scripts/setup.sh) || exit 1
sanitizer=$(command -v compute-sanitizer || true)
for candidate in "$(dirname "$nvcc")/compute-sanitizer" \
                 "$(dirname "$nvcc")/../compute-sanitizer/compute-sanitizer"; do
  [[ -z $sanitizer && -x $candidate ]] && sanitizer=$candidate
done

{
  echo "# pmrisk GPU check"
  echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:     $(git rev-parse HEAD 2>/dev/null || echo unknown)" \
       "$(git diff --quiet HEAD 2>/dev/null || echo '(working tree has changes)')"
  echo "device:     $(nvidia-smi -L 2>&1 | tr '\n' ' ')"
  echo "driver:     $(nvidia-smi --query-gpu=driver_version,memory.total,clocks.max.sm \
                       --format=csv,noheader 2>&1 | head -1)"
  echo "nvcc:       $("$nvcc" --version | tail -1)"
  echo "sanitizer:  ${sanitizer:-not found} $([[ -n $sanitizer ]] && "$sanitizer" --version | \
                       grep -i version | head -1)"
  echo "host:       $(uname -srm), $(nproc) cores," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "arch:       sm_$arch"
} >"$results/header.txt"
cat "$results/header.txt"

step configure cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CUDA_COMPILER="$nvcc" -DCMAKE_CUDA_ARCHITECTURES="$arch"
step build cmake --build "$build" --parallel

step ctest ctest --test-dir "$build" --output-on-failure --timeout 1800 \
  --output-junit "$results/ctest.xml"

if [[ -z $sanitizer ]]; then
  echo "== compute-sanitizer not found (install the CUDA Toolkit's compute-sanitizer)"
  failed+=(compute-sanitizer)
else
  for tool in memcheck racecheck initcheck synccheck; do
    extra=()
    [[ $tool == memcheck ]] && extra=(--leak-check full)
    step "sanitizer-$tool" "$sanitizer" --tool "$tool" "${extra[@]}" --error-exitcode 86 \
      "$build/bin/test_cuda" --gtest_filter="$sanitizer_filter"
  done
fi

if [[ -x $build/bin/pmrisk_bench ]]; then
  echo "== benchmarks"
  if "$build/bin/pmrisk_bench" --benchmark_format=json >"$results/bench.json" \
       2>"$results/bench.log"; then
    echo "   ok"
  else
    echo "   FAILED, see $results/bench.log"
    failed+=(bench)
  fi
else
  echo "== benchmarks: $build/bin/pmrisk_bench was not built"
  failed+=(bench)
fi

# The GPU acceptance target: 100,000 accounts holding 1,000,000 positions (10 per account) on
# 5,000 underlyings, the TIMS grid and 10,000 Monte Carlo scenarios, every stage timed (load and
# write apart). Then how time grows with accounts and with scenarios. Each output file starts
# with the header and the command.
pmrisk=$build/bin/pmrisk
capacity_accounts=${CAPACITY_ACCOUNTS:-100000}
capacity_scenarios=${CAPACITY_SCENARIOS:-10000}
# capacity NAME ARGS...: `pmrisk bench ARGS` on CUDA, its table in NAME.txt under the header and
# the command, its JSON in NAME.json; records a failure, goes on.
capacity() {
  local name=$1
  shift
  echo "== $name"
  if {
    cat "$results/header.txt"
    echo "command:    pmrisk bench $* --backend cuda --json $name.json"
    echo
    "$pmrisk" bench "$@" --backend cuda --json "$results/$name.json"
  } >"$results/$name.txt" 2>&1; then
    echo "   ok"
  else
    echo "   FAILED (exit $?), see $results/$name.txt"
    failed+=("$name")
  fi
}
if [[ -x $pmrisk ]]; then
  capacity capacity-target --accounts "$capacity_accounts" --underlyings 5000 \
    --positions-per-account 10 --scenarios "$capacity_scenarios" --seed 42
  capacity capacity-tims --accounts "$capacity_accounts" --underlyings 5000 \
    --positions-per-account 10 --seed 42
  capacity sweep-accounts --sweep accounts=1000,10000,100000,1000000 --underlyings 5000 \
    --seed 42 --svg "$results/sweep-accounts.svg"
  capacity sweep-scenarios --sweep scenarios=1000,10000,100000 --accounts 10000 \
    --underlyings 5000 --seed 42 --svg "$results/sweep-scenarios.svg"
else
  echo "== capacity: $pmrisk was not built"
  failed+=(capacity)
fi

# Nsight Compute on the repricing and aggregation kernels of a 10,000-account TIMS run plus
# one Monte Carlo tile: the first few launches of each, with the full section set.
ncu=$(command -v ncu || true)
[[ -z $ncu && -x $(dirname "$nvcc")/ncu ]] && ncu=$(dirname "$nvcc")/ncu
if [[ -z $ncu ]]; then
  echo "== ncu not found: no kernel profile (install Nsight Compute for one)"
elif [[ -x $pmrisk ]]; then
  step ncu-kernels "$ncu" --set full --launch-count 12 \
    --kernel-name 'regex:reprice_kernel|risk_array_kernel|worst_point_kernel|account_pnl_kernel' \
    --export "$results/ncu-kernels" --force-overwrite \
    "$pmrisk" bench --accounts 10000 --underlyings 1000 --scenarios 1000 --seed 42 \
    --backend cuda --quiet
  [[ -f $results/ncu-kernels.ncu-rep ]] &&
    step ncu-summary "$ncu" --import "$results/ncu-kernels.ncu-rep" --print-summary per-kernel
fi

echo "results in $results"
if ((${#failed[@]})); then
  echo "failed: ${failed[*]}" | tee -a "$results/header.txt"
  exit 1
fi
echo "status:     all steps passed" >>"$results/header.txt"
