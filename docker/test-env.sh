#!/usr/bin/env bash
# Starts (and stops) the real services the tests need, from Debian's packages, as root:
#   PostgreSQL on 127.0.0.1 with a throw-away cluster;
#   four Docker engines (dockerd, each with its own containerd and state):
#     unix      on a unix socket,
#     tls       on a unix socket and 127.0.0.1 with mutual TLS (--tlsverify),
#     noverify  on a unix socket and 127.0.0.1 with TLS but no client verification,
#     spare     on a unix socket, for a test that SIGKILLs it;
#   certificates for them (a test CA and an unrelated "Other CA", each with a client certificate);
#   a busybox rootfs tar the tests import as their image;
#   a container registry (Debian's docker-registry) on 127.0.0.1 over plain HTTP, for push and pull.
# Writes what it started to .test-env/test.env, which the tests read. Every daemon writes to files
# under the state directory, never to this script's output, and is stopped by its pid.
#
#   sudo docker/test-env.sh start    # then: ./mvnw verify
#   sudo docker/test-env.sh stop
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
env_dir="$repo/.test-env"
env_file="$env_dir/test.env"
state=${WHARF_TEST_STATE:-/tmp/wharf-test-env}
pki="$state/pki"
engines=(unix tls noverify spare)
# Debian's client, matching Debian's dockerd; /usr/local/bin/docker, if any, may be another version.
docker_cli=/usr/bin/docker
registry_bin=/usr/bin/docker-registry
cert_days=3
# A caller's Docker settings would change what dockerd (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH are its
# flag defaults) and the client below talk to.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
# Likewise REGISTRY_* variables override the registry's config file, key by key (e.g. its address).
unset "${!REGISTRY_@}"

log() { printf '[test-env] %s\n' "$*"; }
die() { printf '[test-env] %s\n' "$*" >&2; exit 1; }

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# True while the process runs. A zombie does not count: where pid 1 does not reap (as in some CI
# sandboxes), a killed daemon stays a zombie, and `kill -0` would call it alive forever.
alive() {
  local stat
  [[ -n ${1:-} ]] || return 1
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

any_alive() {
  local pid
  for pid in "$@"; do alive "$pid" && return 0; done
  return 1
}

# wait_gone TENTHS PID...: waits up to TENTHS tenths of a second for the processes to end.
wait_gone() {
  local tenths=$1
  shift
  for _ in $(seq 1 "$tenths"); do any_alive "$@" || return 0; sleep 0.1; done
  ! any_alive "$@"
}

# The user who ran `sudo docker/test-env.sh start`: the tests then run as them (./mvnw verify), so
# they get the engines' sockets and the client keys. Empty when run as root (as in CI).
invoking_user() {
  if [[ -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then echo "$SUDO_USER"; fi
}

# ---------------------------------------------------------------------------------------- PostgreSQL

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir ]] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
  echo "$dir"
}

start_postgres() {
  local bin port password data
  bin=$(pg_bin)
  port=$(free_port 55432)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  data="$state/postgres/data"
  mkdir -p "$state/postgres"
  chown postgres:postgres "$state/postgres"
  chmod 700 "$state/postgres"
  printf '%s\n' "$password" >"$state/postgres/pwfile"
  chown postgres "$state/postgres/pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$data" -U wharf --pwfile="$state/postgres/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$state/postgres/initdb.log" 2>&1
  rm -f "$state/postgres/pwfile"
  # -w waits until it accepts connections; the server's own output goes to its log file
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$state/postgres/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $state/postgres -c fsync=off -c max_connections=200" \
    start >"$state/postgres/pg_ctl.log" 2>&1
  head -n 1 "$data/postmaster.pid" >"$state/postgres.pid"
  {
    echo "WHARF_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/"
    echo "WHARF_TEST_POSTGRES_USER=wharf"
    echo "WHARF_TEST_POSTGRES_PASSWORD=$password"
  } >>"$env_file"
  log "PostgreSQL on 127.0.0.1:$port (pid $(cat "$state/postgres.pid"), log $state/postgres/server.log)"
}

# ------------------------------------------------------------------------------------- certificates

openssl_config() {
  cat <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

# An unencrypted EC P-256 key in PKCS#8 PEM: quick to make, and what both dockerd and Wharf accept.
new_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>>"$pki/openssl.log"
  chmod 600 "$1"
}

# new_ca NAME CN: $pki/NAME.pem and $pki/NAME-key.pem, self-signed.
new_ca() {
  new_key "$pki/$1-key.pem"
  openssl req -x509 -new -config "$pki/openssl.cnf" -extensions ca -key "$pki/$1-key.pem" \
    -subj "/CN=$2" -days "$cert_days" -out "$pki/$1.pem" 2>>"$pki/openssl.log"
}

# issue CA NAME PROFILE CN: $pki/NAME-cert.pem and $pki/NAME-key.pem, signed by $pki/CA.pem,
# with the extensions of PROFILE (server or client) in openssl.cnf.
issue() {
  local ca=$1 name=$2 profile=$3 cn=$4
  new_key "$pki/$name-key.pem"
  openssl req -new -config "$pki/openssl.cnf" -key "$pki/$name-key.pem" -subj "/CN=$cn" 2>>"$pki/openssl.log" |
    openssl x509 -req -CA "$pki/$ca.pem" -CAkey "$pki/$ca-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
      -days "$cert_days" -extfile "$pki/openssl.cnf" -extensions "$profile" -out "$pki/$name-cert.pem" \
      2>>"$pki/openssl.log"
}

make_pki() {
  local user
  mkdir -p "$pki"
  openssl_config >"$pki/openssl.cnf"
  new_ca ca "Wharf Test CA"
  issue ca server server wharf-test-engine
  issue ca client client wharf-test-client
  # A CA the engines do not trust, with its own client: the tests expect its certificate refused.
  new_ca other-ca "Other CA"
  issue other-ca other-client client wharf-test-other-client
  user=$(invoking_user)
  if [[ -n $user ]]; then chown "$user" "$pki"/client-*.pem "$pki"/other-client-*.pem; fi
  log "certificates in $pki (valid $cert_days days)"
}

# ---------------------------------------------------------------------------------- busybox rootfs

# A tar that `docker import` turns into a usable image: busybox and one symlink per applet in bin/,
# with the directory's contents at the root of the tar. The tests import it themselves, through the
# Engine API, so no registry is needed.
make_busybox_tar() {
  local root="$state/busybox-rootfs" applet
  [[ -x /usr/bin/busybox ]] || die "busybox is not installed: apt-get install -y busybox-static"
  mkdir -p "$root"/{bin,etc,root,tmp,proc,sys,dev}
  chmod 1777 "$root/tmp"
  cp /usr/bin/busybox "$root/bin/busybox"
  # busybox links its ~270 applets itself, in one process (a loop of `ln` takes seconds). Run in the
  # rootfs, where it cannot read /proc/self/exe, it points them at the path it was started by,
  # /bin/busybox, which is right inside the image.
  chroot "$root" /bin/busybox --install -s /bin
  for applet in sh sleep echo cat ls yes true false env top pwd; do
    [[ -L $root/bin/$applet ]] || die "this busybox has no '$applet' applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$state/busybox-rootfs.tar" .
  rm -rf "$root"
  log "busybox rootfs in $state/busybox-rootfs.tar"
}

# ----------------------------------------------------------------------------------------- registry

# Plain HTTP on 127.0.0.1: dockerd treats registries in 127.0.0.0/8 as insecure (HTTP allowed) by
# default, so the engines push and pull without --insecure-registry. No auth; storage under $state,
# so `stop` removes the images with everything else.
registry_config() {
  cat <<EOF
version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: $state/registry/data
  delete:
    enabled: true
http:
  addr: $registry_address
  # given rather than generated only to keep a warning out of the log: one instance shares nothing
  secret: $(head -c 18 /dev/urandom | base64 | tr -d '/+=')
EOF
}

# Starts the registry and returns without waiting; registry_ready waits for it. It runs as the
# package's own user, through setpriv, which execs it, so that $! is the registry's own pid.
launch_registry() {
  local dir="$state/registry"
  registry_address="127.0.0.1:$(free_port 55000)"
  mkdir -p "$dir/data"
  registry_config >"$dir/config.yml"
  chown -R docker-registry:docker-registry "$dir"
  chmod 600 "$dir/config.yml"
  spawn "$dir/registry.log" setpriv --reuid=docker-registry --regid=docker-registry --init-groups -- \
    "$registry_bin" serve "$dir/config.yml"
  echo "$!" >"$state/registry.pid"
}

# Waits (at most 20 s) until it answers the API's version check; it normally takes well under 1 s.
registry_ready() {
  local deadline=$((SECONDS + 20)) pid version log="$state/registry/registry.log" why=""
  pid=$(<"$state/registry.pid")
  until curl -sf -o /dev/null --max-time 2 "http://$registry_address/v2/"; do
    if ! alive "$pid"; then
      why="exited"
    elif ((SECONDS >= deadline)); then
      why="did not answer within 20 s"
    fi
    if [[ -n $why ]]; then
      { printf '[test-env] registry %s; the end of %s:\n' "$why" "$log"; tail -n 25 "$log"; } >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "WHARF_TEST_REGISTRY=$registry_address" >>"$env_file"
  version=$("$registry_bin" --version | awk '{print $NF}')
  log "registry $version on http://$registry_address (pid $pid, log $log)"
}

# ---------------------------------------------------------------------------------- Docker engines

engine_dir() { echo "$state/engine-$1"; }

# Runs "$@" detached from this script: in its own session, stdin from /dev/null, output to $1, and
# no other descriptor inherited, since a daemon holding e.g. CI's output pipe would keep CI waiting.
spawn() {
  local out=$1 fd
  shift
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    exec setsid "$@" </dev/null >"$out" 2>&1
  ) &
}

# launch_engine NAME [dockerd flags...]: starts one dockerd; its pid is in $dir/dockerd.pid.
# dockerd 20.10 starts its own ("managed") containerd only when /run/containerd/containerd.sock does
# not exist, and otherwise uses that one: a system containerd, or a stale socket, would be shared by
# every engine (or make them fail). containerd also keeps its shims' sockets in /run/containerd/s.
# So each engine runs in its own mount namespace with its own directory over /run/containerd; its
# mounts (the data root, network namespaces) stay in that namespace and vanish with its processes.
launch_engine() {
  local name=$1 dir
  shift
  dir=$(engine_dir "$name")
  mkdir -p "$dir/run-containerd" /run/containerd
  # Its own identity key: dockerd 20.10 takes its path only from daemon.json ("deprecated-key-path"),
  # and by default all would share /etc/docker/key.json, so the same engine ID. Nor does a host
  # /etc/docker/daemon.json apply.
  printf '{ "deprecated-key-path": "%s/key.json" }\n' "$dir" >"$dir/daemon.json"
  local flags=(
    --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec"
    --pidfile "$dir/dockerd.pid" -H "unix://$dir/docker.sock"
    # no images to share, no host networking to touch: vfs works on any filesystem, no bridge,
    # no iptables rules, no ip_forward sysctl
    --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none --ip-forward=false
  )
  # (inside, sh's $0 is the directory to mount; setsid, unshare and sh each exec the next, so the
  # pid spawn leaves in $! is dockerd's, until dockerd has written its own pid file)
  spawn "$dir/dockerd.log" unshare --mount --propagation private -- \
    sh -c 'mount --bind "$0" /run/containerd && exec "$@"' "$dir/run-containerd" \
    dockerd "${flags[@]}" "$@"
  echo "$!" >"$dir/launch.pid"
}

# The engine's dockerd pid, only if that process is still its dockerd: after a test SIGKILLed the
# spare engine, its pid file stays behind and the pid may belong to something else by now.
engine_pid() {
  local dir pid args file
  dir=$(engine_dir "$1")
  for file in "$dir/dockerd.pid" "$dir/launch.pid"; do
    [[ -s $file ]] || continue
    pid=$(<"$file")
    alive "$pid" || continue
    mapfile -d '' args 2>/dev/null <"/proc/$pid/cmdline" || continue
    if [[ ${args[0]##*/} == dockerd && " ${args[*]} " == *" $dir/dockerd.pid "* ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

engine_failed() {
  local name=$1 why=$2 dir
  dir=$(engine_dir "$name")
  {
    printf '[test-env] Docker engine %s %s; the end of %s:\n' "$name" "$why" "$dir/dockerd.log"
    tail -n 25 "$dir/dockerd.log" 2>/dev/null || true
  } >&2
  exit 1
}

answers() { timeout 10 "$docker_cli" "$@" version >/dev/null 2>&1; }

# Waits (at most 60 s in all) until every engine answers on its unix socket.
wait_for_engines() {
  local deadline=$((SECONDS + 60)) name pending=("${engines[@]}") waiting
  while ((${#pending[@]})); do
    waiting=()
    for name in "${pending[@]}"; do
      if answers -H "unix://$(engine_dir "$name")/docker.sock"; then
        continue
      elif ! alive "$(<"$(engine_dir "$name")/launch.pid")" && ! engine_pid "$name" >/dev/null; then
        engine_failed "$name" "exited"
      elif ((SECONDS >= deadline)); then
        engine_failed "$name" "did not answer within 60 s"
      fi
      waiting+=("$name")
    done
    pending=("${waiting[@]}")
    if ((${#pending[@]})); then sleep 0.2; fi
  done
}

# The tests rely on exactly these answers; a broken certificate should fail here, not in a test.
check_tls() {
  local tls=$1 noverify=$2 none="$pki/no-client-cert"
  answers -H "$tls" --tlsverify --tlscacert "$pki/ca.pem" --tlscert "$pki/client-cert.pem" --tlskey "$pki/client-key.pem" ||
    engine_failed tls "refuses the test client certificate at $tls"
  # (the client would otherwise look for a certificate in ~/.docker)
  if DOCKER_CERT_PATH=$none answers -H "$tls" --tlsverify --tlscacert "$pki/ca.pem"; then
    engine_failed tls "answers a client without a certificate at $tls"
  fi
  DOCKER_CERT_PATH=$none answers -H "$noverify" --tlsverify --tlscacert "$pki/ca.pem" ||
    engine_failed noverify "does not answer a client without a certificate at $noverify"
}

# Starts the four engines side by side (each takes a second or two) and returns without waiting;
# engines_ready waits for them.
launch_engines() {
  local tls_port noverify_port
  # Both ports are chosen before either engine listens, so the second search starts past the first.
  tls_port=$(free_port 52376)
  noverify_port=$(free_port $((tls_port + 1)))
  tls_endpoint="tcp://127.0.0.1:$tls_port"
  noverify_endpoint="tcp://127.0.0.1:$noverify_port"
  launch_engine unix
  launch_engine tls -H "$tls_endpoint" --tlsverify --tlscacert "$pki/ca.pem" \
    --tlscert "$pki/server-cert.pem" --tlskey "$pki/server-key.pem"
  # TLS that accepts any client. dockerd 20.10 turns --tls alone into --tlsverify ("enable TLS
  # verification unless explicitly disabled"), so verification is switched off by name.
  launch_engine noverify -H "$noverify_endpoint" --tls --tlsverify=false \
    --tlscert "$pki/server-cert.pem" --tlskey "$pki/server-key.pem"
  launch_engine spare
}

engines_ready() {
  local name user
  wait_for_engines
  check_tls "$tls_endpoint" "$noverify_endpoint"
  user=$(invoking_user)
  # Only that user (dockerd made the sockets root:docker 0660); dockerd leaves them as they are.
  for name in "${engines[@]}"; do
    if [[ -n $user ]]; then chown "$user" "$(engine_dir "$name")/docker.sock"; fi
  done
  for name in "${engines[@]}"; do
    log "Docker engine $name on unix://$(engine_dir "$name")/docker.sock (pid $(engine_pid "$name"), log $(engine_dir "$name")/dockerd.log)"
  done
  log "Docker engine tls also on $tls_endpoint (mutual TLS), noverify on $noverify_endpoint (TLS, any client)"
  {
    echo "WHARF_TEST_DOCKER_CLI=$docker_cli"
    echo "WHARF_TEST_DOCKER_UNIX=unix://$(engine_dir unix)/docker.sock"
    echo "WHARF_TEST_DOCKER_TLS=$tls_endpoint"
    echo "WHARF_TEST_DOCKER_TLS_SOCKET=unix://$(engine_dir tls)/docker.sock"
    echo "WHARF_TEST_DOCKER_NOVERIFY=$noverify_endpoint"
    echo "WHARF_TEST_DOCKER_NOVERIFY_SOCKET=unix://$(engine_dir noverify)/docker.sock"
    echo "WHARF_TEST_DOCKER_SPARE=unix://$(engine_dir spare)/docker.sock"
    echo "WHARF_TEST_DOCKER_SPARE_PIDFILE=$(engine_dir spare)/dockerd.pid"
    echo "WHARF_TEST_TLS_CA=$pki/ca.pem"
    echo "WHARF_TEST_TLS_CERT=$pki/client-cert.pem"
    echo "WHARF_TEST_TLS_KEY=$pki/client-key.pem"
    echo "WHARF_TEST_TLS_OTHER_CA=$pki/other-ca.pem"
    echo "WHARF_TEST_TLS_OTHER_CERT=$pki/other-client-cert.pem"
    echo "WHARF_TEST_TLS_OTHER_KEY=$pki/other-client-key.pem"
    echo "WHARF_TEST_BUSYBOX_TAR=$state/busybox-rootfs.tar"
  } >>"$env_file"
}

# engine_processes all|containers: the engines' processes still running from the state directory.
#   all         every dockerd, containerd and container shim, with all their descendants: after a
#               dockerd was SIGKILLed, its shims (which detach from containerd by design) and the
#               containers below them live on;
#   containers  only what runs below the shims: the containers' own processes.
# Only the engines' own programs count, so e.g. a `tail -f` of a log under the state directory lives on.
engine_processes() {
  local kind=$1 proc pid stat args
  local -A children=()
  local roots=() found=()
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    read -r stat 2>/dev/null <"$proc/stat" || continue
    stat=${stat##*) } # the fields after "(command name)": state, parent pid, ...
    [[ ${stat:0:1} != Z ]] || continue
    stat=${stat#? }
    children[${stat%% *}]+=" $pid"
    mapfile -d '' args 2>/dev/null <"$proc/cmdline" || continue
    [[ "${args[*]}" == *"$state/"* ]] || continue
    case ${args[0]:-} in
      */containerd-shim* | containerd-shim*) roots+=("$pid") ;;
      */dockerd | dockerd | */containerd | containerd) if [[ $kind == all ]]; then roots+=("$pid"); fi ;;
    esac
  done
  # shellcheck disable=SC2206 # lists of pids, split on purpose
  for pid in "${roots[@]}"; do found+=(${children[$pid]:-}); done
  local i=0
  while ((i < ${#found[@]})); do
    found+=(${children[${found[i]}]:-})
    i=$((i + 1))
  done
  if [[ $kind == all ]]; then found+=("${roots[@]}"); fi
  if ((${#found[@]})); then printf '%s\n' "${found[@]}" | sort -un; fi
}

# kill_engine_processes all|containers: SIGKILLs them and waits (at most 5 s) until they are gone.
kill_engine_processes() {
  local pids
  mapfile -t pids < <(engine_processes "$1")
  ((${#pids[@]})) || return 0
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait_gone 50 "${pids[@]}" || log "processes that do not end: ${pids[*]}"
  if [[ $1 == all ]]; then log "killed ${#pids[@]} leftover engine process(es)"; fi
}

# Mounts an engine left on the host, deepest first (normally none: they live in its namespace).
unmount_leftovers() {
  local target
  awk -v root="$state" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r target; do umount -l "$target" 2>/dev/null || true; done
}

stop_engines() {
  local name pid
  local -A running=()
  # The containers are throw-away. Ending them first lets each dockerd stop at once, instead of
  # giving every container its 10 s stop timeout (a `sleep` as pid 1 ignores SIGTERM).
  kill_engine_processes containers
  for name in "${engines[@]}"; do
    if pid=$(engine_pid "$name") && kill -TERM "$pid" 2>/dev/null; then running[$name]=$pid; fi
  done
  # Waited for together: 10 s in all, not per engine.
  wait_gone 100 "${running[@]}" || true
  for name in "${!running[@]}"; do
    pid=${running[$name]}
    if alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      log "killed Docker engine $name (pid $pid): it did not stop within 10 s"
    else
      log "stopped Docker engine $name (pid $pid)"
    fi
  done
  kill_engine_processes all
  unmount_leftovers
}

# ------------------------------------------------------------------------------------------- common

# stop_pid NAME PIDFILE: stops the process, only if it is still one of ours (its command line names
# the state directory): /tmp, and so a stale pid file, may outlive a reboot, and the pid be reused.
stop_pid() {
  local name=$1 pidfile=$2 pid args=()
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if alive "$pid"; then mapfile -d '' args 2>/dev/null <"/proc/$pid/cmdline" || true; fi
  if [[ " ${args[*]} " == *"$state/"* ]]; then
    kill -TERM "$pid"
    wait_gone 100 "$pid" || kill -KILL "$pid"
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

stop_all() {
  stop_pid PostgreSQL "$state/postgres.pid"
  stop_pid registry "$state/registry.pid"
  stop_engines
  rm -rf "$state" "$env_file"
}

case ${1:-} in
  start)
    [[ $(id -u) == 0 ]] || { echo "run as root: it starts daemons as their own users" >&2; exit 1; }
    for tool in dockerd "$docker_cli" containerd runc openssl unshare "$registry_bin" curl setpriv; do
      command -v "$tool" >/dev/null ||
        die "$tool is missing: apt-get install -y docker.io busybox-static openssl docker-registry curl"
    done
    stop_all
    mkdir -p "$state" "$env_dir"
    : >"$env_file"
    make_pki
    launch_engines
    launch_registry
    # while the engines and the registry start
    make_busybox_tar
    start_postgres
    registry_ready
    engines_ready
    log "endpoints written to $env_file"
    ;;
  stop)
    stop_all
    ;;
  restart-spare)
    # For tests that kill the spare engine and need it back (as an operator restarts a crashed dockerd):
    # SIGKILL whatever is left of it, start it again on the same data, wait until it answers.
    [[ $(id -u) == 0 ]] || { echo "run as root" >&2; exit 1; }
    [[ -d $(engine_dir spare) ]] || die "no spare engine: run '$0 start' first"
    dir=$(engine_dir spare)
    # what is left of it (its containerd, its containers' shims): a crash takes the containers with it
    leftovers=()
    for proc in /proc/[0-9]*; do
      mapfile -d '' args 2>/dev/null <"$proc/cmdline" || continue
      if [[ "${args[*]}" == *"$dir/"* ]]; then leftovers+=("${proc#/proc/}"); fi
    done
    if ((${#leftovers[@]})); then kill -KILL "${leftovers[@]}" 2>/dev/null || true; wait_gone 50 "${leftovers[@]}" || true; fi
    # killed daemons leave pid files, and (unreaped, as zombies) their pids: dockerd would wait on them
    rm -f "$dir/dockerd.pid" "$dir/exec/containerd/containerd.pid"
    launch_engine spare
    deadline=$((SECONDS + 60))
    until answers -H "unix://$(engine_dir spare)/docker.sock"; do
      ((SECONDS < deadline)) || engine_failed spare "did not answer within 60 s after a restart"
      sleep 0.2
    done
    log "spare engine answers again"
    ;;
  *)
    echo "usage: $0 start|stop|restart-spare" >&2
    exit 2
    ;;
esac
