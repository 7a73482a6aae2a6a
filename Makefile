# Hush: secret-masking ext_proc filter for Envoy. `make help` lists the targets.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
SLN := Hush.slnx
HUSHC := $(DOTNET) run --project src/PolicyCompiler -c $(CONFIG) --no-build --
ARTIFACT := out/default.hushpolicy

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets with what they do
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

.PHONY: restore
restore: ## Restore NuGet packages
	$(DOTNET) restore $(SLN)

.PHONY: build
build: restore ## Build every project (warnings are errors)
	$(DOTNET) build $(SLN) -c $(CONFIG) --no-restore

.PHONY: policy
policy: build ## Compile and self-test the default policy into out/
	@mkdir -p out
	$(HUSHC) test policies/default.yaml
	$(HUSHC) compile policies/default.yaml -o $(ARTIFACT)

HUSH_ARGS ?=

.PHONY: run
run: policy ## Compile the default policy and start Hush (ext_proc h2c on :50051; admin /metrics /healthz /readyz /ui /api on :9080; holds and audit in data/)
	$(DOTNET) run --project src/ExtProc -c $(CONFIG) --no-build -- --Hush:PolicyPath=$(abspath $(ARTIFACT)) \
	  --Hush:Audit:DataFolder=$(abspath data) $(HUSH_ARGS)

.PHONY: demo
demo: policy ## Start the mock LLM, Hush and the Envoy emulator front; show a secret masked in a streamed answer (curl + test JWT)
	envoy/local/demo.sh

.PHONY: scan
scan: policy ## Mask stdin with the default policy (hushc scan, streaming)
	$(HUSHC) explain $(ARTIFACT)
	@echo "hushc scan: type or pipe text; masked output follows (Ctrl-D ends)"
	$(HUSHC) scan $(ARTIFACT)

.PHONY: test
test: build ## Run every test suite and the default policy's inline tests (installs PostgreSQL and Chromium if missing)
	.ci/test-deps
	$(DOTNET) test $(SLN) -c $(CONFIG) --no-build --logger "console;verbosity=normal"
	$(HUSHC) test policies/default.yaml

BENCH := $(DOTNET) run --project bench/Hush.Benchmarks -c Release --no-build --
BENCH_CORPUS := bench/corpus/corpus-20261128-64MiB.txt

$(BENCH_CORPUS):
	$(BENCH) generate-corpus $@ --mib 64 --verify

.PHONY: corpus
corpus: build $(BENCH_CORPUS) ## Generate the deterministic 64 MiB benchmark corpus (bench/corpus/, git-ignored)

.PHONY: bench
bench: build $(BENCH_CORPUS) ## Run the benchmarks (BenchmarkDotNet; BENCH_ARGS="--job short" for a quick run)
	$(BENCH) --filter '*' $(BENCH_ARGS)

.PHONY: bench-report
bench-report: build $(BENCH_CORPUS) ## Print compile/load time, artifact size, stream memory, held-back bytes, allocations
	$(BENCH) report

.PHONY: bench-sse
bench-sse: build ## SSE masking vs raw-byte masking vs pass-through: MB/s, events/s, hold-back, per-event time (BENCH_SSE_ARGS="--rounds 15")
	$(BENCH) sse-report $(BENCH_SSE_ARGS)

.PHONY: bench-extproc
bench-extproc: build ## Load-test ext_proc over h2c: 1/100/1,000 streams, masking vs pass-through, 3 rounds, ~20 min (BENCH_EXTPROC_ARGS="--quick")
	$(DOTNET) run --project bench/Hush.ExtProcBench -c Release --no-build -- $(BENCH_EXTPROC_ARGS)

.PHONY: bench-holds
bench-holds: build policy ## Audit write cost at 500 exchanges/s (SQLite vs none) and approve-to-resume delay (one instance; two replicas on a throwaway PostgreSQL)
	@set -e; pg=$$(bench/Hush.HoldBench/throwaway-postgres.sh start); trap 'bench/Hush.HoldBench/throwaway-postgres.sh stop "$${pg%% *}"' EXIT; \
	$(DOTNET) run --project bench/Hush.HoldBench -c Release --no-build -- --policy out/default.hushpolicy \
	  --postgres "$${pg#* }" --out bench/results/holds.md $(BENCH_HOLDS_ARGS)

FUZZ_TARGET ?= regex
FUZZ_SECONDS ?= 600

.PHONY: fuzz
fuzz: ## Fuzz one target with SharpFuzz + AFL++ (FUZZ_TARGET=regex|policy|artifact|matcher|codec FUZZ_SECONDS=600; installs afl++ and sharpfuzz if missing; findings in artifacts/fuzz/)
	tests/Fuzz/fuzz.sh $(FUZZ_TARGET) $(FUZZ_SECONDS)

.PHONY: clean
clean: ## Remove build outputs
	rm -rf artifacts out
