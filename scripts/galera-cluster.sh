#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback from Debian's packages
# (apt-get install mariadb-server galera-4 rsync), for trying PressPass on
# several primaries and for its Galera test (galera_test.go):
#
#   scripts/galera-cluster.sh start DIR      nodes on 127.0.0.1:PORT..PORT+2, data under DIR/n1..n3
#   scripts/galera-cluster.sh stop DIR       stops the nodes this script started (pid files in DIR)
#   scripts/galera-cluster.sh kill DIR N     SIGKILLs node N, as a crash would
#   scripts/galera-cluster.sh restart DIR N  starts node N again (it rejoins; returns at once)
#   scripts/galera-cluster.sh wait DIR N     waits until node N is Synced
#
# PORT is GALERA_PORT (default 3311). Group communication listens on PORT+1260..,
# incremental state transfer on PORT+2260.., rsync state transfer on PORT+3260..,
# so that clusters whose PORTs differ by less than 1000 do not collide.
# root connects over TCP without a password. Any other MariaDB server is left alone.
set -euo pipefail
cmd=${1:?start|stop|kill|restart|wait}
D=${2:?DIR}
base=${GALERA_PORT:-3311}
mkdir -p "$D"
D=$(cd "$D" && pwd)
# The joiner's rsync daemon runs as nobody when started by root: it must reach DIR.
chmod 755 "$D"

port() { echo $((base + $1 - 1)); }
gcomm() { echo $((base + 1260 + $1 - 1)); }

cnf() { # cnf N: node N's configuration
  local peers="" n
  for n in 1 2 3; do peers+="${peers:+,}127.0.0.1:$(gcomm $n)"; done
  cat >"$D/n$1.cnf" <<CNF
[mysqld]
user=$(id -un)
datadir=$D/n$1
socket=$D/n$1.sock
pid-file=$D/n$1.pid
log-error=$D/n$1.err
port=$(port "$1")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
max_connections=300
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=presspass
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=n$1
wsrep_node_address=127.0.0.1
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm "$1");ist.recv_addr=127.0.0.1:$((base + 2260 + $1 - 1));gcache.size=64M"
wsrep_sst_receive_address=127.0.0.1:$((base + 3260 + $1 - 1))
wsrep_sst_method=rsync
CNF
}

synced() { # synced N: node N answers and is Synced
  mariadb -h127.0.0.1 -P"$(port "$1")" -uroot -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | grep -q Synced
}

wait_synced() { # wait_synced N SECONDS
  local i
  for i in $(seq 1 $(($2 * 2))); do synced "$1" && return 0; sleep 0.5; done
  echo "node $1 is not Synced after $2 s: $(tail -3 "$D/n$1.err")" >&2
  return 1
}

running() { [ -f "$D/n$1.mypid" ] && kill -0 "$(cat "$D/n$1.mypid")" 2>/dev/null; }

launch() { # launch N [--wsrep-new-cluster]
  local n=$1
  shift
  mkdir -p "$D/n$n"
  if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$D/n$n"; fi
  setsid /usr/sbin/mariadbd --defaults-file="$D/n$n.cnf" "$@" >>"$D/n$n.out" 2>&1 &
  echo $! >"$D/n$n.mypid"
}

case $cmd in
start)
  [ -f /usr/lib/galera/libgalera_smm.so ] || { echo "galera-4 is not installed (apt-get install galera-4 rsync)" >&2; exit 2; }
  for n in 1 2 3; do cnf $n; done
  if [ ! -d "$D/n1/mysql" ]; then
    mkdir -p "$D/n1"
    mariadb-install-db --defaults-file="$D/n1.cnf" --auth-root-authentication-method=normal --skip-test-db >"$D/install.log" 2>&1
  fi
  # The node that bootstraps must be the one whose state is newest: on a
  # fresh cluster that is node 1; grastate.dat says so after a clean stop.
  sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$D/n1/grastate.dat" 2>/dev/null || true
  launch 1 --wsrep-new-cluster
  wait_synced 1 60
  mariadb -h127.0.0.1 -P"$(port 1)" -uroot -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION" 2>/dev/null || true
  for n in 2 3; do
    launch $n
    wait_synced $n 120
  done
  mariadb -h127.0.0.1 -P"$(port 1)" -uroot -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'"
  ;;
stop)
  for n in 3 2 1; do
    if running $n; then kill "$(cat "$D/n$n.mypid")"; fi
  done
  for n in 3 2 1; do
    for _ in $(seq 1 60); do running $n || break; sleep 0.5; done
    if running $n; then kill -9 "$(cat "$D/n$n.mypid")"; fi
    rm -f "$D/n$n.mypid"
  done
  ;;
kill)
  n=${3:?node number}
  if running "$n"; then kill -9 "$(cat "$D/n$n.mypid")"; fi
  for _ in $(seq 1 40); do running "$n" || break; sleep 0.25; done
  ;;
restart)
  n=${3:?node number}
  running "$n" && { echo "node $n is running" >&2; exit 1; }
  cnf "$n"
  launch "$n"
  ;;
wait)
  wait_synced "${3:?node number}" "${4:-120}"
  ;;
*)
  echo "usage: $0 start|stop|kill|restart|wait DIR [N]" >&2
  exit 2
  ;;
esac
