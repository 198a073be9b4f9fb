#!/usr/bin/env bash
# Installs the pgvector extension into the local PostgreSQL 15 server (Debian bookworm).
#
# Bookworm ships no pgvector package, so this builds Debian trixie's pgvector SOURCE package against
# bookworm's postgresql-server-dev-15. Only trixie's *source* index is used, through a private,
# throw-away apt configuration in a temp dir: no trixie binary package is ever installed and
# /etc/apt is left untouched.
#
# Idempotent: exits 0 at once when `vector` is already available to the server.
# Non-interactive; needs root (or passwordless sudo) for apt-get and `make install`.
#
# Environment (all optional):
#   PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)   the server used for the check and the verification
#   PG_MAJOR (15)                                         PostgreSQL major version to build for
#   PGVECTOR_SUITE (trixie)                               Debian suite whose pgvector source is built
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
PGVECTOR_SUITE="${PGVECTOR_SUITE:-trixie}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export DEBIAN_FRONTEND=noninteractive

log() { printf '[install-pgvector] %s\n' "$*" >&2; }
die() { printf '[install-pgvector] ERROR: %s\n' "$*" >&2; exit 1; }

# Prints "vector" if the server lists it, "" if it does not, and fails if the server cannot be asked.
server_has_vector() {
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -X -w -Atc \
    "select name from pg_available_extensions where name='vector'" 2>/dev/null
}

# pg_available_extensions just lists the control files in the share dir, so this is the same test
# for when the server is not running.
files_have_vector() {
  [ -x "$PG_CONFIG" ] || return 1
  [ -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ] && [ -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ]
}

# ---- fast path -------------------------------------------------------------------------------------
if answer="$(server_has_vector)"; then
  if [ "$answer" = "vector" ]; then
    log "pgvector is already available on ${PGHOST}:${PGPORT}; nothing to do."
    exit 0
  fi
  server_up=1
else
  server_up=0
  log "note: cannot query the server at ${PGHOST}:${PGPORT} (is it running?); checking the installed files instead."
  if files_have_vector; then
    log "pgvector files are already installed for PostgreSQL ${PG_MAJOR}; nothing to do."
    exit 0
  fi
fi

# ---- privileges ------------------------------------------------------------------------------------
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
  else
    die "must run as root (or with passwordless sudo) to install packages and the extension."
  fi
fi
as_root() { "${SUDO[@]}" "$@"; }

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script supports Debian bookworm only."
[ -d "/usr/lib/postgresql/${PG_MAJOR}/bin" ] || die "PostgreSQL ${PG_MAJOR} server is not installed (/usr/lib/postgresql/${PG_MAJOR}/bin missing)."

# One build at a time on this machine (CI and a developer may run it together).
exec 9>"${TMPDIR:-/tmp}/salesmatrix-install-pgvector.lock"
flock -w 900 9 || die "timed out waiting for another install-pgvector.sh run to finish."
if files_have_vector; then
  log "pgvector was installed meanwhile (by another run)."
  installed_by_other=1
else
  installed_by_other=0
fi

work="$(mktemp -d -t pgvector-build.XXXXXX)"
cleanup() { rm -rf -- "$work"; }
trap cleanup EXIT

APT_LOCK_OPTS=(-o DPkg::Lock::Timeout=600)

if [ "$installed_by_other" -eq 0 ]; then
  # ---- build dependencies, from bookworm ---------------------------------------------------------
  needed=()
  for pkg in "postgresql-server-dev-${PG_MAJOR}" dpkg-dev build-essential; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)" != "installed" ]; then
      needed+=("$pkg")
    fi
  done
  if [ "${#needed[@]}" -gt 0 ]; then
    log "installing build dependencies from bookworm: ${needed[*]}"
    if ! as_root apt-get "${APT_LOCK_OPTS[@]}" install -y -q --no-install-recommends "${needed[@]}"; then
      log "install failed; refreshing the package lists (apt-get update) and retrying once."
      as_root apt-get "${APT_LOCK_OPTS[@]}" update -q || die "apt-get update failed (is a Debian mirror reachable?)."
      as_root apt-get "${APT_LOCK_OPTS[@]}" install -y -q --no-install-recommends "${needed[@]}" \
        || die "could not install build dependencies: ${needed[*]}"
    fi
  fi
  [ -x "$PG_CONFIG" ] || die "$PG_CONFIG missing after installing postgresql-server-dev-${PG_MAJOR}."
  command -v dpkg-source >/dev/null 2>&1 || die "dpkg-source missing (dpkg-dev not installed?)."

  # ---- the source, from trixie's source index, through a private apt configuration -----------------
  # Use the same Debian mirror host as the machine's own bookworm entries.
  mirror="$(
    { grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -E 's/^[[:space:]]*URIs:[[:space:]]*//' | tr ' ' '\n'
      grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | sed -E 's/\[[^]]*\]//' | awk '{print $2}'
    } | grep -E '^https?://[^ ]+/debian/?$' | head -n1 || true
  )"
  mirror="${mirror:-http://deb.debian.org/debian}"
  mirror="${mirror%/}"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$keyring" ] || die "$keyring missing (package debian-archive-keyring)."
  log "fetching pgvector source from ${mirror} ${PGVECTOR_SUITE} (deb-src only; no ${PGVECTOR_SUITE} binaries)"

  apt_dir="$work/apt"
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/src"
  printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$PGVECTOR_SUITE" >"$apt_dir/sources.list"
  APT_PRIVATE=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none"
  )
  apt-get "${APT_PRIVATE[@]}" update -q \
    || die "apt-get update of the ${PGVECTOR_SUITE} source index failed (mirror ${mirror} unreachable?)."
  (cd "$work/src" && apt-get "${APT_PRIVATE[@]}" source -q "pgvector/${PGVECTOR_SUITE}") \
    || die "apt-get source pgvector/${PGVECTOR_SUITE} failed."
  srcdir="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
  [ -n "$srcdir" ] && [ -f "$srcdir/Makefile" ] || die "unpacked pgvector source not found under $work/src."
  log "building $(basename "$srcdir") against $("$PG_CONFIG" --version)"

  # ---- build and install ----------------------------------------------------------------------------
  # OPTFLAGS= drops upstream's -march=native (as Debian's own package does), so the build runs on any x86-64 CPU.
  make -C "$srcdir" -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; die "building pgvector failed (build log tail above)."; }
  as_root make -C "$srcdir" -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >"$work/install.log" 2>&1 \
    || { tail -n 40 "$work/install.log" >&2; die "make install of pgvector failed (log tail above)."; }
  files_have_vector || die "make install finished but vector.control / vector.so are not in PostgreSQL ${PG_MAJOR}'s directories."
  log "installed into $("$PG_CONFIG" --pkglibdir) and $("$PG_CONFIG" --sharedir)/extension"
fi

# ---- verify ------------------------------------------------------------------------------------------
if answer="$(server_has_vector)"; then
  [ "$answer" = "vector" ] || die "installed, but the server at ${PGHOST}:${PGPORT} does not list 'vector' in pg_available_extensions (is it PostgreSQL ${PG_MAJOR}?)."
  log "verified: 'vector' is in pg_available_extensions on ${PGHOST}:${PGPORT}."
elif [ "$server_up" -eq 1 ]; then
  die "installed, but the server at ${PGHOST}:${PGPORT} stopped answering during verification."
else
  log "WARNING: installed the files, but could not verify through the server at ${PGHOST}:${PGPORT} (not running)."
fi
