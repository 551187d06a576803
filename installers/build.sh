#!/usr/bin/env bash
# Builds WhiteMagic Workbench installers with jlink + jpackage (JDK 25 or newer).
#
#   installers/build.sh [--rebuild] [app-image|deb|dmg|msi|package|all]
#
#   app-image  (default) a self-contained folder with its own Java runtime:
#              dist/WhiteMagic/ (Linux, Windows) or dist/WhiteMagic.app (macOS)
#   deb        Linux .deb package in dist/ (needs dpkg-deb and fakeroot)
#   dmg        macOS disk image in dist/            (untested: prepared on Linux)
#   msi        Windows installer in dist/ (needs WiX) (untested: prepared on Linux)
#   package    the native package of this OS (deb, dmg or msi)
#   all        app-image and the native package
#   --rebuild  run the Maven build even when app/target/whitemagic-app.jar exists
#
# Options live in argfiles: installers/common/jpackage.args (all OSes), installers/<os>/jpackage.args
# (icon etc.), installers/<os>/<type>.args (package options); the runtime's modules are listed in
# installers/common/modules.txt. Work files go to target/installer/, results to dist/.
# This script installs nothing; it says what is missing.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MIN_JAVA=25

say() { printf 'build.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

# --- arguments -------------------------------------------------------------------------
REBUILD=0 TARGET=""
for a in "$@"; do
  case "$a" in
    --rebuild) REBUILD=1 ;;
    -h|--help|help) usage ;;
    app-image|deb|dmg|msi|package|all) [ -z "$TARGET" ] || usage; TARGET="$a" ;;
    *) say "unknown argument: $a"; usage ;;
  esac
done
TARGET="${TARGET:-app-image}"

case "$(uname -s)" in
  Linux*) OS=linux NATIVE=deb ;;
  Darwin*) OS=mac NATIVE=dmg ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows NATIVE=msi ;;
  *) die "unsupported OS: $(uname -s)" ;;
esac

case "$TARGET" in
  app-image) STEPS=(app-image) ;;
  package) STEPS=("$NATIVE") ;;
  all) STEPS=(app-image "$NATIVE") ;;
  *) STEPS=("$TARGET") ;;
esac
for s in "${STEPS[@]}"; do
  case "$s:$OS" in
    app-image:*|deb:linux|dmg:mac|msi:windows) ;;
    *) die "a $s can only be built on its own OS (this is $OS): jpackage does not cross-build" ;;
  esac
done

# --- JDK (same search as ./whitemagic) --------------------------------------------------
# The feature version of the JDK at $1 (e.g. 25), or nothing if it is not a JDK.
jdk_version() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  printf '%s' "$v"
}

# Finds a JDK >= 25: $JAVA_HOME, then /usr/lib/jvm/*, then the java on PATH.
find_jdk() {
  local candidates=() best="" best_v=0 c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    v=$(jdk_version "$c")
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ]; then
      # JAVA_HOME wins when it qualifies; otherwise the newest.
      if [ "$c" = "${JAVA_HOME:-}" ]; then best="$c"; break; fi
      if [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
    fi
  done
  printf '%s' "$best"
}

JDK="$(find_jdk)"
[ -n "$JDK" ] || die "no JDK $MIN_JAVA or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/* and the java on PATH).
  Install one (e.g. Eclipse Temurin $MIN_JAVA) or point JAVA_HOME at it: JAVA_HOME=/path/to/jdk-25 installers/build.sh"
export JAVA_HOME="$JDK"
EXE=""; [ "$OS" = windows ] && EXE=".exe"
for tool in jlink jpackage jdeps; do
  [ -x "$JDK/bin/$tool$EXE" ] || die "$JDK has no bin/$tool; a full JDK $MIN_JAVA (not a JRE) is needed"
done
say "JDK: $JDK ($(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JDK/release" 2>/dev/null || true))"

# Native-package prerequisites, checked before the long steps.
for s in "${STEPS[@]}"; do
  case "$s" in
    deb)
      command -v dpkg-deb >/dev/null 2>&1 || die "a .deb needs dpkg-deb (Debian/Ubuntu: it is in the dpkg package)"
      command -v fakeroot >/dev/null 2>&1 || die "a .deb needs fakeroot, which is not installed.
  Install it (Debian/Ubuntu: sudo apt-get install fakeroot) and run this again."
      ;;
    msi)
      command -v candle >/dev/null 2>&1 || command -v wix >/dev/null 2>&1 \
        || say "note: no WiX on PATH; jpackage needs the WiX Toolset (candle/light of WiX 3, or wix of WiX 4+) for an .msi"
      ;;
  esac
done

# --- the application jars -------------------------------------------------------------
APP_JAR="$ROOT/app/target/whitemagic-app.jar"
LIB="$ROOT/app/target/lib"
if [ "$REBUILD" = 1 ] || [ ! -f "$APP_JAR" ] || [ ! -d "$LIB" ]; then
  mkdir -p "$ROOT/target"
  log="$ROOT/target/build.log"
  say "building the application (./mvnw -B -q -DskipTests package; log: $log)…"
  if ! (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >"$log" 2>&1; then
    say "the build failed; the last lines of $log:"
    tail -n 40 "$log" >&2
    exit 2
  fi
  # Tell ./whitemagic that the build is current.
  touch "$ROOT/app/target/.built"
fi
[ -f "$APP_JAR" ] || die "the build did not produce $APP_JAR"

# --- version --------------------------------------------------------------------------
# The parent pom's own <version> (the first one after its <artifactId>).
POM_VERSION=$(sed -n '/<parent>/,/<\/parent>/d; /<artifactId>whitemagic-parent</,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$ROOT/pom.xml" | head -n1)
[ -n "$POM_VERSION" ] || die "could not read the project version from $ROOT/pom.xml"
# jpackage wants 1 to 3 numbers (macOS/Windows insist): 0.1.0-SNAPSHOT -> 0.1.0.
APP_VERSION=$(printf '%s' "$POM_VERSION" | sed 's/[^0-9.].*$//; s/\.$//')
ARG_VERSION=$(sed -n 's/^--app-version[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$HERE/common/jpackage.args")
if [ "$ARG_VERSION" != "$APP_VERSION" ]; then
  say "note: installers/common/jpackage.args says --app-version $ARG_VERSION, the pom says $POM_VERSION; using $APP_VERSION (update the argfile)"
fi

# --- stage the input: the app jar and lib/ ----------------------------------------------
WORK="$ROOT/target/installer"
INPUT="$WORK/input"
RUNTIME="$WORK/runtime"
DIST="$ROOT/dist"
rm -rf "$INPUT"
mkdir -p "$INPUT/lib" "$DIST"
cp "$APP_JAR" "$INPUT/"
cp "$LIB"/*.jar "$INPUT/lib/"
say "staged $(ls "$INPUT/lib" | wc -l | tr -d ' ') jars in ${INPUT#"$ROOT"/}"

# --- jlink: a compressed runtime with the modules of common/modules.txt ---------------
MODULES=$(sed 's/#.*//' "$HERE/common/modules.txt" | tr -s ' \t\r\n' '\n' | sed '/^$/d' | paste -sd, -)
[ -n "$MODULES" ] || die "installers/common/modules.txt lists no modules"

# Cross-check with jdeps (class-path mode, as the app runs): warn about modules it finds
# that the list lacks. jdeps cannot see reflection or ServiceLoader use, so it is a hint.
SEP=":"; [ "$OS" = windows ] && SEP=";"
if NEEDED=$("$JDK/bin/jdeps" --multi-release "$MIN_JAVA" --ignore-missing-deps --print-module-deps \
              --class-path "$INPUT/lib/*" "$INPUT/whitemagic-app.jar" "$INPUT"/lib/*.jar 2>/dev/null | tail -n1); then
  MISSING=""
  for m in ${NEEDED//,/ }; do
    case ",$MODULES," in *",$m,"*) ;; *) MISSING="$MISSING $m" ;; esac
  done
  if [ -n "$MISSING" ]; then
    say "WARNING: jdeps says the jars use module(s) not in installers/common/modules.txt:$MISSING"
  fi
else
  say "note: jdeps could not analyse the jars; relying on installers/common/modules.txt"
fi

say "jlink: $MODULES"
rm -rf "$RUNTIME"
"$JDK/bin/jlink" \
  --add-modules "$MODULES" \
  --compress zip-6 \
  --strip-debug \
  --no-header-files \
  --no-man-pages \
  --strip-native-commands \
  --output "$RUNTIME"

# --- jpackage ---------------------------------------------------------------------------
cd "$ROOT"
COMMON=(@installers/common/jpackage.args @"installers/$OS/jpackage.args"
        --input "$INPUT" --runtime-image "$RUNTIME" --app-version "$APP_VERSION")

size() { du -sh "$1" 2>/dev/null | cut -f1; }

for s in "${STEPS[@]}"; do
  case "$s" in
    app-image)
      image="$DIST/WhiteMagic"; [ "$OS" = mac ] && image="$DIST/WhiteMagic.app"
      rm -rf "$image"
      say "jpackage: app-image…"
      "$JDK/bin/jpackage" --type app-image "${COMMON[@]}" --dest "$DIST"
      case "$OS" in
        linux) launcher="$image/bin/WhiteMagic" ;;
        mac) launcher="$image/Contents/MacOS/WhiteMagic" ;;
        windows) launcher="$image/WhiteMagic.exe" ;;
      esac
      say "built ${image#"$ROOT"/} ($(size "$image")); start it with: ${launcher#"$ROOT"/}"
      ;;
    deb|dmg|msi)
      # Remove this version's old package (jpackage will not overwrite it).
      rm -f "$DIST"/*"$APP_VERSION"*."$s"
      say "jpackage: $s…"
      "$JDK/bin/jpackage" "${COMMON[@]}" @"installers/$OS/$s.args" --dest "$DIST"
      pkg=$(ls -t "$DIST"/*."$s" 2>/dev/null | head -n1)
      say "built ${pkg#"$ROOT"/} ($(size "$pkg"))"
      ;;
  esac
done
