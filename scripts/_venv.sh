# Shared by scripts/run and scripts/test: make .venv with Python 3.11 and install a requirements file.
# Usage: source scripts/_venv.sh; ensure_venv requirements.txt
ensure_venv() {
  local requirements="$1"
  local python
  python=$(command -v python3.11 || command -v python3)
  if [ ! -x .venv/bin/python ]; then
    echo "creating .venv with $($python --version)"
    "$python" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
}
