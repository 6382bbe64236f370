#!/bin/bash
# Issue 5 workloads through the batch engine; 3 runs each; prints the JSON lines.
cd "$(dirname "$0")/.."
export SPARKINFER_JAVA_OPTS=-Xmx12g
run() { local name="$1"; shift; for i in 1 2 3; do echo "$name run $i: $(bin/sparkinfer bench --model /tmp/q08t "$@" 2>&1 | tail -1)"; done; }
run prefill_embed_32x128 --task embed --batch 32 --requests 32 --prompt-len 128 --max-batch-tokens 1024 --warmup 1
run prompt_512 --batch 1 --prompt-len 512 --gen-len 1 --prefill-chunk 512 --max-batch-tokens 512 --warmup 1
run decode_32 --batch 32 --requests 32 --prompt-len 16 --gen-len 32 --warmup 1
run decode_8 --batch 8 --requests 8 --prompt-len 16 --gen-len 32 --warmup 1
run decode_1 --batch 1 --prompt-len 16 --gen-len 48 --warmup 1
echo "uptime at end: $(uptime)"
