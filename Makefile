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

.PHONY: run
run: policy ## Compile the default policy and mask stdin with it (streaming)
	$(HUSHC) explain $(ARTIFACT)
	@echo "hushc scan: type or pipe text; masked output follows (Ctrl-D ends)"
	$(HUSHC) scan $(ARTIFACT)

.PHONY: test
test: build ## Run every test suite and the default policy's inline tests
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

.PHONY: clean
clean: ## Remove build outputs
	rm -rf artifacts out
