#!/usr/bin/env node
// What a V8 heap snapshot holds (issue 18, memory): self size by node type and by constructor, the largest
// strings and code objects, and the objects that retain the most (a dominator tree over the snapshot's
// graph, weak edges left out as V8 does), each with one retaining path from the root. Read the output as
// "what stays resident and why"; the snapshot is what was live when it was written (it collects first).
//
//   node scripts/bench/compare.mjs --quick --memory-only --skip-start --heap-snapshot /tmp/snaps
//   node scripts/bench/heap-summary.mjs /tmp/snaps/loaded.heapsnapshot [--top 40] [--min-retained 0.3]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, 'min-retained': { type: 'string', default: '0.3' } },
});
const TOP = Number(values.top);
const file = positionals[0];
if (!file) throw new Error('usage: heap-summary.mjs FILE.heapsnapshot [--top N]');

const snap = JSON.parse(readFileSync(file, 'utf8'));
const meta = snap.snapshot.meta;
const NF = meta.node_fields.length;
const EF = meta.edge_fields.length;
const nTypeOff = meta.node_fields.indexOf('type');
const nNameOff = meta.node_fields.indexOf('name');
const nSizeOff = meta.node_fields.indexOf('self_size');
const nEdgesOff = meta.node_fields.indexOf('edge_count');
const eTypeOff = meta.edge_fields.indexOf('type');
const eNameOff = meta.edge_fields.indexOf('name_or_index');
const eToOff = meta.edge_fields.indexOf('to_node');
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const { nodes, edges, strings } = snap;
const count = nodes.length / NF;
const MB = (x) => (x / 1048576).toFixed(2);

const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + nEdgesOff] * EF;
}
firstEdge[count] = edges.length;

const typeOf = (i) => nodeTypes[nodes[i * NF + nTypeOff]];
const nameOf = (i) => strings[nodes[i * NF + nNameOff]];
const sizeOf = (i) => nodes[i * NF + nSizeOff];
const edgeName = (e) => {
  const t = edgeTypes[edges[e + eTypeOff]];
  const n = edges[e + eNameOff];
  return t === 'element' || t === 'hidden' ? `[${n}]` : strings[n];
};
const isWeak = (e) => edgeTypes[edges[e + eTypeOff]] === 'weak';
const label = (i) => {
  const t = typeOf(i);
  const n = nameOf(i);
  if (t === 'string' || t === 'concatenated string' || t === 'sliced string')
    return `${t} "${n.slice(0, 80).replace(/\s+/g, ' ')}"${n.length > 80 ? '...' : ''} (${n.length} chars)`;
  return `${t} ${n.slice(0, 100)}`;
};

let total = 0;
const byType = new Map();
const byCtor = new Map();
for (let i = 0; i < count; i++) {
  const s = sizeOf(i);
  total += s;
  const t = typeOf(i);
  byType.set(t, (byType.get(t) ?? 0) + s);
  const key = t === 'object' || t === 'native' || t === 'hidden' || t === 'code' ? `${t}: ${nameOf(i)}` : t;
  const c = byCtor.get(key) ?? [0, 0];
  c[0] += s;
  c[1]++;
  byCtor.set(key, c);
}
console.log(`${file}: ${count} nodes, ${MB(total)} MB self size in all\n`);
console.log('by node type (MB):');
for (const [t, s] of [...byType].sort((a, b) => b[1] - a[1])) console.log(`  ${MB(s).padStart(8)}  ${t}`);
console.log(`\nby type and constructor, top ${TOP} (MB, count):`);
for (const [k, [s, n]] of [...byCtor].sort((a, b) => b[1][0] - a[1][0]).slice(0, TOP))
  console.log(`  ${MB(s).padStart(8)}  ${String(n).padStart(8)}  ${k.slice(0, 120)}`);

const biggest = (pred) =>
  [...Array(count).keys()]
    .filter(pred)
    .sort((a, b) => sizeOf(b) - sizeOf(a))
    .slice(0, TOP);
console.log(`\nlargest strings:`);
for (const i of biggest((i) => typeOf(i).includes('string')))
  console.log(`  ${MB(sizeOf(i)).padStart(8)}  ${label(i)}`);
console.log(`\nlargest other objects:`);
for (const i of biggest((i) => !typeOf(i).includes('string')))
  console.log(`  ${MB(sizeOf(i)).padStart(8)}  ${label(i)}`);

// Dominators (Cooper, Harvey and Kennedy's iterative algorithm over a reverse postorder from node 0).
const order = new Int32Array(count).fill(-1); // node -> postorder index
const post = new Int32Array(count);
let n = 0;
{
  const stack = new Int32Array(count);
  const cursor = new Uint32Array(count);
  const seen = new Uint8Array(count);
  let sp = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  cursor[0] = firstEdge[0];
  while (sp > 0) {
    const v = stack[sp - 1];
    if (cursor[v] < firstEdge[v + 1]) {
      const e = cursor[v];
      cursor[v] += EF;
      if (isWeak(e)) continue;
      const w = edges[e + eToOff] / NF;
      if (!seen[w]) {
        seen[w] = 1;
        cursor[w] = firstEdge[w];
        stack[sp++] = w;
      }
    } else {
      sp--;
      order[v] = n;
      post[n++] = v;
    }
  }
}
const preds = Array.from({ length: n }, () => []);
for (let v = 0; v < count; v++) {
  if (order[v] < 0) continue;
  for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
    if (isWeak(e)) continue;
    const w = edges[e + eToOff] / NF;
    if (order[w] >= 0) preds[order[w]].push(order[v]);
  }
}
const idom = new Int32Array(n).fill(-1);
const rootIdx = order[0];
idom[rootIdx] = rootIdx;
const intersect = (a, b) => {
  while (a !== b) {
    while (a < b) a = idom[a];
    while (b < a) b = idom[b];
  }
  return a;
};
for (let changed = true; changed;) {
  changed = false;
  for (let k = n - 1; k >= 0; k--) {
    if (k === rootIdx) continue;
    let d = -1;
    for (const p of preds[k]) if (idom[p] >= 0) d = d < 0 ? p : intersect(p, d);
    if (d >= 0 && idom[k] !== d) {
      idom[k] = d;
      changed = true;
    }
  }
}
const retained = new Float64Array(n);
for (let k = 0; k < n; k++) retained[k] += sizeOf(post[k]);
for (let k = 0; k < n; k++) if (k !== rootIdx) retained[idom[k]] += retained[k];

// One retaining path per node: the BFS parent from the root, strong edges only.
const parent = new Int32Array(count).fill(-1);
const parentEdge = new Int32Array(count).fill(-1);
{
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const v = queue[head++];
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
      if (isWeak(e)) continue;
      const w = edges[e + eToOff] / NF;
      if (parent[w] < 0) {
        parent[w] = v;
        parentEdge[w] = e;
        queue[tail++] = w;
      }
    }
  }
}
const pathOf = (i) => {
  const parts = [];
  for (let v = i, hops = 0; v !== 0 && hops < 12; v = parent[v], hops++) {
    const p = parent[v];
    if (p < 0) break;
    parts.unshift(`${nameOf(p).slice(0, 30) || typeOf(p)}.${edgeName(parentEdge[v])}`);
  }
  return parts.join(' > ');
};

// The dominator tree from the root down to holders of at least --min-retained MB: each line is what that
// object alone keeps alive (freeing it would free that much), with one retaining path for the top level.
const children = Array.from({ length: n }, () => []);
for (let k = 0; k < n; k++) if (k !== rootIdx) children[idom[k]].push(k);
const threshold = Number(values['min-retained']) * 1048576;
console.log(`\ndominator tree (retained MB, self MB), holders of >= ${values['min-retained']} MB:`);
const print = (k, depth) => {
  const kids = children[k].filter((c) => retained[c] >= threshold).sort((a, b) => retained[b] - retained[a]);
  for (const c of kids) {
    const i = post[c];
    const e = parentEdge[i] >= 0 && idom[c] === order[parent[i]] ? `.${edgeName(parentEdge[i])} = ` : '';
    console.log(
      `${'  '.repeat(depth + 1)}${MB(retained[c]).padStart(7)} ${MB(sizeOf(i)).padStart(6)}  ${e}${label(i)}`,
    );
    if (depth === 0 || (depth < 3 && typeOf(post[k]) === 'synthetic'))
      console.log(`${'  '.repeat(depth + 1)}               via ${pathOf(i)}`);
    if (depth < 14) print(c, depth + 1);
  }
};
print(rootIdx, 0);
