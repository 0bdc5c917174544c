# Shared by scripts/run and scripts/test: make .venv with Python 3.11 and install a requirements file.
# Usage: source scripts/_venv.sh; ensure_venv requirements.txt

# The requirements file and those it includes (-r), in order: what the venv is made from.
requirement_files() {
  local file="$1"
  echo "$file"
  local included
  for included in $(sed -n 's/^-r[[:space:]]*//p' "$file"); do
    requirement_files "$(dirname "$file")/$included"
  done
}

ensure_venv() {
  local requirements="$1"
  local python
  python=$(command -v python3.11 || command -v python3)
  if [ ! -x .venv/bin/python ]; then
    echo "creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  # pip takes seconds to find that everything is already installed: skip it when the venv was last installed from
  # these very files (their checksum, kept in the venv). A new venv, or any edit of a file, installs again.
  local stamp=".venv/.installed-from-$(basename "$requirements").sha256"
  local checksum
  checksum=$(cat $(requirement_files "$requirements") | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$checksum" ]; then
    return 0
  fi
  # uv (from PyPI, pinned) installs the same pinned wheels in parallel: a fresh venv in about 12 s where pip took 33 s
  # (docs/TESTING.md). Where uv cannot be had or fails, pip installs as before. --no-compile: compiling every module
  # (plotly's thousands) took 15 of pip's 36 s; Python compiles on first import only what is used (uv does not compile).
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check uv==0.13.9 \
      && .venv/bin/uv pip install --quiet --python .venv/bin/python -r "$requirements"; }; then
    echo "uv could not install $requirements; installing with pip"
    .venv/bin/python -m pip install --quiet --no-compile --disable-pip-version-check -r "$requirements"
  fi
  echo "$checksum" > "$stamp"
}
