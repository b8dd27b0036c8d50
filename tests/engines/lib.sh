# Shared by the engine tests (tests/engines/parallel.sh, examples/spark/test.sh), which source it
# from the repository root.

# require SCRIPT TOOL HINT: stop with a "skipped" message (exit 0) when TOOL is not installed;
# under CI, where the runner must install it, that is a failure instead.
require() {
    local script=$1 tool=$2 hint=$3
    command -v "$tool" >/dev/null 2>&1 && return 0
    if [ "${CI:-}" = "true" ]; then
        echo "$script: $tool is not installed; CI must install it ($hint)" >&2
        exit 1
    fi
    echo "$script: skipped: $tool is not installed ($hint)"
    exit 0
}

# Sets NEWSCLEAN to an absolute path (engines run it from other folders, through a shell on
# "remote" hosts or in Spark's workers), building the debug binary unless NEWSCLEAN is given.
newsclean_binary() {
    if [ -z "${NEWSCLEAN:-}" ]; then
        cargo build --quiet --locked --bin newsclean
        NEWSCLEAN="target/debug/newsclean"
    fi
    NEWSCLEAN="$(cd "$(dirname "$NEWSCLEAN")" && pwd)/$(basename "$NEWSCLEAN")"
}

# A scratch folder for the run, removed when the script exits.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
