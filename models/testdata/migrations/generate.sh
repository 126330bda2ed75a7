#!/usr/bin/env bash
# Writes the databases TestMigrateDatabasesOfEarlierCommits opens. For each
# commit below, one per distinct schema history of main (9ea3443 does not
# build; 6999f11, the next, has its history), the presspass of that commit
# creates a SQLite and a MariaDB database, loads the demo fixtures, adds an
# administrator "keeper" (password keeper-pass) with an application password
# and, where the commit has the routes, writes a category, a post, a comment
# and an upload and records a failed login over REST. Each database is dumped
# as SQL whose first line holds keeper's application password.
#
# Run from the repository root with MariaDB up:
#   bash models/testdata/migrations/generate.sh
# Existing dumps are kept: a dump is written once, by the commit it is named
# after. When a commit adds migration steps, add it to the list and run this.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
commits=(4222bac ecf6744 6999f11 78f94ec 2ec9744 1eeca4b 70c0b84 edd5ef8 e2f696e)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mysql_dump_db=gen_migrations
png=$(printf '%s' iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==)

for c in "${commits[@]}"; do
  [ -f "$out/$c.sqlite.sql" ] && [ -f "$out/$c.mysql.sql" ] && continue
  src=$work/src-$c
  mkdir -p "$src"
  git archive "$c" | tar -x -C "$src"
  (cd "$src" && go build -o "$work/presspass-$c" .)
  for dialect in sqlite mysql; do
    dir=$work/$c-$dialect
    mkdir -p "$dir"
    if [ $dialect = sqlite ]; then
      db=sqlite:$dir/presspass.db
    else
      mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $mysql_dump_db; CREATE DATABASE $mysql_dump_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
      db=mysql://root@127.0.0.1:3306/$mysql_dump_db
    fi
    pp() { (cd "$dir" && "$work/presspass-$c" "$@" --database "$db"); }
    pp migrate
    pp fixtures load demo
    pp user create keeper keeper@example.com --role=administrator --user_pass=keeper-pass
    ap=$(pp app-password create keeper "Earlier commit" --porcelain)
    # Content through the commit's own server, where it has these routes.
    port=$((20000 + RANDOM % 20000))
    (cd "$dir" && PRESSPASS_ENVIRONMENT=local exec "$work/presspass-$c" serve --addr "127.0.0.1:$port" \
      --database "$db" --site-url "http://127.0.0.1:$port" >"$dir/serve.log" 2>&1) &
    srv=$!
    for _ in $(seq 1 50); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ] && break
      sleep 0.2
    done
    api=http://127.0.0.1:$port/wp-json/wp/v2
    auth=(-u "keeper:$ap" -H 'Content-Type: application/json')
    curl -s "${auth[@]}" "$api/categories" -d '{"name":"Old news"}' -o /dev/null || true
    post=$(curl -s "${auth[@]}" "$api/posts" -d '{"title":"Written by an earlier commit","content":"Kept.","status":"publish"}' \
      | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("id", 0))
except Exception: print(0)')
    curl -s "${auth[@]}" "$api/comments" -d "{\"post\":$post,\"content\":\"A comment from before.\"}" -o /dev/null || true
    printf '%s' "$png" | base64 -d | curl -s -u "keeper:$ap" -H 'Content-Type: image/png' \
      -H 'Content-Disposition: attachment; filename="dot.png"' --data-binary @- "$api/media" -o /dev/null || true
    curl -s -u "keeper:wrong-password" "$api/users/me" -o /dev/null || true
    kill "$srv"; wait "$srv" 2>/dev/null || true
    dump=$out/$c.$dialect.sql
    echo "-- application password of keeper: $ap" >"$dump"
    if [ $dialect = sqlite ]; then
      sqlite3 "$dir/presspass.db" .dump >>"$dump"
    else
      mysqldump -h127.0.0.1 -uroot --compact --skip-extended-insert "$mysql_dump_db" >>"$dump"
      mysql -h127.0.0.1 -uroot -e "DROP DATABASE $mysql_dump_db"
    fi
  done
done
