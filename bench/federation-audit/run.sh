#!/usr/bin/env bash
# Runs the public federation gateway audit (graphql-hive/federation-gateway-audit) against govgraph's bin/gateway.ts
# with its audit trail on, and against plain @apollo/gateway, in one run:
#   bench/federation-audit/run.sh <checkout of the audit, with npm install done>
# Prints each gateway's result (the audit's dot report and totals), then verifies every govgraph trail it wrote.
# The audit's code is not part of govgraph; these adapters are (README, "Federation compatibility").
set -euo pipefail
AUDIT=$(cd "${1:?usage: bench/federation-audit/run.sh <audit checkout>}" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export GOVGRAPH_ROOT=$ROOT
export GOVGRAPH_AUDIT_DATA_DIRS=$(mktemp /tmp/govgraph-audit-dirs-XXXXXX)
# Each suite starts its gateway afresh and waits for /health; GATEWAY_TIMEOUT (ms) gives both gateways a minute, not
# the audit's 5 s, on a loaded 2-core machine. The audit's runner needs Promise.withResolvers (Node 22); a polyfill for Node 20, loaded by its processes only.
RUNNER_OPTIONS="--import $ROOT/bench/federation-audit/node20.mjs"
for gateway in govgraph apollo-gateway-4401; do
  rm -rf "$AUDIT/gateways/$gateway" && cp -r "$ROOT/bench/federation-audit/$gateway" "$AUDIT/gateways/$gateway"
done
cd "$AUDIT"
for gateway in govgraph apollo-gateway-4401; do
  echo "== $(jq -r .name "gateways/$gateway/gateway.json")"
  GATEWAY_TIMEOUT=60000 NODE_OPTIONS="$RUNNER_OPTIONS" npm start -s -- test --cwd "./gateways/$gateway" --run-script ./run.sh --reporter dot \
    --graphql "$(jq -r .graphql "gateways/$gateway/gateway.json")" --healthcheck "$(jq -r .health "gateways/$gateway/gateway.json")" \
    > "/tmp/federation-audit-$gateway.txt" 2>&1 || true
  grep -E '^(Total|Passed|Failed):' "/tmp/federation-audit-$gateway.txt" || tail -20 "/tmp/federation-audit-$gateway.txt"
done
if diff -q "gateways/govgraph/results.txt" "gateways/apollo-gateway-4401/results.txt" >/dev/null; then
  echo "The same cases pass and fail for both."
else
  echo "Cases that differ:" && diff "gateways/govgraph/results.txt" "gateways/apollo-gateway-4401/results.txt" || true
fi
echo "== govgraph audit trails (one per suite)"
intact=0 broken=0
while read -r dir; do
  if node --import tsx "$ROOT/bin/audit-verify.ts" --data-dir "$dir" >/dev/null 2>&1; then intact=$((intact + 1)); else broken=$((broken + 1)); echo "BROKEN: $dir"; fi
done < "$GOVGRAPH_AUDIT_DATA_DIRS"
echo "$intact trails intact, $broken broken"
