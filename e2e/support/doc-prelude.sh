# Put before a document's shell blocks by e2e/support/doc-shell.ts (the docs test); not part of any document.
# `curl` becomes a function that runs the real curl and then checks the HTTP status of its last response:
# 2xx unless the line before said `# 预期 expect: NNN` (then exactly NNN, even under --fail-with-body).
# Every other failing command stops the run (set -e, pipefail). The expectation lives in a file so that
# `X=$(curl …)` subshells see it and consume it.
set -euo pipefail
__DOC_STATE=$(mktemp -d)
: > "$__DOC_STATE/expect"
__doc_block() { echo "$1" > "$__DOC_STATE/block"; }
__doc_expect() { echo "$1" > "$__DOC_STATE/expect"; }
curl() {
  local hdr="$__DOC_STATE/headers.$BASHPID" rc=0 status expect
  : > "$hdr"
  command curl -D "$hdr" "$@" || rc=$?
  status=$(grep -a '^HTTP/' "$hdr" | tail -n 1 | awk '{print $2}')
  expect=$(cat "$__DOC_STATE/expect")
  : > "$__DOC_STATE/expect"
  echo "line $(cat "$__DOC_STATE/block"): HTTP ${status:-none}${expect:+ (expected $expect)}" >> "$__DOC_STATE/statuses"
  if [ -n "$expect" ]; then
    if [ "$status" != "$expect" ]; then
      echo "docs-test: HTTP ${status:-none}, the document expects $expect (block at line $(cat "$__DOC_STATE/block"))" >&2
      return 1
    fi
    return 0
  fi
  case "$status" in
    2??) return $rc ;;
    *)
      echo "docs-test: HTTP ${status:-none} (curl exit $rc) where the document expects 2xx (block at line $(cat "$__DOC_STATE/block"))" >&2
      return 1
      ;;
  esac
}
