#!/usr/bin/env bash
# make demo: the mock LLM upstream, Hush and the Envoy emulator's front proxy (jwt_authn + ext_proc) on
# 127.0.0.1, then a streamed answer through them with curl and the demo JWT. Everything stops on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${HUSH_BIN:-artifacts/bin}
MOCK_PORT=${MOCK_PORT:-18080}
GRPC_PORT=${GRPC_PORT:-50051}
ADMIN_PORT=${ADMIN_PORT:-9080}
FRONT_PORT=${FRONT_PORT:-10000}
LOGS=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() { # url what
  for _ in $(seq 1 150); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "demo: $2 did not come up; its log:" >&2
  cat "$LOGS/$2.log" >&2
  exit 1
}

dotnet "$BIN/Hush.MockLlm/release/Hush.MockLlm.dll" --listen "127.0.0.1:$MOCK_PORT" >"$LOGS/mock.log" 2>&1 &
pids+=($!)
dotnet "$BIN/Hush.ExtProc/release/Hush.ExtProc.dll" --Hush:BindAddress=127.0.0.1 --Hush:GrpcPort="$GRPC_PORT" \
  --Hush:AdminPort="$ADMIN_PORT" --Hush:PolicyPath="$PWD/out/default.hushpolicy" --Hush:Audit:DataFolder="$LOGS/data" \
  >"$LOGS/hush.log" 2>&1 &
pids+=($!)
dotnet "$BIN/Hush.EnvoyEmulator/release/Hush.EnvoyEmulator.dll" front --listen "127.0.0.1:$FRONT_PORT" \
  --upstream "http://127.0.0.1:$MOCK_PORT" --ext-proc "http://127.0.0.1:$GRPC_PORT" \
  --jwks envoy/local/jwks.json --issuer https://hush.local/demo-idp --audience llm-gateway \
  --response-body-mode STREAMED --request-body-mode BUFFERED --message-timeout 2s --max-message-timeout 3600s \
  >"$LOGS/front.log" 2>&1 &
pids+=($!)

wait_for "http://127.0.0.1:$MOCK_PORT/healthz" mock
wait_for "http://127.0.0.1:$ADMIN_PORT/readyz" hush
for _ in $(seq 1 150); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FRONT_PORT/v1/chat/completions" -d '{}' || true)
  [[ "$code" == "401" ]] && break
  sleep 0.2
done
[[ "${code:-}" == "401" ]] || { echo "demo: the front proxy did not come up" >&2; cat "$LOGS/front.log" >&2; exit 1; }

TOKEN=$(cat envoy/local/demo-token.jwt)
BODY='{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Which key does the deploy script use?"}]}'

# What an SDK shows the user: the concatenated delta.content of the stream.
text_of() { grep -o '"content":"[^"]*"' | sed 's/^"content":"//; s/"$//' | tr -d '\n'; }

echo "== 1. The upstream's own answer (straight from the mock, no Hush): a fake AWS key split across two SSE events"
curl -sN "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" -H 'content-type: application/json' -d "$BODY" \
  | grep -E 'AKIA|ZK5T' | cut -c1-220
echo
echo "== 2. The same answer through the front proxy (jwt_authn -> ext_proc -> Hush), streamed"
out=$(curl -sN "http://127.0.0.1:$FRONT_PORT/v1/chat/completions" -H "authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' -d "$BODY")
printf '%s\n' "$out" | grep -E 'AKIA|MASKED' | cut -c1-220
echo "   text the client reassembles: $(text_of <<<"$out")"
echo
echo "== 3. Without a token: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FRONT_PORT/v1/chat/completions" -d "$BODY") (jwt_authn)"
echo
echo "== 4. Hush metrics"
curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | grep -E '^hush_(masks_total|extproc_streams_total|scanned_bytes_total)' || true
echo
if text_of <<<"$out" | grep -q 'AKIAQ7XW3MZK5TRV2HNB'; then
  echo "demo: FAILED, the key reached the client" >&2
  exit 1
fi
text_of <<<"$out" | grep -q 'MASKED:aws-access-key-id' && echo "demo: the key, split across two SSE events, was masked in the stream."
