#!/bin/sh
# System prerequisites that pip cannot install, checked before `make` does
# anything else: one line each, with what to do. Usage: prereqs.sh [test]
fail=0
need() { # need "what" "hint" command...
  what=$1; hint=$2; shift 2
  if ! "$@" >/dev/null 2>&1; then
    echo "missing: $what. $hint" >&2
    fail=1
  fi
}
need "Python 3.11 or newer with venv" \
     "Install it (Debian/Ubuntu: apt-get install python3 python3-venv), then run make again." \
     python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))'
need "Pango 1.44 or newer (WeasyPrint draws text with it)" \
     "Install it (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango)." \
     sh -c 'ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || ls /usr/lib/*/libpangoft2-1.0.so.0 /opt/homebrew/lib/libpangoft2-1.0.dylib /usr/local/lib/libpangoft2-1.0.dylib'
# Not required: without it WeasyPrint subsets fonts with fontTools (and says
# so only in its log): the packets' 16 tasks took 76 s without it, 63-68 s with.
want() { # want "what" "hint" command...
  what=$1; hint=$2; shift 2
  "$@" >/dev/null 2>&1 || echo "slow: $what is missing. $hint" >&2
}
want "HarfBuzz's subsetter (WeasyPrint subsets the fonts it embeds with it)" \
     "Install it for faster builds (Debian/Ubuntu: apt-get install libharfbuzz-subset0; macOS: brew install harfbuzz)." \
     sh -c 'ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || ls /usr/lib/*/libharfbuzz-subset.so.0 /opt/homebrew/lib/libharfbuzz-subset.0.dylib /usr/local/lib/libharfbuzz-subset.0.dylib'
if [ "$1" = test ]; then
  need "Java 11 or newer (EPUBCheck runs on it)" \
       "Install it (Debian/Ubuntu: apt-get install default-jre-headless), then run make test again." \
       java -version
fi
exit $fail
