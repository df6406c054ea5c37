#!/usr/bin/env bash
# Installs the Debian packages pmrisk builds with (skipped when present) and checks for CUDA.
set -euo pipefail

packages=(cmake ninja-build ccache g++ make libfmt-dev libcli11-dev libtomlplusplus-dev libgtest-dev
          libgmock-dev libbenchmark-dev libquantlib0-dev libomp-dev libeigen3-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

nvcc_path=${CUDACXX:-}
[[ -z $nvcc_path ]] && nvcc_path=$(command -v nvcc || true)
[[ -z $nvcc_path && -x /usr/local/cuda/bin/nvcc ]] && nvcc_path=/usr/local/cuda/bin/nvcc
if [[ -z $nvcc_path ]]; then
  echo "setup: the CUDA Toolkit (nvcc, cuRAND, CCCL) is missing: install CUDA 12.4 or newer" \
       "into /usr/local/cuda, or set CUDACXX to its nvcc, then run make again." >&2
  exit 1
fi
echo "$nvcc_path"
