#!/usr/bin/env bash
# Builds the Pulumi CLI from Go modules at exactly the version of the pinned @pulumi/pulumi, and
# the Node.js language host beside it, into .tools/pulumi/bin (ignored by git), for machines
# without a Pulumi CLI. A CLI already on PATH is what the tests use first; this one is for
# machines that have none.
#
#   bash scripts/install-pulumi-cli.sh        # prints the bin folder on its last line
#
# Upstream's go.mod files replace pkg and sdk with local paths, so `go install …@version` is
# refused; tools/pulumi-cli/go.mod requires them at the release tag instead. A first build
# downloads about 400 modules and compiles for several minutes on two cores; later runs find the
# built binary and return at once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/pulumi/bin"

say() { echo "install-pulumi-cli: $*" >&2; }
fail() {
    say "FAILED: $*"
    exit 1
}

command -v go >/dev/null || fail "no Go toolchain on PATH (needed to build the CLI from Go modules)"
command -v node >/dev/null || fail "no node on PATH"

# The version the SDK is pinned at, e.g. 3.248.0.
version="$(node -p "require('$root/package.json').devDependencies['@pulumi/pulumi']")"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    fail "package.json pins @pulumi/pulumi as \"$version\"; an exact version is needed to build the CLI"
grep -qE "github.com/pulumi/pulumi/pkg/v3 v$version( |\$)" "$root/tools/pulumi-cli/go.mod" ||
    fail "tools/pulumi-cli/go.mod does not require pkg/v3 v$version; run: cd tools/pulumi-cli && go get github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version github.com/pulumi/pulumi/sdk/v3@v$version"

ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"

if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
    say "pulumi v$version already built in .tools/pulumi/bin"
else
    say "building pulumi v$version from github.com/pulumi/pulumi/pkg/v3 (a first build takes several minutes)"
    mkdir -p "$bin"
    started=$(date +%s)
    # A line every 30 s, so a long first build is visibly alive.
    (while sleep 30; do say "  still building ($(($(date +%s) - started)) s)"; done) &
    ticker=$!
    trap 'kill $ticker 2>/dev/null || true' EXIT
    (cd "$root/tools/pulumi-cli" &&
        go build -o "$bin/pulumi.partial" -ldflags "$ldflags" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) ||
        fail "go build of github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version (see the error above)"
    kill $ticker 2>/dev/null || true
    mv "$bin/pulumi.partial" "$bin/pulumi"
    built="$("$bin/pulumi" version)"
    [ "$built" = "v$version" ] || fail "the built CLI says $built, not v$version"
    say "built pulumi $built in $(($(date +%s) - started)) s"
fi

# Pulumi's dynamic-provider plugin ships with the SDK package; a Pulumi install keeps it beside
# the CLI, where the engine looks for bundled plugins first.
dynamic_plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ -x "$dynamic_plugin" ]; then
    ln -sf "$dynamic_plugin" "$bin/pulumi-resource-pulumi-nodejs"
else
    say "note: run npm ci first to link pulumi-resource-pulumi-nodejs beside the CLI"
fi

# The Node.js language host (`pulumi-language-nodejs`): what runs `pulumi up` typed in a
# `runtime: nodejs` folder. From v3.69 on upstream keeps it in a nested module with no tag of its
# own, which the module proxy reachable here refuses (403); up to sdk/v3 v3.68.0 it is a package
# inside sdk/v3, which is served. tools/pulumi-language-nodejs/go.mod pins that release (and
# go.sum its dependencies). It runs the program through the installed @pulumi/pulumi's own
# `cmd/run`, so the program's SDK (3.248.0 here) does the work; what the older host itself does
# not do is listed in docs/testing.md.
host_dir="$root/tools/pulumi-language-nodejs"
host_version="$(sed -n 's#^\s*github.com/pulumi/pulumi/sdk/v3 \(v[0-9.]*\).*#\1#p' "$host_dir/go.mod" | head -n 1)"
[ -n "$host_version" ] || fail "tools/pulumi-language-nodejs/go.mod does not require github.com/pulumi/pulumi/sdk/v3"
host_stamp="$bin/.pulumi-language-nodejs.version"
if [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$host_stamp" 2>/dev/null)" = "$host_version" ]; then
    say "pulumi-language-nodejs $host_version already built in .tools/pulumi/bin"
else
    say "building pulumi-language-nodejs from github.com/pulumi/pulumi/sdk/v3@$host_version (about a minute, more on a cold cache)"
    started=$(date +%s)
    (while sleep 30; do say "  still building the language host ($(($(date +%s) - started)) s)"; done) &
    ticker=$!
    trap 'kill $ticker 2>/dev/null || true' EXIT
    (cd "$host_dir" &&
        go build -o "$bin/pulumi-language-nodejs.partial" \
            -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$host_version" \
            github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs) ||
        fail "go build of github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@$host_version (see the error above)"
    kill $ticker 2>/dev/null || true
    mv "$bin/pulumi-language-nodejs.partial" "$bin/pulumi-language-nodejs"
    echo "$host_version" >"$host_stamp"
    say "built pulumi-language-nodejs $host_version in $(($(date +%s) - started)) s"
fi

echo "$bin"
