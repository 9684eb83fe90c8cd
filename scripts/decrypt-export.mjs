#!/usr/bin/env node
// Decrypts an institution export made by Shala's offboarding (PRV-03) into the ZIP inside it.
//
//   EXPORT_PASSPHRASE='…' node scripts/decrypt-export.mjs <school-export.shalaexp> [--out school-export.zip]
//
// Without EXPORT_PASSPHRASE the passphrase is read from the first line of standard input. Needs only
// Node.js (18 or later); no Shala code, no network. Exit codes: 0 decrypted, 1 failed, 3 wrong passphrase
// or a changed file (nothing is written then).
//
// The container, version 1:
//
//   offset  size  field
//   0       8     magic "SHALAEXP"
//   8       1     format version (1)
//   9       1     scrypt cost log2(N) (15: N = 32768)
//   10      1     scrypt block size r (8)
//   11      1     scrypt parallelism p (1)
//   12      16    scrypt salt
//   28      12    AES-256-GCM nonce
//   40      ...   ciphertext of the ZIP
//   end-16  16    GCM authentication tag
//
// key = scrypt(passphrase as UTF-8 NFC, salt, 32 bytes, N, r, p) (RFC 7914); the 40-byte header is the
// GCM additional authenticated data. The same file opens with any AES-256-GCM + scrypt implementation,
// e.g. Python's `cryptography` (Scrypt, AESGCM with associated_data = header).
//
// Inside the ZIP: manifest.json (institution, time, per table the row count and the size and SHA-256 of
// each file), tables/<table>.json and tables/<table>.csv for every table of the school. This script checks
// every checksum of the manifest and prints the row counts.
import { createDecipheriv, createHash, scrypt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const MAGIC = Buffer.from('SHALAEXP', 'ascii');
const HEADER = 40;
const TAG = 16;

class Fail extends Error {
  constructor(message, code = 1) {
    super(message);
    this.code = code;
  }
}

function deriveKey(passphrase, salt, logN, r, p) {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      salt,
      32,
      { N, r, p, maxmem: 256 * N * r },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
}

export async function decryptExport(file, passphrase) {
  if (file.length < HEADER + TAG || !file.subarray(0, 8).equals(MAGIC))
    throw new Fail('not a Shala export file');
  if (file.readUInt8(8) !== 1) throw new Fail(`unknown export format version ${file.readUInt8(8)}`);
  const logN = file.readUInt8(9);
  if (logN < 14 || logN > 20) throw new Fail('scrypt cost out of range');
  const key = await deriveKey(
    passphrase,
    file.subarray(12, 28),
    logN,
    file.readUInt8(10),
    file.readUInt8(11),
  );
  const decipher = createDecipheriv('aes-256-gcm', key, file.subarray(28, 40));
  decipher.setAAD(file.subarray(0, HEADER));
  decipher.setAuthTag(file.subarray(file.length - TAG));
  try {
    return Buffer.concat([decipher.update(file.subarray(HEADER, file.length - TAG)), decipher.final()]);
  } catch {
    throw new Fail('wrong passphrase, or the file was changed', 3);
  }
}

/** The entries of a ZIP (stored or deflated), from its central directory. */
export function unzip(zip) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Fail('the decrypted file is not a ZIP');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    files[name] = method === 0 ? Buffer.from(body) : inflateRawSync(body);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Checks every file of the manifest against its SHA-256; answers the row count per table. */
export function verify(files) {
  if (!files['manifest.json']) throw new Fail('the export has no manifest.json');
  const manifest = JSON.parse(files['manifest.json'].toString('utf8'));
  const rows = {};
  for (const [table, entry] of Object.entries(manifest.tables)) {
    for (const [name, { sha256 }] of Object.entries(entry.files)) {
      const body = files[name];
      if (!body) throw new Fail(`${name} is missing`);
      if (createHash('sha256').update(body).digest('hex') !== sha256)
        throw new Fail(`${name} fails its checksum`);
    }
    rows[table] = entry.rows;
  }
  return { manifest, rows };
}

async function readPassphrase() {
  if (process.env.EXPORT_PASSPHRASE) return process.env.EXPORT_PASSPHRASE;
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) return line;
  throw new Fail('no passphrase: set EXPORT_PASSPHRASE or pipe it on standard input');
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const input = positionals[0];
  if (!input) throw new Fail('usage: node scripts/decrypt-export.mjs <export file> [--out file.zip]');
  const out = values.out ?? input.replace(/\.shalaexp$/, '') + '.zip';
  const zip = await decryptExport(readFileSync(input), await readPassphrase());
  const { manifest, rows } = verify(unzip(zip));
  writeFileSync(out, zip, { mode: 0o600 });
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${JSON.stringify({ out, institution: manifest.institution, generatedAt: manifest.generatedAt, tables: Object.keys(rows).length, rows: total, checksums: 'ok' })}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`decrypt-export: ${error.message}\n`);
    process.exit(error.code ?? 1);
  });
}
