// Preloaded (node --import) into the API and the baseline server by scripts/bench/compare.mjs: counts the
// statements the process sends through mysql2 or better-sqlite3, and answers on a loopback port:
//   GET /        the count so far
//   GET /requests  the HTTP requests the process has received (the benchmark's requests; this port's own
//                are not counted): statements per request divide by it, so a request still in flight when
//                wrk stops is neither lost from the count nor adds statements without a request
//   GET /capture start recording statement texts;  GET /sql  answers them (JSON) and stops recording
//   GET /memory  process.memoryUsage() and V8's heap spaces (MB), to see what an RSS figure is made of
//   GET /memory?gc=1  the same after a full garbage collection: what the heap holds live (a leak grows it)
//   GET /heap-snapshot?label  writes a V8 heap snapshot (what is live) to $SHALA_BENCH_HEAP_SNAPSHOTS/label
//                .heapsnapshot and answers its path; scripts/bench/heap-summary.mjs reads one
import { createServer, Server } from 'node:http';
import { createRequire } from 'node:module';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

const req = createRequire(process.env.SHALA_BENCH_API_PACKAGE);
let count = 0;
let requests = 0;
let counterServer = null;
const emit = Server.prototype.emit;
Server.prototype.emit = function (event, ...args) {
  if (event === 'request' && this !== counterServer) requests++;
  return emit.call(this, event, ...args);
};
let captured = null;
const note = (sql) => {
  count++;
  if (captured && captured.length < 500) captured.push(String(typeof sql === 'string' ? sql : sql?.sql));
};
try {
  const Database = req('better-sqlite3');
  const prepare = Database.prototype.prepare;
  let wrapped = false;
  Database.prototype.prepare = function (...args) {
    const statement = prepare.apply(this, args);
    if (!wrapped) {
      wrapped = true;
      const proto = Object.getPrototypeOf(statement);
      for (const m of ['run', 'all', 'get', 'iterate']) {
        const f = proto[m];
        proto[m] = function (...a) {
          note(this.source);
          return f.apply(this, a);
        };
      }
    }
    return statement;
  };
} catch {
  // better-sqlite3 is not installed: nothing to count there
}
try {
  const base = Object.getPrototypeOf(req('mysql2').Connection.prototype);
  for (const m of ['query', 'execute']) {
    const f = base[m];
    base[m] = function (sql, ...a) {
      note(sql);
      // While capturing, a statement the server refused is recorded again as `! <code> <statement>`.
      const cb = a.length && typeof a[a.length - 1] === 'function' ? a.length - 1 : -1;
      if (captured && cb >= 0) {
        const done = a[cb];
        a[cb] = function (err, ...rest) {
          if (err && captured && captured.length < 500)
            captured.push(`! ${err.code} ${String(typeof sql === 'string' ? sql : sql?.sql)}`);
          return done.call(this, err, ...rest);
        };
      }
      return f.call(this, sql, ...a);
    };
  }
} catch {
  // mysql2 is not installed: nothing to count there
}
counterServer = createServer((request, res) => {
  if (request.url === '/requests') {
    res.end(String(requests));
    return;
  }
  if (request.url === '/capture') captured = [];
  if (request.url.startsWith('/heap-snapshot?') && process.env.SHALA_BENCH_HEAP_SNAPSHOTS) {
    const label = request.url.slice('/heap-snapshot?'.length).replace(/[^\w-]/g, '');
    res.end(writeHeapSnapshot(join(process.env.SHALA_BENCH_HEAP_SNAPSHOTS, `${label}.heapsnapshot`)));
    return;
  }
  if (request.url === '/memory' || request.url === '/memory?gc=1') {
    if (request.url.endsWith('gc=1')) {
      // gc() without starting the process with --expose-gc (which would set the flag for the whole run)
      setFlagsFromString('--expose-gc');
      runInNewContext('gc')();
      setFlagsFromString('--no-expose-gc');
    }
    const mb = (x) => Math.round((x / 1048576) * 10) / 10;
    const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mb(v)]));
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
    res.end(JSON.stringify({ ...usage, spaces }));
    return;
  }
  if (request.url === '/sql') {
    res.end(JSON.stringify(captured ?? []));
    captured = null;
    return;
  }
  res.end(String(count));
})
  .listen(Number(process.env.SHALA_BENCH_COUNTER_PORT), '127.0.0.1')
  .unref();
