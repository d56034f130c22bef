# The federation gateway audit's run-script for govgraph (sh run.sh <test suite>, from this folder copied into the
# audit's gateways/): fetch the suite's supergraph, then run bin/gateway.ts over it as deployed, its audit trail on
# (SQLite, worker thread), anonymous callers, unlevelled fields shared, every subgraph foreign (no reports).
npm start supergraph -- --cwd ./gateways/govgraph --test $1
DATA=$(mktemp -d /tmp/govgraph-audit-XXXXXX)
echo "$DATA" >> "$GOVGRAPH_AUDIT_DATA_DIRS"
GOVGRAPH_ANONYMOUS=federation-audit@anonymous GOVGRAPH_DEFAULT_LEVEL=UNCONDITIONAL GOVGRAPH_FOREIGN_SUBGRAPHS=all \
  exec node --import tsx "$GOVGRAPH_ROOT/bin/gateway.ts" --supergraph "$PWD/supergraph.graphql" --port 4400 --data-dir "$DATA"
