# apt_mirror: the main Debian archive URI from this machine's apt sources (deb822
# .sources first, then one-line .list files). Sourced by fixtures.sh and compose-v2.sh;
# no host name is ever written in the repository.
apt_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    # deb822 stanzas: the first "deb" stanza whose Suites has a plain codename
    # (not -security/-updates/-backports) is the main Debian archive.
    uri=$(awk '
      function flush() { if (types ~ /(^| )deb( |$)/ && plain && uris != "") { split(uris, u, " "); print u[1]; found = 1; exit } types = ""; uris = ""; plain = 0 }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "uris:" { $1 = ""; sub(/^ +/, ""); uris = $0 }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i !~ /-/) plain = 1 }
      END { if (!found) flush() }
    ' "$f")
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return 0; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    uri=$(awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ } if ($(i + 1) !~ /-/) { print $i; exit } }' "$f")
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return 0; fi
  done
  return 1
}

