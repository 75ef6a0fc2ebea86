#!/usr/bin/env bash
# Set up everything Sentences needs on a fresh Debian machine, then run it.
#
#   ./dev.sh            set up, then open the reader on the seed article
#   ./dev.sh test       set up, then run the static checks and the test suite
#   ./dev.sh setup      set up only
#
# Setting up means: Debian's WordNet and espeak-ng (when run as root, or with sudo), a virtual
# environment in .venv with the package and its development tools, and the lexicon compiled.
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(wordnet-base wordnet-sense-index espeak-ng dict-freedict-eng-deu dict-freedict-deu-eng
                 dict-freedict-eng-fra dict-freedict-fra-eng)
PYTHON=${PYTHON:-python3}

system_packages() {
    local missing=()
    for package in "${SYSTEM_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "dev.sh: please install ${missing[*]} (apt-get install ${missing[*]})" >&2
            return 0
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "dev.sh: not a Debian system; install WordNet and espeak-ng yourself" >&2
        return 0
    fi
    echo "dev.sh: installing ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

python_env() {
    if [ ! -x .venv/bin/python ]; then
        "$PYTHON" -m venv .venv
    fi
    local stamp=.venv/.installed
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e '.[dev]'
        touch "$stamp"
    fi
}

setup() {
    system_packages
    python_env
}

case "${1:-read}" in
    read)
        setup
        shift || true
        .venv/bin/sentences setup || true   # says what is missing; the reader works without it
        exec .venv/bin/sentences read "${@:-seeds/arirang_weekly_focus_2025-09-06.txt}"
        ;;
    test)
        setup
        shift
        .venv/bin/ruff format --check reader tests bench scripts
        .venv/bin/ruff check reader tests bench scripts
        .venv/bin/mypy reader
        .venv/bin/lint-imports
        # the house in order (issue 23): few imports hidden in functions, no circles at any depth
        house=$(.venv/bin/python scripts/house_report.py --max-inner 60 \
            --no-cycles-in reader.learn reader.store reader.cli) || { echo "$house"; exit 1; }
        exec .venv/bin/pytest "$@"
        ;;
    setup)
        setup
        .venv/bin/sentences setup
        ;;
    *)
        echo "usage: ./dev.sh [read [FILE] | test [PYTEST-ARGS] | setup]" >&2
        exit 2
        ;;
esac
