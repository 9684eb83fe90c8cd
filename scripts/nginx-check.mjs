#!/usr/bin/env node
// CI check of the Nginx configuration (OPS-01, APP-04): runs Debian's nginx with the snippets of nginx/
// and a throwaway self-signed certificate in front of the API on loopback, and checks TLS versions and
// ciphers, security headers (CSP and X-Frame-Options the same as the API's), the /api proxy (with a dead
// instance in the upstream, API answers no-store), an SPA deep link, hashed-asset caching and gzip,
// security.txt (RFC 9116), the body limit, the auth rate limit answering 429, and that metrics and
// internal paths are not reachable through Nginx. Also runs `nginx -t` on the production
// nginx.conf with its hosts and paths mapped into the sandbox. Needs the build (npm run build).
//
//   node scripts/nginx-check.mjs          (NGINX_CHECK_PORT picks the TLS port; default 8443 or a free one)
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { OpsError, apiDir, privateTempDir, root, runMain } from './ops/common.mjs';

// WEB_DIST checks another build of the SPA (default: the workspace's apps/web/dist).
const webDist = process.env.WEB_DIST ? resolve(process.env.WEB_DIST) : join(root, 'apps', 'web', 'dist');
const cli = join(apiDir, 'dist', 'cli.js');
const mainJs = join(apiDir, 'dist', 'main.js');
const snippets = join(root, 'nginx', 'snippets');
const productionConf = join(root, 'nginx', 'nginx.conf');

const results = [];
function report(name, ok, detail) {
  results.push({ name, ok });
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}\n`);
}
async function check(name, fn) {
  try {
    report(name, true, (await fn()) ?? '');
  } catch (error) {
    report(name, false, error instanceof Error ? error.message : String(error));
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function freePort(preferred) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => (preferred ? freePort().then(resolvePromise) : resolvePromise(0)));
    server.listen(preferred ?? 0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function portAnswers(port) {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolvePromise(true)));
    socket.once('timeout', () => (socket.destroy(), resolvePromise(false)));
    socket.once('error', () => resolvePromise(false));
    socket.connect(port, '127.0.0.1');
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One HTTPS request to Nginx (self-signed certificate, so no verification); the body is not decoded. */
function https(port, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolvePromise, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers,
        servername: 'localhost',
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode,
            headers: res.headers,
            raw: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.once('error', reject);
    req.end(body);
  });
}

function http(port, path) {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.once('error', reject);
    req.end();
  });
}

/** How many times a header was sent (Node joins repeats, so count the raw list). */
function headerCount(res, name) {
  let n = 0;
  for (let i = 0; i < res.raw.length; i += 2) if (res.raw[i].toLowerCase() === name) n++;
  return n;
}

function openssl(args, input = '') {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** A TLS handshake with one protocol version (and optionally one cipher list) through openssl s_client. */
function handshake(port, flag, cipherArgs = []) {
  return openssl(
    ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', flag, ...cipherArgs],
    'Q\n',
  );
}

function nginxVersion() {
  const r = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${r.stdout}${r.stderr}`);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** The `http2 on;` directive needs Nginx 1.25.1+; older ones (Debian bookworm's 1.22) use `listen ... http2`. */
function http2Supported(version) {
  if (!version) return false;
  const [a, b, c] = version;
  return a > 1 || (a === 1 && (b > 25 || (b === 25 && c >= 1)));
}

const processes = [];
function start(cmd, args, options, logFile) {
  const out = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', out, out], ...options });
  processes.push(child);
  return child;
}

async function stopAll() {
  for (const child of processes.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

async function main() {
  for (const [file, hint] of [
    [mainJs, 'build the API (npm run build)'],
    [cli, 'build the API (npm run build)'],
    [join(webDist, 'index.html'), 'build the web app (npm run build)'],
  ])
    if (!existsSync(file)) throw new OpsError(`${file} is missing: ${hint}`);
  for (const tool of ['nginx', 'openssl'])
    if (spawnSync(tool, [tool === 'nginx' ? '-v' : 'version']).status !== 0)
      throw new OpsError(
        `${tool} is not installed (Debian: apt-get install ${tool === 'nginx' ? 'nginx-light' : 'openssl'})`,
      );

  const tmp = privateTempDir('shala-nginx-check-');
  const cleanup = async () => {
    await stopAll();
    tmp.cleanup();
  };
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => cleanup().finally(() => process.exit(130)));

  try {
    const dir = tmp.dir;
    chmodSync(dir, 0o755);
    const version = nginxVersion();
    process.stdout.write(`== nginx check (nginx ${version?.join('.') ?? '?'}, sandbox ${dir})\n`);

    // 1. The API on loopback, on a fresh migrated and seeded SQLite database.
    const [apiPort, deadPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    const port = Number(process.env.NGINX_CHECK_PORT) || (await freePort(8443));
    const env = {
      ...process.env,
      APP_ENV: 'development',
      DEMO_MODE: 'true',
      DATABASE_URL: `sqlite:${join(dir, 'shala.sqlite')}`,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      TRUST_PROXY: '127.0.0.1',
      WEB_DIST: webDist,
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
    };
    for (const args of [['migrate'], ['seed', '--demo']]) {
      const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new OpsError(`cli ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
    }
    const apiLog = join(dir, 'api.log');
    const api = start(process.execPath, [mainJs], { env, cwd: root }, apiLog);
    let ready = false;
    for (let i = 0; i < 120 && !ready && api.exitCode === null; i++) {
      await sleep(250);
      ready = await http(apiPort, '/api/health/ready').then(
        (r) => r.status === 200,
        () => false,
      );
    }
    if (!ready)
      throw new OpsError(
        `the API did not become ready on 127.0.0.1:${apiPort}:\n${readFileSync(apiLog, 'utf8')}`,
      );
    process.stdout.write(
      `  api on 127.0.0.1:${apiPort}; upstream also lists a dead instance on 127.0.0.1:${deadPort}\n`,
    );

    // 2. A throwaway RSA certificate and the Nginx sandbox: the same snippets, copied as-is.
    const certs = join(dir, 'certs');
    mkdirSync(certs);
    const cert = openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(certs, 'privkey.pem'),
      '-out',
      join(certs, 'fullchain.pem'),
    ]);
    if (cert.code !== 0) throw new OpsError(`openssl req failed:\n${cert.out}`);

    const conf = join(dir, 'conf');
    mkdirSync(conf);
    cpSync(snippets, join(conf, 'shala'), { recursive: true });
    const temp = join(dir, 'nginx-temp');
    for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(temp, t), { recursive: true });
    const asRoot = process.getuid?.() === 0;
    const mime = existsSync('/etc/nginx/mime.types') ? '/etc/nginx/mime.types' : null;
    const tempPaths = `
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;`;
    writeFileSync(
      join(conf, 'nginx.conf'),
      `# Generated by scripts/nginx-check.mjs: the snippets of nginx/ around a loopback API.
${asRoot ? 'user root;' : ''}
worker_processes 1;
events { worker_connections 256; }
http {
  ${mime ? `include ${mime};` : ''}
  default_type application/octet-stream;${tempPaths}
  include shala/http-common.conf;
  access_log ${dir}/access.log shala_json;
  upstream shala_api {
    server 127.0.0.1:${apiPort} max_fails=3 fail_timeout=10s;
    server 127.0.0.1:${deadPort} max_fails=3 fail_timeout=10s;
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port} ssl${http2Supported(version) ? '' : ' http2'};
    ${http2Supported(version) ? 'http2 on;' : ''}
    server_name localhost;
    ssl_certificate ${certs}/fullchain.pem;
    ssl_certificate_key ${certs}/privkey.pem;
    root ${webDist};
    include shala/shala-server.conf;
  }
}
`,
    );
    const nginxArgs = ['-p', `${dir}/`, '-c', join(conf, 'nginx.conf'), '-e', join(dir, 'error.log')];

    await check('sandbox config passes nginx -t', () => {
      const r = spawnSync('nginx', [...nginxArgs, '-t', '-g', `pid ${dir}/nginx-t.pid;`], {
        encoding: 'utf8',
      });
      assert(r.status === 0, `${r.stderr}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    });

    await check('production nginx.conf passes nginx -t (hosts and paths mapped to the sandbox)', () => {
      const prod = join(dir, 'prod');
      mkdirSync(prod);
      cpSync(snippets, join(prod, 'shala'), { recursive: true });
      let text = readFileSync(productionConf, 'utf8')
        .replace(/^\s*user\s+[^;]+;/m, asRoot ? 'user root;' : '')
        .replace(/^\s*pid\s+[^;]+;/m, '')
        .replace(/server\s+[A-Za-z0-9_.-]+:(\d+)/g, 'server 127.0.0.1:$1')
        .replaceAll('/etc/nginx/certs/', `${certs}/`)
        .replaceAll('/etc/nginx/mime.types', mime ?? `${conf}/shala/gzip.conf`)
        .replaceAll('/usr/share/nginx/html', webDist)
        .replaceAll('/var/www/acme', dir)
        // Node hands children sockets, not pipes, which /dev/stdout cannot reopen; Docker's are fine.
        .replaceAll('/dev/stdout', join(dir, 'prod-access.log'))
        .replaceAll('/dev/stderr', join(dir, 'prod-error.log'))
        .replace(/^(\s*http \{)/m, `$1${tempPaths}`);
      if (!http2Supported(version))
        text = text.replace(/^\s*http2 on;/m, '').replace(/listen (\S*443) ssl/g, 'listen $1 ssl http2');
      text = text
        .replace(/listen \[::\]:\d+[^;]*;/g, '')
        .replace(/listen (80|443)\b/g, (_m, p) => `listen 127.0.0.1:${p === '80' ? deadPort : port}`);
      writeFileSync(join(prod, 'nginx.conf'), text);
      const r = spawnSync(
        'nginx',
        [
          '-p',
          `${dir}/`,
          '-c',
          join(prod, 'nginx.conf'),
          '-e',
          join(dir, 'prod-error.log'),
          '-t',
          '-g',
          `pid ${dir}/prod-t.pid;`,
        ],
        { encoding: 'utf8' },
      );
      assert(r.status === 0, `${r.stderr}`);
      const warnings = `${r.stderr}`.split('\n').filter((l) => /\[warn\]/.test(l) && !/ssl_stapling/.test(l));
      return warnings.length
        ? `warnings: ${warnings.join(' | ')}`
        : 'no warnings besides OCSP stapling on a self-signed certificate';
    });

    const nginx = start(
      'nginx',
      [...nginxArgs, '-g', `daemon off; pid ${dir}/nginx.pid;`],
      {},
      join(dir, 'nginx.out'),
    );
    let up = false;
    for (let i = 0; i < 40 && !up && nginx.exitCode === null; i++) {
      await sleep(150);
      up = await portAnswers(port);
    }
    if (!up)
      throw new OpsError(
        `nginx did not start on 127.0.0.1:${port}:\n${readFileSync(join(dir, 'error.log'), 'utf8')}`,
      );
    process.stdout.write(`  nginx on https://127.0.0.1:${port}\n`);

    // 3. TLS.
    await check('TLS 1.0 and 1.1 refused by the server', () => {
      for (const flag of ['-tls1', '-tls1_1']) {
        // SECLEVEL=0 lets OpenSSL 3's client offer the old protocol, so a failure is the server's refusal.
        const r = handshake(port, flag, ['-cipher', 'DEFAULT:@SECLEVEL=0']);
        assert(r.code !== 0, `${flag} handshake succeeded`);
        assert(
          !/no protocols available/i.test(r.out),
          `${flag}: the client itself refused to offer it; the check proves nothing`,
        );
        assert(
          /alert protocol version|unsupported protocol|wrong version number|handshake failure/i.test(r.out),
          `${flag}: unexpected failure: ${r.out.slice(0, 400)}`,
        );
      }
      return 'protocol version alert';
    });
    await check('TLS 1.2 accepted with a forward-secret AEAD cipher', () => {
      const r = handshake(port, '-tls1_2');
      assert(r.code === 0, r.out.slice(0, 400));
      const cipher = /Cipher is (\S+)/.exec(r.out)?.[1] ?? /Cipher\s*:\s*(\S+)/.exec(r.out)?.[1];
      assert(/TLSv1\.2/.test(r.out), 'not TLS 1.2');
      assert(cipher && /^ECDHE-.*(GCM|CHACHA20)/.test(cipher), `cipher ${cipher}`);
      return cipher;
    });
    await check('TLS 1.2 without forward secrecy (RSA key exchange, CBC) refused', () => {
      for (const cipher of ['AES128-GCM-SHA256', 'AES256-SHA', 'ECDHE-RSA-AES128-SHA']) {
        const r = handshake(port, '-tls1_2', ['-cipher', cipher]);
        assert(r.code !== 0, `${cipher} was accepted`);
      }
      return 'AES128-GCM-SHA256, AES256-SHA, ECDHE-RSA-AES128-SHA';
    });
    await check('TLS 1.3 accepted', () => {
      const r = handshake(port, '-tls1_3');
      assert(r.code === 0 && /TLSv1\.3/.test(r.out), r.out.slice(0, 400));
      return /Cipher is (\S+)/.exec(r.out)?.[1];
    });

    // 4. Headers, SPA, API.
    const apiDirect = await http(apiPort, '/api/health/live');
    const apiCsp = apiDirect.headers['content-security-policy'];
    const apiFrameOptions = apiDirect.headers['x-frame-options'];
    const expectHeaders = (res) => {
      const problems = [];
      const hsts = res.headers['strict-transport-security'] ?? '';
      if (!/max-age=(\d+)/.test(hsts) || Number(/max-age=(\d+)/.exec(hsts)[1]) < 31536000)
        problems.push(`HSTS "${hsts}"`);
      const csp = res.headers['content-security-policy'] ?? '';
      if (csp !== apiCsp)
        problems.push(`CSP differs from the API's:\n      nginx: ${csp}\n      api:   ${apiCsp}`);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      if (/unsafe-inline|unsafe-eval/.test(scriptSrc) || !scriptSrc)
        problems.push(`script-src "${scriptSrc}"`);
      if (!/frame-ancestors 'none'/.test(csp)) problems.push('no frame-ancestors none');
      if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('nosniff');
      if (res.headers['x-frame-options'] !== 'DENY' || res.headers['x-frame-options'] !== apiFrameOptions)
        problems.push(
          `X-Frame-Options "${res.headers['x-frame-options']}" (the API's: "${apiFrameOptions}"; both must be DENY)`,
        );
      if (res.headers['referrer-policy'] !== 'no-referrer') problems.push('Referrer-Policy');
      for (const name of [
        'strict-transport-security',
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
      ])
        if (headerCount(res, name) !== 1) problems.push(`${name} sent ${headerCount(res, name)} times`);
      if (/\d/.test(res.headers.server ?? ''))
        problems.push(`Server header shows a version: ${res.headers.server}`);
      if (problems.length) throw new Error(problems.join('; '));
    };

    await check(
      "security headers on the SPA (HSTS, CSP = the API's, nosniff, DENY, no-referrer), each once",
      async () => {
        const res = await https(port, '/');
        assert(res.status === 200, `status ${res.status}`);
        expectHeaders(res);
        return `CSP: ${res.headers['content-security-policy'].slice(0, 60)}…`;
      },
    );
    await check('/api/health/ready proxied: 200, headers once, Nginx request id forwarded', async () => {
      const res = await https(port, '/api/health/ready');
      assert(res.status === 200, `status ${res.status}: ${res.body}`);
      assert(JSON.parse(res.body.toString()).status === 'ok', `body ${res.body}`);
      expectHeaders(res);
      const id = res.headers['x-request-id'] ?? '';
      assert(/^[0-9a-f]{32}$/.test(id), `x-request-id "${id}" is not Nginx's $request_id`);
      assert(
        res.headers['cache-control'] === 'no-store',
        `cache-control "${res.headers['cache-control']}" (API answers are no-store)`,
      );
      return `x-request-id ${id}, cache-control no-store`;
    });
    await check('/.well-known/security.txt (RFC 9116) served, the same as the API writes it', async () => {
      const res = await https(port, '/.well-known/security.txt');
      assert(res.status === 200, `status ${res.status}`);
      assert(
        /^text\/plain/.test(res.headers['content-type'] ?? ''),
        `content-type ${res.headers['content-type']}`,
      );
      expectHeaders(res);
      const text = res.body.toString('utf8');
      const direct = await http(apiPort, '/.well-known/security.txt');
      assert(direct.status === 200 && direct.body.toString('utf8') === text, "differs from the API's");
      const fields = {};
      for (const line of text.split('\n')) {
        const m = /^([A-Za-z-]+): (.+)$/.exec(line);
        if (m) fields[m[1]] = m[2];
      }
      for (const name of ['Contact', 'Expires', 'Preferred-Languages', 'Canonical', 'Policy'])
        assert(fields[name], `no ${name} field`);
      assert(/^(mailto:|https:\/\/)/.test(fields.Contact), `Contact ${fields.Contact}`);
      const expires = Date.parse(fields.Expires);
      assert(
        expires > Date.now() && expires < Date.now() + 365 * 24 * 3600 * 1000,
        `Expires ${fields.Expires} is not within the coming year`,
      );
      assert(fields.Canonical.endsWith('/.well-known/security.txt'), `Canonical ${fields.Canonical}`);
      const policyPath = new URL(fields.Policy).pathname;
      const policy = await https(port, policyPath);
      assert(
        policy.status === 200 && /vulnerab/i.test(policy.body.toString()),
        `Policy ${policyPath}: ${policy.status}`,
      );
      return `Contact ${fields.Contact}, Expires ${fields.Expires}`;
    });
    await check('API answers through the upstream with one instance down', async () => {
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await https(port, '/api/health/live')).status);
      assert(
        statuses.every((s) => s === 200),
        `statuses ${statuses.join(',')}`,
      );
      return `${statuses.length} of ${statuses.length} answered 200`;
    });
    // The web build's page per screen (apps/web/screen-pages.ts), index.html for any other path.
    const spaPages = [
      ['/students/123', 'pages/students.html'],
      ['/attendance', 'pages/attendance.html'],
      ['/', 'pages/root.html'],
      ['/no-such-screen/1', 'index.html'],
    ];
    for (const [path, file] of spaPages) {
      await check(`SPA path ${path} serves ${file} (no-cache)`, async () => {
        const res = await https(port, path);
        assert(res.status === 200, `status ${res.status}`);
        assert(
          /text\/html/.test(res.headers['content-type'] ?? ''),
          `content-type ${res.headers['content-type']}`,
        );
        assert(res.body.equals(readFileSync(join(webDist, file))), `the body is not ${file}`);
        if (file !== 'index.html') {
          assert(res.body.includes('rel="modulepreload"'), `${file} preloads nothing`);
        }
        assert(res.headers['cache-control'] === 'no-cache', `cache-control ${res.headers['cache-control']}`);
        expectHeaders(res);
      });
    }
    await check('hashed asset: one-year immutable cache, gzip, security headers', async () => {
      // The largest bundle: small chunks (under gzip_min_length) are sent as they are.
      const assets = readdirSync(join(webDist, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .sort(
          (a, b) => statSync(join(webDist, 'assets', b)).size - statSync(join(webDist, 'assets', a)).size,
        );
      assert(assets.length > 0, 'no built assets');
      const res = await https(port, `/assets/${assets[0]}`, { headers: { 'accept-encoding': 'gzip' } });
      assert(res.status === 200, `status ${res.status}`);
      assert(
        /max-age=31536000/.test(res.headers['cache-control'] ?? '') &&
          /immutable/.test(res.headers['cache-control']),
        `cache-control ${res.headers['cache-control']}`,
      );
      assert(
        res.headers['content-encoding'] === 'gzip',
        `content-encoding ${res.headers['content-encoding']}`,
      );
      expectHeaders(res);
      const missing = await https(port, '/assets/no-such-file-0000.js');
      assert(missing.status === 404, `a missing asset answered ${missing.status}`);
      return `/assets/${assets[0]}`;
    });
    await check(
      'JS bundle served from its build-time .gz (gzip_static), with Vary and its own type',
      async () => {
        // The build writes .gz and .br beside each asset (apps/web/vite.config.ts); Nginx must send the
        // .gz bytes as they are (gzip -9), not compress again on the fly (gzip_comp_level 5).
        const [bundle] = readdirSync(join(webDist, 'assets'))
          .filter((f) => f.endsWith('.js') && existsSync(join(webDist, 'assets', `${f}.gz`)))
          .map((f) => ({ f, size: statSync(join(webDist, 'assets', f)).size }))
          .sort((a, b) => b.size - a.size)
          .map((a) => a.f);
        assert(bundle, 'no .js asset with a .gz copy: is the build older than its precompression?');
        const res = await https(port, `/assets/${bundle}`, { headers: { 'accept-encoding': 'gzip, br' } });
        assert(res.status === 200, `status ${res.status}`);
        assert(
          res.headers['content-encoding'] === 'gzip',
          `content-encoding ${res.headers['content-encoding']}`,
        );
        assert(
          /^(application|text)\/javascript/.test(res.headers['content-type'] ?? ''),
          `content-type ${res.headers['content-type']}`,
        );
        assert(/accept-encoding/i.test(res.headers.vary ?? ''), `vary ${res.headers.vary}`);
        assert(
          res.body.equals(readFileSync(join(webDist, 'assets', `${bundle}.gz`))),
          'the body is not the prebuilt .gz file (compressed on the fly?)',
        );
        const plain = await https(port, `/assets/${bundle}`);
        assert(
          !plain.headers['content-encoding'],
          `no Accept-Encoding got ${plain.headers['content-encoding']}`,
        );
        assert(plain.body.equals(readFileSync(join(webDist, 'assets', bundle))), 'identity body differs');
        const copy = await https(port, `/assets/${bundle}.gz`);
        return `/assets/${bundle}: ${res.body.length} bytes gzip of ${plain.body.length} (brotli: Debian's nginx-light has no brotli module, so gzip only; the .gz copy answers ${copy.status} by name)`;
      },
    );
    await check('body over client_max_body_size answers 413 in the JSON envelope', async () => {
      const res = await https(port, '/api/v1/anything', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(2 * 1024 * 1024, 0x20),
      });
      assert(res.status === 413, `status ${res.status}`);
      assert(JSON.parse(res.body.toString()).error.code === 'PAYLOAD_TOO_LARGE', `body ${res.body}`);
    });

    // 5. Internal surfaces.
    await check('metrics not reachable through Nginx', async () => {
      for (const path of ['/metrics', '/api/metrics', '/metrics/', '/METRICS', '/api/internal/x']) {
        const res = await https(port, path);
        assert(res.status === 404, `${path} answered ${res.status}`);
        assert(!/# (HELP|TYPE) /.test(res.body.toString()), `${path} served Prometheus text`);
      }
      const direct = await http(metricsPort, '/metrics').catch(() => null);
      if (direct && direct.status === 200 && /# HELP/.test(direct.body.toString()))
        return `404 at the edge; the internal listener 127.0.0.1:${metricsPort} serves them`;
      return `404 at the edge (the API's metrics listener is not running in this build)`;
    });
    await check('dotfiles not served', async () => {
      for (const path of ['/.env', '/.git/config']) {
        const res = await https(port, path);
        assert(res.status === 404, `${path} answered ${res.status}`);
      }
    });

    // 6. The auth rate limit (last: it exhausts the zone for this address). The API may throttle first
    // (AUT-07); Nginx's own 429s are told apart by the message of its @throttled location.
    const nginxThrottled = JSON.parse(
      /return 429 '([^']+)'/
        .exec(readFileSync(join(snippets, 'shala-server.conf'), 'utf8'))[1]
        .replace('$request_id', 'x')
        .replace(/\\n$/, ''),
    ).error.message;
    await check('auth rate limit: Nginx answers 429 after a burst (POST /api/v1/auth/login)', async () => {
      const outcomes = [];
      let fromNginx;
      for (let i = 0; i < 40; i++) {
        const res = await https(port, '/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            institution: 'greenwood',
            email: 'nobody@greenwood.test',
            password: 'wrong-password-123',
          }),
        });
        let message = '';
        try {
          message = JSON.parse(res.body.toString()).error?.message ?? '';
        } catch {
          /* not JSON */
        }
        const nginx = res.status === 429 && message === nginxThrottled;
        outcomes.push(nginx ? 'nginx-429' : String(res.status));
        if (nginx && !fromNginx) fromNginx = res;
      }
      const count = (k) => outcomes.filter((o) => o === k).length;
      assert(outcomes[0] !== 'nginx-429', 'the first request was already throttled by Nginx');
      assert(fromNginx, `Nginx never answered 429 in ${outcomes.length} requests (${outcomes.join(',')})`);
      assert(JSON.parse(fromNginx.body.toString()).error.code === 'THROTTLED', `429 body ${fromNginx.body}`);
      assert(fromNginx.headers['retry-after'], 'no Retry-After');
      expectHeaders(fromNginx);
      const passedOn = outcomes.filter((o) => o !== 'nginx-429');
      const byStatus = [...new Set(passedOn)].map((s) => `${passedOn.filter((x) => x === s).length}x ${s}`);
      return `${passedOn.length} reached the API (${byStatus.join(', ')}), then Nginx answered ${count('nginx-429')} with 429 + Retry-After`;
    });

    if (results.some((r) => !r.ok)) {
      const tail = (file) =>
        existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '';
      process.stdout.write(
        `\n-- nginx error.log (tail)\n${tail(join(dir, 'error.log'))}\n-- api log (tail)\n${tail(apiLog)}\n`,
      );
    }
  } finally {
    await cleanup();
  }

  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`\nnginx check: ${results.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

runMain(main);
