# Sourced by the bench scripts: `need_tool wrk` installs a Debian package when its command is missing and we can
# (root with apt-get), else stops the script with exit 2 and says what to install.
need_tool() {
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null
  else
    echo "$cmd is not installed (apt-get install $pkg)" >&2
    exit 2
  fi
}
