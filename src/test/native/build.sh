#!/usr/bin/env bash
# Builds the Linux stand-in for the Windows DLLs Wharf binds (test only, never shipped).
#
#   src/test/native/build.sh [OUTDIR]        (default: <repo>/target/native)
#
# Produces libwharfstandin.so (core.c hcs.c hcn.c scm.c) and the thin libraries
# libcomputecore.so, libkernel32.so, libcomputenetwork.so, libole32.so and libadvapi32.so, which
# export exactly the Windows names and forward into libwharfstandin.so (found via rpath $ORIGIN).
# Maven runs this on every test run: it does nothing when the outputs are newer than every source.
# It builds into a temporary directory and moves the complete set into place, so a failed build
# never leaves a half set behind.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="${1:-$repo/target/native}"

if ! command -v gcc >/dev/null 2>&1; then
    echo "[wharf-native] gcc not found: the HCS/HCN stand-in is not built, so HCS tests will skip (fail under CI=true)"
    exit 0
fi

core_sources=(core.c hcs.c hcn.c scm.c)
thin_libraries=(computecore kernel32 computenetwork ole32 advapi32)
outputs=(libwharfstandin.so)
for name in "${thin_libraries[@]}"; do outputs+=("lib$name.so"); done

mkdir -p "$out"
out="$(cd "$out" && pwd)"

up_to_date() {
    local output input
    for output in "${outputs[@]}"; do
        [[ -f "$out/$output" ]] || return 1
        for input in "$here"/*.c "$here"/*.h "$here/build.sh"; do
            [[ -e "$input" ]] || continue
            [[ "$input" -nt "$out/$output" ]] && return 1
        done
    done
    return 0
}

up_to_date && exit 0

# One build at a time (parallel Maven forks): wait for the lock, then look again.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$out/.build.lock"
    flock 9
    up_to_date && exit 0
fi

for source in "${core_sources[@]}"; do
    [[ -f "$here/$source" ]] || { echo "[wharf-native] missing source $here/$source" >&2; exit 1; }
done
for name in "${thin_libraries[@]}"; do
    [[ -f "$here/$name.c" ]] || { echo "[wharf-native] missing source $here/$name.c" >&2; exit 1; }
done

tmp="$(mktemp -d "$out/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cflags=(-std=gnu11 -O1 -g -fPIC -pthread -Wall -Wextra -Werror -fvisibility=hidden -I"$here")

fail() {
    echo "[wharf-native] compile failed: $1 (nothing installed in $out)" >&2
    exit 1
}

gcc "${cflags[@]}" -shared -Wl,-soname,libwharfstandin.so -Wl,--no-undefined \
    -o "$tmp/libwharfstandin.so" "${core_sources[@]/#/$here/}" || fail libwharfstandin.so

for name in "${thin_libraries[@]}"; do
    gcc "${cflags[@]}" -shared -Wl,--no-undefined -o "$tmp/lib$name.so" "$here/$name.c" \
        -L"$tmp" -lwharfstandin -Wl,-rpath,'$ORIGIN' || fail "lib$name.so"
done

for output in "${outputs[@]}"; do
    mv -f "$tmp/$output" "$out/$output"
done
echo "[wharf-native] built the HCS/HCN stand-in into $out"
