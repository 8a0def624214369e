#!/usr/bin/env bash
# Builds the Pulumi CLI from Go modules at exactly the version of the pinned @pulumi/pulumi,
# into .tools/pulumi/bin (ignored by git), for machines without a Pulumi CLI. A CLI already on
# PATH is what the tests use first; this one is for machines that have none.
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

# The Node.js language host (`pulumi-language-nodejs`, what runs `pulumi up` in a nodejs project
# folder) is a nested module with no tag of its own: the pseudo-version of the pkg/v3.<version>
# release commit. The module proxy reachable from this project's machines refuses it (403), so the
# tests drive programs through the Automation API, whose in-process language server needs no
# language host. Where the proxy serves it, it is built here too.
host_module=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
host_versions_3_248_0=v3.0.0-20260624180030-dc7edd58bc13
host_version_var="host_versions_${version//./_}"
host_version="${!host_version_var:-}"
if [ -x "$bin/pulumi-language-nodejs" ]; then
    say "pulumi-language-nodejs already built"
elif [ -z "$host_version" ]; then
    say "pulumi-language-nodejs: no known pseudo-version for v$version; not built"
elif probe="$(cd "$root/tools/pulumi-cli" && go mod download -json "$host_module@$host_version" 2>&1)"; then
    say "building pulumi-language-nodejs $host_version"
    work="$(mktemp -d)"
    cp "$root/tools/pulumi-cli/go.mod" "$root/tools/pulumi-cli/go.sum" "$work/"
    (cd "$work" && sed -i 's#^module .*#module jumpcloud-entra-idp/tools/pulumi-language-nodejs#' go.mod &&
        go get "$host_module@$host_version" &&
        go build -o "$bin/pulumi-language-nodejs" -ldflags "$ldflags" "$host_module") ||
        fail "go build of $host_module@$host_version (see the error above)"
    rm -rf "$work"
else
    say "pulumi-language-nodejs: not available here; \`go mod download $host_module@$host_version\` answered:"
    say "  $(echo "$probe" | grep -m1 -E 'Error|error|403|404' || echo "$probe" | head -n 1)"
    say "  programs run through the Automation API instead (no language host needed)"
fi

echo "$bin"
