#!/usr/bin/env node
// CI check of the deployment files (OPS-02): `docker-compose config` passes on docker/compose.yaml with
// docker/.env.example, and every path, Dockerfile, build stage, script, command and health-check
// endpoint that the compose file and the Dockerfiles reference exists in the repository (a build output
// such as dist/main.js counts when its source exists; dist/worker.js is a known output still to come).
// It also checks that the pieces agree with each other: Nginx's upstream names the API services, the API
// trusts exactly Nginx's address, Prometheus scrapes the metrics port, alert rules name real metrics,
// docker/.env.example documents every variable, and the API's own config validation accepts the compose
// environment (and refuses its REPLACE_ME placeholders). No Docker engine is needed.
//
//   node scripts/compose-check.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { API_NODE_FLAGS } from './api-node-flags.mjs';
import { OpsError, apiDir, privateTempDir, root, runMain } from './ops/common.mjs';
import { fillSecrets } from './ops/generate-env.mjs';

const composeFile = join(root, 'docker', 'compose.yaml');
const envExample = join(root, 'docker', '.env.example');

/** Build outputs that are named before their source lands (the worker entry point arrives later). */
const KNOWN_BUILD_OUTPUTS = new Map([
  ['apps/api/dist/worker.js', 'the worker entry point (apps/api/src/worker.ts) is still to come'],
]);

/** Health-check endpoints and where the repository proves they exist. */
const ENDPOINTS = {
  '/api/health/ready': {
    file: 'apps/api/src/platform/health/health.controller.ts',
    pattern: /@Get\('ready'\)/,
  },
  '/api/health/live': {
    file: 'apps/api/src/platform/health/health.controller.ts',
    pattern: /@Get\('live'\)/,
  },
  '/metrics': {
    file: 'apps/api/src/platform/metrics/metrics.server.ts',
    pattern: /METRICS_PATH = '\/metrics'/,
  },
  '/nginx-health': { file: 'nginx/nginx.conf', pattern: /location = \/nginx-health/ },
  '/-/healthy': { external: 'Prometheus' },
};

const results = [];
const notes = [];
function report(name, problems, detail = '') {
  const ok = problems.length === 0;
  results.push({ name, ok });
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${ok && detail ? ` — ${detail}` : ''}\n`);
  for (const p of problems) process.stdout.write(`          - ${p}\n`);
}

function yamlToJson(text, what) {
  const r = spawnSync(
    'python3',
    ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    {
      input: text,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    throw new OpsError(`could not parse ${what} as YAML (python3 with PyYAML is needed):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const repoPath = (p) => relative(root, p).split('\\').join('/');
const exists = (rel) => existsSync(join(root, rel));

// --- Dockerfiles -------------------------------------------------------------------------------------

/** Stages of a Dockerfile: name, base, and instructions (continuation lines joined). */
function parseDockerfile(file) {
  const text = readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const args = {};
  const stages = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    const body = rest.join(' ');
    const upper = instruction.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [k, v] = body.split('=');
      args[k] = v;
    } else if (upper === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(body);
      const base = m[1].replace(/\$\{(\w+)\}/g, (_x, k) => args[k] ?? '');
      stages.push({ name: m[2] ?? String(stages.length), base, instructions: [] });
    } else if (stages.length) {
      stages.at(-1).instructions.push({ instruction: upper, body });
    }
  }
  return { file, stages, byName: new Map(stages.map((s) => [s.name, s])) };
}

/** The stage and the stages it is built on, base first. */
function stageChain(df, name) {
  const chain = [];
  let stage = df.byName.get(name);
  while (stage) {
    chain.unshift(stage);
    stage = df.byName.get(stage.base);
  }
  return chain;
}

function workdirOf(chain) {
  let wd = '/';
  for (const stage of chain)
    for (const { instruction, body } of stage.instructions)
      if (instruction === 'WORKDIR') wd = posix.resolve(wd, body.trim());
  return wd;
}

/** COPY/ADD parsed into flags, sources and destination (JSON form or plain). */
function parseCopy(body) {
  const flags = {};
  let rest = body;
  for (;;) {
    const m = /^--(\w[\w-]*)(?:=(\S+))?\s+/.exec(rest);
    if (!m) break;
    flags[m[1]] = m[2] ?? true;
    rest = rest.slice(m[0].length);
  }
  const parts = rest.trim().startsWith('[') ? JSON.parse(rest) : rest.trim().split(/\s+/);
  return { flags, sources: parts.slice(0, -1), dest: parts.at(-1) };
}

/** Docker's .dockerignore semantics, enough for ours: last matching pattern wins, `!` re-includes. */
function dockerignoreFilter(dockerfile) {
  const file = `${dockerfile}.dockerignore`;
  const fallback = join(root, '.dockerignore');
  const source = existsSync(file) ? file : existsSync(fallback) ? fallback : null;
  if (!source) return { source: null, included: () => true };
  const rules = readFileSync(source, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const regex = new RegExp(
        `^${pattern
          .split('/')
          .map((seg) =>
            seg === '**'
              ? '%GLOBSTAR%'
              : seg
                  .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                  .replace(/\*/g, '[^/]*')
                  .replace(/\?/g, '[^/]'),
          )
          .join('/')
          .replace(/%GLOBSTAR%\//g, '(?:.*/)?')
          .replace(/\/%GLOBSTAR%/g, '(?:/.*)?')
          .replace(/%GLOBSTAR%/g, '.*')}$`,
      );
      return { negate, regex };
    });
  const matches = (regex, path) => {
    const parts = path.split('/');
    for (let i = parts.length; i > 0; i--) if (regex.test(parts.slice(0, i).join('/'))) return true;
    return false;
  };
  return {
    source,
    included(path) {
      let excluded = false;
      for (const rule of rules) if (matches(rule.regex, path)) excluded = !rule.negate;
      return !excluded;
    },
  };
}

/**
 * Where a path inside the image comes from in the repository, following COPY instructions (from the
 * build context, or from another stage whose WORKDIR mirrors the repository root).
 */
function repoSourceOf(df, stageName, containerPath) {
  const chain = stageChain(df, stageName);
  let found = null;
  for (const stage of chain) {
    let wd = '/';
    for (const { instruction, body } of stage.instructions) {
      if (instruction === 'WORKDIR') wd = posix.resolve(wd, body.trim());
      if (instruction !== 'COPY' && instruction !== 'ADD') continue;
      const { flags, sources, dest } = parseCopy(body);
      const destAbs = posix.resolve(wd, dest);
      for (const src of sources) {
        const isDir = dest.endsWith('/') || sources.length > 1;
        const target = isDir && !src.endsWith('/') ? posix.join(destAbs, posix.basename(src)) : destAbs;
        const srcClean = src.replace(/\/$/, '');
        let mapped = null;
        if (containerPath === target) mapped = srcClean;
        else if (containerPath.startsWith(`${target}/`))
          mapped = `${srcClean}/${containerPath.slice(target.length + 1)}`;
        if (mapped === null) continue;
        if (flags.from) {
          const fromStage = df.byName.get(flags.from);
          const fromWd = fromStage ? workdirOf(stageChain(df, flags.from)) : '/';
          found = mapped.startsWith(`${fromWd}/`) ? mapped.slice(fromWd.length + 1) : null;
        } else found = mapped.replace(/^\.\//, '');
      }
    }
  }
  return found;
}

/** Checks that `node <script>` run in `stage` of `df` resolves to a file the repository has or builds. */
function checkNodeCommand(df, stage, command, problems, where) {
  if (!Array.isArray(command) || command[0] !== 'node') return;
  const script = command.slice(1).find((a) => !a.startsWith('-'));
  if (!script || command.includes('-e')) return;
  const wd = workdirOf(stageChain(df, stage));
  const containerPath = posix.resolve(wd, script);
  const source = repoSourceOf(df, stage, containerPath);
  if (!source) return problems.push(`${where}: ${containerPath} is not copied into stage "${stage}"`);
  if (exists(source)) return;
  const built = /^apps\/api\/dist\/(.+)\.js$/.exec(source);
  if (built && exists(`apps/api/src/${built[1]}.ts`)) return;
  if (KNOWN_BUILD_OUTPUTS.has(source)) {
    notes.push(`${where}: ${source} — ${KNOWN_BUILD_OUTPUTS.get(source)}`);
    return;
  }
  problems.push(
    `${where}: ${source} (${containerPath} in the image) does not exist and is not built from a source`,
  );
}

function parseCommand(body) {
  const text = body.trim();
  return text.startsWith('[') ? JSON.parse(text) : text.split(/\s+/);
}

function checkDockerfile(df, problems) {
  const ignore = dockerignoreFilter(df.file);
  const packageNames = new Set(
    ['apps/api', 'apps/web', 'packages/contracts'].map(
      (p) => JSON.parse(readFileSync(join(root, p, 'package.json'), 'utf8')).name,
    ),
  );
  const seen = new Set();
  for (const stage of df.stages) {
    if (
      /^[a-z0-9-]+$/.test(stage.base) &&
      !df.byName.has(stage.base) &&
      !stage.base.includes(':') &&
      !seen.has(stage.base)
    )
      problems.push(`FROM ${stage.base}: no such stage (and no image tag)`);
    let wd = workdirOf(stageChain(df, stage.base));
    for (const { instruction, body } of stage.instructions) {
      if (instruction === 'WORKDIR') wd = posix.resolve(wd, body.trim());
      if (instruction === 'COPY' || instruction === 'ADD') {
        const { flags, sources } = parseCopy(body);
        if (flags.from) {
          if (!seen.has(flags.from))
            problems.push(`COPY --from=${flags.from}: no earlier stage with that name`);
          continue;
        }
        for (const src of sources) {
          const rel = src.replace(/^\.\//, '').replace(/\/$/, '');
          if (!exists(rel)) problems.push(`COPY ${src} (stage ${stage.name}): not in the repository`);
          else if (!ignore.included(rel))
            problems.push(`COPY ${src} (stage ${stage.name}): excluded by ${repoPath(ignore.source)}`);
        }
      }
      if (instruction === 'RUN') {
        for (const m of body.matchAll(/\b(scripts\/[\w./-]+\.m?js)\b/g))
          if (!exists(m[1])) problems.push(`RUN uses ${m[1]}, which does not exist`);
        for (const m of body.matchAll(/--filter\s+"?(@[\w/-]+)/g))
          if (!packageNames.has(m[1]))
            problems.push(`RUN --filter ${m[1]}: no workspace package has that name`);
      }
      if (instruction === 'CMD' || instruction === 'ENTRYPOINT')
        checkNodeCommand(
          df,
          stage.name,
          parseCommand(body),
          problems,
          `${repoPath(df.file)} ${stage.name} ${instruction}`,
        );
    }
    seen.add(stage.name);
  }
  return ignore.source;
}

// --- the check -----------------------------------------------------------------------------------------

async function main() {
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status !== 0)
    throw new OpsError('docker-compose is not installed (Debian: apt-get install docker-compose)');
  process.stdout.write('== compose check\n');

  // 1. docker-compose config.
  const scrubbed = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp' };
  const config = spawnSync('docker-compose', ['--env-file', envExample, '-f', composeFile, 'config'], {
    encoding: 'utf8',
    env: scrubbed,
    cwd: root,
  });
  report(
    'docker-compose config passes (docker/compose.yaml + docker/.env.example)',
    config.status === 0 ? [] : [config.stderr.trim()],
  );
  if (config.status !== 0) return 1;
  const resolved = yamlToJson(config.stdout, 'the resolved compose config');
  const raw = readFileSync(composeFile, 'utf8');

  const tmp = privateTempDir('shala-compose-check-');
  process.on('exit', tmp.cleanup);
  const emptyEnv = join(tmp.dir, 'empty.env');
  writeFileSync(emptyEnv, '');
  const missingEnv = spawnSync(
    'docker-compose',
    ['--env-file', emptyEnv, '-f', composeFile, 'config', '-q'],
    {
      encoding: 'utf8',
      env: scrubbed,
      cwd: root,
    },
  );
  report(
    'without an env file, config refuses to run with the secrets unset',
    missingEnv.status !== 0 && /is required/.test(missingEnv.stderr)
      ? []
      : ['config passed with no secrets at all'],
    /(\w+) is required/.exec(missingEnv.stderr)?.[0],
  );

  // 2. Services and their shape.
  const services = resolved.services ?? {};
  const expected = ['mysql', 'redis', 'migrate', 'api-1', 'api-2', 'worker', 'web'];
  report(
    'services: mysql, redis, migrate (one-shot), api x2, worker, web',
    expected.filter((s) => !services[s]).map((s) => `service ${s} is missing`),
    Object.keys(services).join(', '),
  );

  const dockerfiles = new Map();
  const problems = [];
  for (const [name, svc] of Object.entries(services)) {
    const oneShot = name === 'migrate' || (svc.profiles ?? []).includes('backup');
    if (!svc.restart) problems.push(`${name}: no restart policy`);
    if (!oneShot && (!svc.healthcheck || svc.healthcheck.disable)) problems.push(`${name}: no health check`);
    if (name === 'migrate' && svc.restart !== 'no') problems.push('migrate must not restart (one-shot)');
    if (svc.build) {
      const context = resolve(svc.build.context);
      const file = resolve(context, svc.build.dockerfile ?? 'Dockerfile');
      if (!existsSync(context)) problems.push(`${name}: build context ${svc.build.context} does not exist`);
      if (!existsSync(file)) {
        problems.push(`${name}: Dockerfile ${repoPath(file)} does not exist`);
        continue;
      }
      if (!dockerfiles.has(file)) dockerfiles.set(file, parseDockerfile(file));
      const df = dockerfiles.get(file);
      const target = svc.build.target ?? df.stages.at(-1).name;
      if (!df.byName.has(target))
        problems.push(`${name}: build target "${target}" is not a stage of ${repoPath(file)}`);
      else if (svc.command) checkNodeCommand(df, target, svc.command, problems, `${name} command`);
    }
    for (const volume of svc.volumes ?? []) {
      const v =
        typeof volume === 'string'
          ? {
              type: volume.startsWith('/') || volume.startsWith('.') ? 'bind' : 'volume',
              source: volume.split(':')[0],
              target: volume.split(':')[1],
            }
          : volume;
      if (v.type === 'bind' && !existsSync(v.source))
        problems.push(`${name}: bind mount source ${v.source} does not exist`);
      if (v.type === 'volume' && !(v.source in (resolved.volumes ?? {})))
        problems.push(`${name}: volume ${v.source} is not declared`);
    }
    if (svc.entrypoint) {
      const script = (Array.isArray(svc.entrypoint) ? svc.entrypoint : [svc.entrypoint]).find((a) =>
        /\.(sh|mjs|js)$/.test(a),
      );
      const mounted = (svc.volumes ?? []).some(
        (v) => (typeof v === 'string' ? v.split(':')[1] : v.target) === script,
      );
      if (script && !mounted && !svc.build)
        problems.push(`${name}: entrypoint ${script} is neither mounted nor built into the image`);
    }
    const tests = [svc.healthcheck?.test].flat().filter(Boolean).join(' ');
    for (const m of tests.matchAll(/http:\/\/127\.0\.0\.1(?::[^/'"]+)?(\/[\w/.-]*)/g)) {
      const endpoint = ENDPOINTS[m[1]];
      if (!endpoint)
        problems.push(`${name}: health check calls ${m[1]}, an endpoint this check does not know`);
      else if (endpoint.file && !endpoint.pattern.test(readFileSync(join(root, endpoint.file), 'utf8')))
        problems.push(`${name}: health check calls ${m[1]}, but ${endpoint.file} does not define it`);
    }
  }
  report(
    'build contexts, Dockerfiles, targets, commands, bind mounts, volumes, health checks and restart policies',
    problems,
    `${dockerfiles.size} Dockerfiles`,
  );

  for (const df of dockerfiles.values()) {
    const dfProblems = [];
    const ignoreFile = checkDockerfile(df, dfProblems);
    report(
      `${repoPath(df.file)}: COPY sources exist and pass ${ignoreFile ? repoPath(ignoreFile) : 'the (absent) .dockerignore'}; stages, scripts and CMDs resolve`,
      dfProblems,
      df.stages.map((s) => s.name).join(' > '),
    );
  }
  const apiDf = [...dockerfiles.values()].find((d) => d.file.endsWith('api.Dockerfile'));
  if (apiDf) {
    const runtime = stageChain(apiDf, 'runtime');
    const user = runtime
      .flatMap((s) => s.instructions)
      .filter((i) => i.instruction === 'USER')
      .at(-1)?.body;
    const base = runtime[0]?.base;
    report(
      'api image: node:20-bookworm-slim, runs as a non-root user',
      [
        ...(base === 'node:20-bookworm-slim' ? [] : [`runtime base is ${base}`]),
        ...(user && user !== 'root' && user !== '0' ? [] : [`runtime USER is ${user ?? 'unset (root)'}`]),
      ],
      `USER ${user}`,
    );
    // The image runs the API with the node flags `npm start` and the benchmark use.
    const nodeOptions = runtime
      .flatMap((s) => s.instructions)
      .filter((i) => i.instruction === 'ENV')
      .map((i) => /(?:^|\s)NODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(i.body))
      .filter(Boolean)
      .map((m) => m[1] ?? m[2])
      .at(-1);
    const wanted = API_NODE_FLAGS.join(' ');
    report(
      'api image: NODE_OPTIONS are the API node flags (scripts/api-node-flags.mjs)',
      nodeOptions === wanted ? [] : [`runtime NODE_OPTIONS is ${nodeOptions ?? 'unset'}, not "${wanted}"`],
      wanted,
    );
  }

  // 3. The pieces agree with each other.
  const consistency = [];
  const nginxConf = readFileSync(join(root, 'nginx', 'nginx.conf'), 'utf8');
  const upstream = /upstream shala_api \{([\s\S]*?)\}/.exec(nginxConf)?.[1] ?? '';
  const upstreamServers = [...upstream.matchAll(/server\s+([\w.-]+):(\d+)/g)].map((m) => ({
    host: m[1],
    port: m[2],
  }));
  if (upstreamServers.length < 2)
    consistency.push('nginx upstream shala_api lists fewer than two API instances');
  for (const { host, port } of upstreamServers) {
    const svc = services[host];
    if (!svc) consistency.push(`nginx upstream names ${host}, which is not a compose service`);
    else if (String(svc.environment?.PORT) !== port)
      consistency.push(
        `nginx upstream uses ${host}:${port} but the service listens on ${svc.environment?.PORT}`,
      );
  }
  for (const m of nginxConf.matchAll(/include\s+shala\/([\w.-]+);/g))
    if (!exists(`nginx/snippets/${m[1]}`))
      consistency.push(`nginx.conf includes shala/${m[1]}, not in nginx/snippets`);
  const proxyIp = services.web?.networks?.edge?.ipv4_address;
  for (const name of ['api-1', 'api-2', 'worker', 'migrate']) {
    const trust = services[name]?.environment?.TRUST_PROXY;
    if (trust !== proxyIp)
      consistency.push(`${name}: TRUST_PROXY=${trust}, but Nginx's address is ${proxyIp}`);
  }
  const subnet = resolved.networks?.edge?.ipam?.config?.[0]?.subnet;
  if (!subnet) consistency.push("the edge network has no fixed subnet for Nginx's address");
  for (const name of ['mysql', 'redis'])
    if (services[name]?.ports?.length) consistency.push(`${name} publishes ports on the host`);
  if (!resolved.networks?.data?.internal) consistency.push('the data network (mysql, redis) is not internal');
  for (const name of ['api-1', 'api-2', 'worker'])
    if (services[name]?.ports?.length) consistency.push(`${name} publishes ports: only web may`);

  const prom = yamlToJson(
    readFileSync(join(root, 'docker', 'prometheus', 'prometheus.yml'), 'utf8'),
    'prometheus.yml',
  );
  const metricsPort = services['api-1']?.environment?.METRICS_PORT;
  for (const job of prom.scrape_configs ?? [])
    for (const target of (job.static_configs ?? []).flatMap((c) => c.targets ?? [])) {
      const [host, port] = target.split(':');
      if (host === 'localhost') continue;
      if (!services[host]) consistency.push(`prometheus scrapes ${host}, not a compose service`);
      else if (port !== String(services[host].environment?.METRICS_PORT ?? metricsPort))
        consistency.push(
          `prometheus scrapes ${target} but ${host} has METRICS_PORT=${services[host].environment?.METRICS_PORT}`,
        );
    }
  report(
    "nginx upstream = api services; TRUST_PROXY = Nginx's address; data network internal; Prometheus targets",
    consistency,
    `upstream ${upstreamServers.map((s) => `${s.host}:${s.port}`).join(', ')}, proxy ${proxyIp} in ${subnet}`,
  );

  // 4. Alert rules name metrics that exist.
  const alertProblems = [];
  const alerts = yamlToJson(
    readFileSync(join(root, 'docker', 'prometheus', 'alerts.yml'), 'utf8'),
    'alerts.yml',
  );
  const metricsSource = ['metrics.service.ts']
    .map((f) => readFileSync(join(apiDir, 'src', 'platform', 'metrics', f), 'utf8'))
    .join('\n');
  const defined = new Set([...metricsSource.matchAll(/name: '(shala_\w+)'/g)].map((m) => m[1]));
  let ruleCount = 0;
  for (const group of alerts.groups ?? [])
    for (const rule of group.rules ?? []) {
      ruleCount++;
      if (!rule.alert || !rule.expr) alertProblems.push(`a rule in ${group.name} has no alert name or expr`);
      if (!rule.labels?.severity) alertProblems.push(`${rule.alert}: no severity label`);
      if (!rule.annotations?.summary) alertProblems.push(`${rule.alert}: no summary`);
      for (const m of String(rule.expr).matchAll(/\b(shala_\w+)/g)) {
        const base = m[1].replace(/_(bucket|count|sum)$/, '');
        if (!defined.has(base) && !defined.has(m[1]))
          alertProblems.push(`${rule.alert}: ${m[1]} is not a metric of MetricsService`);
      }
    }
  if (!prom.rule_files?.includes('/etc/prometheus/alerts.yml'))
    alertProblems.push('prometheus.yml does not load /etc/prometheus/alerts.yml');
  report(
    'alert rules (docker/prometheus/alerts.yml) are well formed and name real metrics',
    alertProblems,
    `${ruleCount} rules over ${defined.size} shala_* metrics`,
  );

  // 5. docker/.env.example documents every variable, and nothing stale.
  const exampleText = readFileSync(envExample, 'utf8');
  const documented = new Set([...exampleText.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const assigned = new Set([...exampleText.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const composeVars = new Set(
    [...raw.replace(/^\s*#.*$/gm, '').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]),
  );
  const schemaText = readFileSync(join(apiDir, 'src', 'platform', 'config', 'config.schema.ts'), 'utf8');
  const schemaBody = /rawConfigSchema = z\.object\(\{([\s\S]*?)\n\}\)/.exec(schemaText)?.[1] ?? '';
  const configVars = new Set([...schemaBody.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
  const metricsConfigText = readFileSync(
    join(apiDir, 'src', 'platform', 'metrics', 'metrics.config.ts'),
    'utf8',
  );
  for (const m of metricsConfigText.matchAll(/\b(METRICS_[A-Z]+):/g)) configVars.add(m[1]);
  const scriptVars = new Set();
  for (const f of ['scripts/backup.mjs', 'scripts/restore.mjs', 'scripts/ops/common.mjs'])
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g))
      scriptVars.add(m[1]);
  scriptVars.delete('DATABASE_URL');
  const envProblems = [];
  for (const [what, vars] of [
    ['compose.yaml', composeVars],
    ['the API config schema', configVars],
    ['the backup scripts', scriptVars],
  ])
    for (const v of vars)
      if (!documented.has(v))
        envProblems.push(`${v} (used by ${what}) is not documented in docker/.env.example`);
  const composeOwn = new Set(['COMPOSE_PROJECT_NAME']); // read by docker compose itself
  for (const v of assigned)
    if (!composeOwn.has(v) && !composeVars.has(v) && !configVars.has(v) && !scriptVars.has(v))
      envProblems.push(`${v} is set in docker/.env.example but nothing reads it`);
  report(
    'docker/.env.example documents every variable (compose, API config schema, backup scripts)',
    envProblems,
    `${documented.size} documented`,
  );

  // 6. The API's own validation accepts the compose environment with real secrets, refuses the placeholders.
  const appConfigJs = join(apiDir, 'dist', 'platform', 'config', 'app-config.js');
  if (!existsSync(appConfigJs)) {
    report(
      'the API config accepts the compose environment',
      [],
      'skipped: build the API first (apps/api/dist)',
    );
  } else {
    const filledEnv = join(tmp.dir, 'generated.env');
    writeFileSync(filledEnv, fillSecrets(exampleText), { mode: 0o600 });
    const filled = spawnSync('docker-compose', ['--env-file', filledEnv, '-f', composeFile, 'config'], {
      encoding: 'utf8',
      env: scrubbed,
      cwd: root,
    });
    const filledServices =
      filled.status === 0 ? yamlToJson(filled.stdout, 'the filled config').services : null;
    const probe = (env) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          `const {loadConfig}=require(${JSON.stringify(appConfigJs)});try{const c=loadConfig(JSON.parse(process.argv[1]),'/app');console.log(JSON.stringify({ok:true,env:c.env,db:c.database.kind,trust:c.trustProxy,host:c.host}))}catch(e){console.log(JSON.stringify({ok:false,problems:e.problems??[e.message]}))}`,
          JSON.stringify(env),
        ],
        { encoding: 'utf8' },
      );
    const accept = [];
    if (!filledServices) accept.push(`config with generated secrets failed: ${filled.stderr}`);
    else
      for (const name of ['migrate', 'api-1', 'api-2', 'worker']) {
        const r = JSON.parse(
          probe(filledServices[name].environment).stdout || '{"ok":false,"problems":["no output"]}',
        );
        if (!r.ok) accept.push(`${name}: ${r.problems.join('; ')}`);
        else if (r.env !== 'production' || r.db !== 'mysql')
          accept.push(`${name}: env ${r.env}, database ${r.db}`);
      }
    const placeholders = JSON.parse(probe(services['api-1'].environment).stdout || '{}');
    if (placeholders.ok !== false)
      accept.push('the API started with the REPLACE_ME placeholders of .env.example');
    report(
      'the API config accepts the compose environment with generated secrets and refuses the placeholders',
      accept,
      placeholders.problems ? `placeholders refused: ${placeholders.problems.length} problems` : '',
    );
  }

  // 7. The galera profile (issue 18): compose.galera.yaml over compose.yaml, three nodes, each app process
  // on its own node, health checks and restart policies, and its variables documented.
  const galeraFile = join(root, 'docker', 'compose.galera.yaml');
  const galeraProblems = [];
  const galera = spawnSync(
    'docker-compose',
    ['--env-file', envExample, '-f', composeFile, '-f', galeraFile, '--profile', 'galera', 'config'],
    { encoding: 'utf8', env: scrubbed, cwd: root },
  );
  if (galera.status !== 0) galeraProblems.push(galera.stderr.trim());
  else {
    const g = yamlToJson(galera.stdout, 'the galera config').services ?? {};
    for (const name of ['mysql', 'galera-2', 'galera-3']) {
      if (!/mariadb/.test(g[name]?.image ?? '')) galeraProblems.push(`${name}: not a MariaDB node`);
      if (!g[name]?.restart) galeraProblems.push(`${name}: no restart policy`);
      if (!g[name]?.healthcheck?.test) galeraProblems.push(`${name}: no health check`);
      const mounts = (g[name]?.volumes ?? []).map((v) => (typeof v === 'string' ? v : v.source));
      if (!mounts.some((v) => String(v).includes('galera.cnf')))
        galeraProblems.push(`${name}: docker/galera/galera.cnf is not mounted`);
    }
    const hosts = ['api-1', 'api-2', 'worker'].map(
      (name) => /@([\w.-]+):/.exec(g[name]?.environment?.DATABASE_URL ?? '')?.[1],
    );
    if (new Set(hosts).size !== 3) galeraProblems.push(`api-1, api-2, worker share nodes: ${hosts}`);
    if (!exists('docker/galera/galera.cnf')) galeraProblems.push('docker/galera/galera.cnf is missing');
    for (const m of readFileSync(galeraFile, 'utf8')
      .replace(/^\s*#.*$/gm, '')
      .matchAll(/\$\{([A-Z][A-Z0-9_]*)/g))
      if (!documented.has(m[1]))
        galeraProblems.push(`${m[1]} (used by compose.galera.yaml) is not documented in docker/.env.example`);
  }
  report(
    'galera profile: docker-compose config passes; 3 MariaDB nodes; api-1, api-2, worker on different nodes',
    [...new Set(galeraProblems)],
  );

  for (const note of notes) process.stdout.write(`  note  ${note}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`\ncompose check: ${results.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

runMain(main);
