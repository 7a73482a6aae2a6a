#!/usr/bin/env bash
# Coverage-guided fuzzing of one Hush target with SharpFuzz + AFL++ (docs/fuzzing.md).
#
#   tests/Fuzz/fuzz.sh TARGET [SECONDS]     TARGET: regex | policy | artifact | matcher | codec
#
# Installs afl++ (apt) and the sharpfuzz tool if missing, builds the harness into $FUZZ_BUILD, instruments a copy of
# the assemblies under test, runs afl-fuzz for SECONDS (default 600) at the lowest CPU priority, then prints a summary
# and replays every crash and hang in process so the exception is shown. Findings stay in $FUZZ_OUT/TARGET.
set -euo pipefail

target=${1:?usage: fuzz.sh TARGET [SECONDS]}
seconds=${2:-600}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-/tmp/hush-fuzz-build}
out=${FUZZ_OUT:-$root/artifacts/fuzz}/$target
tool=${SHARPFUZZ_TOOL:-$build/sharpfuzz-tool}

case $target in
  regex) assemblies=(hushc.dll Hush.Policy.dll); dict=(-x "$here/dict/regex.dict") ;;
  policy) assemblies=(hushc.dll Hush.Policy.dll YamlDotNet.dll); dict=(-x "$here/dict/policy.dict") ;;
  artifact | matcher) assemblies=(Hush.Policy.dll); dict=() ;;
  codec) assemblies=(Hush.ExtProc.dll Hush.Policy.dll); dict=(-x "$here/dict/codec.dict") ;;
  *) echo "fuzz.sh: unknown target '$target' (regex, policy, artifact, matcher, codec)" >&2; exit 2 ;;
esac

if ! command -v afl-fuzz > /dev/null; then
  echo "fuzz.sh: installing afl++"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq afl++; else sudo apt-get update -qq && sudo apt-get install -y -qq afl++; fi
fi

if [ ! -x "$tool/sharpfuzz" ]; then
  echo "fuzz.sh: installing SharpFuzz.CommandLine 2.3.0 into $tool"
  dotnet tool install --tool-path "$tool" SharpFuzz.CommandLine --version 2.3.0
fi

dotnet build "$here/Hush.Fuzz.csproj" -c Release --artifacts-path "$build" -nologo -v quiet

# Instrument a fresh copy: the build output stays uninstrumented (and an incremental build never sees a modified file).
bin=$build/instrumented-$target
rm -rf "$bin"
cp -r "$build/bin/Hush.Fuzz/release" "$bin"
for assembly in "${assemblies[@]}"; do
  "$tool/sharpfuzz" "$bin/$assembly"
done
if [ "$target" = matcher ] || [ "$target" = codec ]; then
  # The matcher and codec targets' fixed policy, compiled by the uninstrumented hushc (see FuzzPolicies.CompileDefault).
  dotnet "$build/bin/Hush.Fuzz/release/hushc.dll" compile "$root/policies/default.yaml" -o "$bin/fuzz/default.hushpolicy"
fi

mkdir -p "$out"
rm -rf "${out:?}/default"
echo "fuzz.sh: afl-fuzz $target for ${seconds}s (seeds: $here/seeds/$target, findings: $out/default)"
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_QUIET=1
# The dotnet host is not instrumented; afl-fuzz's own affinity probe may fail on a shared machine.
export AFL_NO_AFFINITY=1
nice -n 19 afl-fuzz -i "$here/seeds/$target" -o "$out" -t 10000 -m none -V "$seconds" "${dict[@]}" \
  -- dotnet "$bin/Hush.Fuzz.dll" "$target" > "$out/afl.log" 2>&1 || {
  echo "fuzz.sh: afl-fuzz failed; last lines of $out/afl.log:" >&2
  tail -30 "$out/afl.log" >&2
  exit 1
}

stats=$out/default/fuzzer_stats
echo "== $target: afl-fuzz summary ($stats)"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|saved_crashes|saved_hangs|bitmap_cvg|stability) ' "$stats"

for kind in crashes hangs; do
  folder=$out/default/$kind
  count=$(find "$folder" -type f -name 'id:*' 2> /dev/null | wc -l)
  echo "== $kind: $count"
  if [ "$count" -gt 0 ]; then
    # Replays run the uninstrumented build in process and print each input's exception. Crashes run in one process;
    # hangs one by one, each cut off after 30 s (an infinite loop would otherwise hold a core for long).
    if [ "$kind" = crashes ]; then
      tmp=$(mktemp -d)
      find "$folder" -type f -name 'id:*' -exec cp {} "$tmp/" \;
      timeout 600 dotnet "$build/bin/Hush.Fuzz/release/Hush.Fuzz.dll" "$target" --replay "$tmp" | grep -aE 'FAIL|inputs' | cut -c1-300 || true
      rm -rf "$tmp"
    else
      for input in "$folder"/id:*; do
        tmp=$(mktemp -d)
        cp "$input" "$tmp/"
        timeout 30 dotnet "$build/bin/Hush.Fuzz/release/Hush.Fuzz.dll" "$target" --replay "$tmp" | grep -aE 'FAIL' | cut -c1-300 \
          || echo "$(basename "$input"): no exception within 30 s (still hangs, or fixed since)"
        rm -rf "$tmp"
      done
    fi
  fi
done
