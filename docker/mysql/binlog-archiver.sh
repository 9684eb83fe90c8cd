#!/bin/sh
# Streams MySQL's binary logs into /binlogs as the server writes them (mysqlbinlog --stop-never), so the
# changes since the last nightly backup survive the loss of the database volume: point-in-time recovery
# with an RPO of seconds (OPS-03 promises <= 15 min). Ship /binlogs off the host with the backups
# (docs/OPERATIONS.md, "Point-in-time recovery"). Runs in the mysql image, which has mysqlbinlog.
set -eu
host="${MYSQL_HOST:-mysql}"
export MYSQL_PWD="${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD is required}"
cd /binlogs

until mysqladmin --host="$host" --user=root ping --silent >/dev/null 2>&1; do
  echo "binlog-archiver: waiting for $host"
  sleep 3
done

while true; do
  # Resume with the newest file already archived (fetched again whole: the copy may be partial),
  # otherwise start from the oldest binary log the server still has.
  last=$(ls -1 binlog.[0-9]* 2>/dev/null | sort | tail -n 1 || true)
  if [ -z "$last" ]; then
    last=$(mysql --host="$host" --user=root --batch --skip-column-names -e 'SHOW BINARY LOGS' | head -n 1 | cut -f1)
  fi
  if [ -z "$last" ]; then
    echo "binlog-archiver: the server has no binary logs (is log_bin on?); retrying in 60 s" >&2
    sleep 60
    continue
  fi
  echo "binlog-archiver: streaming from $last"
  mysqlbinlog --read-from-remote-server --host="$host" --user=root --raw --stop-never \
    --connection-server-id=4242 --result-file=/binlogs/ "$last" || true
  echo "binlog-archiver: mysqlbinlog stopped; reconnecting in 5 s" >&2
  sleep 5
done
