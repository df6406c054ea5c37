# Front door for a fresh machine: `make demo` and `make test`.
BUILD_DIR   ?= build
BUILD_TYPE  ?= Release
CUDA_ARCHS  ?= 80;90
ASOF        ?= 2026-11-20

PMRISK := $(BUILD_DIR)/bin/pmrisk

.PHONY: all setup configure build demo test bench format clean

all: build

setup:
	@scripts/setup.sh >/dev/null

configure:
	@nvcc=$$(scripts/setup.sh) && cmake -S . -B $(BUILD_DIR) -G Ninja \
	  -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_CUDA_COMPILER="$$nvcc" \
	  "-DCMAKE_CUDA_ARCHITECTURES=$(CUDA_ARCHS)" >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) --parallel

demo: build
	$(PMRISK) margin --market examples/market.csv --positions examples/positions.csv \
	  --house configs/house.toml --accounts examples/accounts.csv \
	  --asof $(ASOF) --out $(BUILD_DIR)/demo-margin.csv

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure --timeout 600

bench: build
	$(BUILD_DIR)/bin/pmrisk_bench --benchmark_counters_tabular=true

format:
	@git ls-files '*.hpp' '*.cpp' '*.cu' '*.cuh' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
