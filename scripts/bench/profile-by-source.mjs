#!/usr/bin/env node
// Reads a V8 .cpuprofile of the bundled API and answers where its time went, by original source (through
// dist/server.js.map): self time per package / Shala file, and inclusive time of functions matching a
// pattern. For measuring the per-request pipeline (issue 18).
//
//   node scripts/bench/profile-by-source.mjs PROFILE [--map apps/api/dist/server.js.map] [--top 40]
//        [--inclusive 'regex on "file:function"'] [--functions]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './support.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    map: { type: 'string', default: join(root, 'apps/api/dist/server.js.map') },
    top: { type: 'string', default: '40' },
    inclusive: { type: 'string', multiple: true, default: [] },
    functions: { type: 'boolean', default: false },
    callers: { type: 'string' },
    // name=regex, repeated: each sample goes to the category of its innermost frame that matches one
    category: { type: 'string', multiple: true, default: [] },
    depth: { type: 'string', default: '1' },
  },
});
const requireRoot = createRequire(join(root, 'package.json'));
let SourceMapConsumer;
try {
  ({ SourceMapConsumer } = requireRoot('source-map-js'));
} catch {
  ({ SourceMapConsumer } = createRequire(
    join(root, 'node_modules/.pnpm/source-map-js@1.2.4/node_modules/source-map-js/package.json'),
  )('source-map-js'));
}
const consumer = new SourceMapConsumer(JSON.parse(readFileSync(values.map, 'utf8')));
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));

const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function sourceOf(frame) {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) return { file: `(${functionName || 'native'})`, fn: functionName };
  if (url.endsWith('server.js')) {
    const pos = consumer.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
    const src = (pos.source ?? 'server.js').replace(/^(\.\.\/)+/, '');
    return { file: src, fn: functionName || pos.name || '(anon)', line: pos.line };
  }
  return { file: url.replace(/^file:\/\//, '').replace(/^node:/, 'node:'), fn: functionName };
}
const where = new Map();
for (const n of profile.nodes) where.set(n.id, sourceOf(n.callFrame));

function group(file) {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pnpm) return pnpm[1];
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (nm) return nm[1];
  if (file.includes('apps/api/src/')) return file.slice(file.indexOf('apps/api/src/') + 13);
  if (file.includes('packages/')) return file.slice(file.indexOf('packages/'));
  return file;
}

// Self time per sample.
const self = new Map();
const selfFn = new Map();
const inclusive = values.inclusive.map((p) => ({ re: new RegExp(p), ms: 0 }));
let total = 0;
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const ms = (dt[i + 1] ?? 0) / 1000;
  total += ms;
  const id = profile.samples[i];
  const w = where.get(id);
  const g = group(w.file);
  self.set(g, (self.get(g) ?? 0) + ms);
  const fk = `${g}:${w.fn}${w.line ? `@${w.line}` : ''}`;
  selfFn.set(fk, (selfFn.get(fk) ?? 0) + ms);
  if (inclusive.length) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const x = where.get(at);
      const key = `${group(x.file)}:${x.fn}`;
      for (const [k, inc] of inclusive.entries())
        if (!seen.has(k) && inc.re.test(key)) {
          seen.add(k);
          inc.ms += ms;
        }
    }
  }
}
// Who calls functions matching --callers (self time, by the caller chain `depth` frames up).
const callers = new Map();
if (values.callers) {
  const re = new RegExp(values.callers);
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const w = where.get(id);
    if (!re.test(`${group(w.file)}:${w.fn}`)) continue;
    const chain = [];
    for (
      let at = parent.get(id), d = 0;
      at !== undefined && d < Number(values.depth);
      at = parent.get(at), d++
    ) {
      const x = where.get(at);
      chain.push(`${group(x.file)}:${x.fn}${x.line ? `@${x.line}` : ''}`);
    }
    const k = chain.join(' < ');
    callers.set(k, (callers.get(k) ?? 0) + ms);
  }
}
const show = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(
      ([k, ms]) => `${((100 * ms) / total).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${k}`,
    )
    .join('\n');
process.stdout.write(`total ${total.toFixed(0)} ms\n\nself time by source:\n${show(self)}\n`);
if (values.functions) process.stdout.write(`\nself time by function:\n${show(selfFn)}\n`);
if (values.category.length) {
  const cats = values.category.map((c) => {
    const at = c.indexOf('=');
    return { name: c.slice(0, at), re: new RegExp(c.slice(at + 1)) };
  });
  const byCat = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i + 1] ?? 0) / 1000;
    // A category named ~x is weak: it takes a sample only when no other category matches any frame.
    let name = 'other';
    let weak = null;
    found: for (let at = profile.samples[i]; at !== undefined; at = parent.get(at)) {
      const x = where.get(at);
      const key = `${group(x.file)}:${x.fn}`;
      for (const c of cats)
        if (c.re.test(key)) {
          if (c.name.startsWith('~')) {
            weak ??= c.name.slice(1);
            continue;
          }
          name = c.name;
          break found;
        }
    }
    if (name === 'other' && weak) name = weak;
    byCat.set(name, (byCat.get(name) ?? 0) + ms);
  }
  const busy = total - (byCat.get('idle') ?? 0);
  process.stdout.write(
    `\nby category (innermost matching frame; % of busy time ${busy.toFixed(0)} ms):\n${[...byCat]
      .sort((a, b) => b[1] - a[1])
      .map(
        ([k, ms]) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${k}`,
      )
      .join('\n')}\n`,
  );
}
if (values.callers) process.stdout.write(`\ncallers of ${values.callers}:\n${show(callers)}\n`);
for (const inc of inclusive)
  process.stdout.write(
    `\ninclusive ${inc.re}: ${((100 * inc.ms) / total).toFixed(1)} % (${inc.ms.toFixed(0)} ms)\n`,
  );
