// The encrypted backup file format (OPS-03).
//
//   offset  size  field
//   0       8     magic "SHALABAK"
//   8       1     format version (1)
//   9       16    salt: the file key is HKDF-SHA256(BACKUP_ENCRYPTION_KEY, salt, "shala-backup v1")
//   25      12    GCM nonce
//   37      4     metadata length N (uint32, big endian)
//   41      N     metadata, UTF-8 JSON (engine, database, created at, key id, tool; never a secret)
//   41+N    ...   AES-256-GCM ciphertext of the gzip-compressed dump
//   end-16  16    GCM authentication tag
//
// Bytes 0..41+N (the whole header) are the GCM additional authenticated data, so a changed version,
// salt, nonce or metadata fails authentication just like a changed ciphertext. Every file has its own
// salt and therefore its own key; the nonce is random too.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { OpsError } from './common.mjs';

export const MAGIC = Buffer.from('SHALABAK', 'ascii');
export const FORMAT_VERSION = 1;
const FIXED_HEADER = 41;
const TAG_BYTES = 16;
const MAX_METADATA = 64 * 1024;

/** Reads a 32-byte key from base64; names the variable in the error. */
export function parseKey(value, name = 'BACKUP_ENCRYPTION_KEY') {
  if (!value) throw new OpsError(`${name} is not set (32 random bytes, base64: openssl rand -base64 32)`);
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32)
    throw new OpsError(`${name} must be 32 bytes, base64-encoded (got ${key.length} bytes)`);
  return key;
}

/** A short public fingerprint of a key, stored in the header so restore can pick the right key. */
export function keyId(key) {
  return createHmac('sha256', key).update('shala-backup key id').digest('hex').slice(0, 16);
}

function fileKey(masterKey, salt) {
  return Buffer.from(hkdfSync('sha256', masterKey, salt, Buffer.from('shala-backup v1'), 32));
}

function buildHeader(salt, iv, metadata) {
  const meta = Buffer.from(JSON.stringify(metadata), 'utf8');
  const fixed = Buffer.alloc(FIXED_HEADER);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt8(FORMAT_VERSION, 8);
  salt.copy(fixed, 9);
  iv.copy(fixed, 25);
  fixed.writeUInt32BE(meta.length, 37);
  return Buffer.concat([fixed, meta]);
}

/** Header first, then the ciphertext, then the tag once the input ends. */
class GcmEncrypt extends Transform {
  constructor(key, iv, header) {
    super();
    this.cipher = createCipheriv('aes-256-gcm', key, iv);
    this.cipher.setAAD(header);
    this.push(header);
  }
  _transform(chunk, _encoding, done) {
    done(null, this.cipher.update(chunk));
  }
  _flush(done) {
    this.push(this.cipher.final());
    this.push(this.cipher.getAuthTag());
    done();
  }
}

/**
 * Compresses and encrypts `source` (a readable stream) into `target`. Resolves with the byte counts.
 * `metadata` goes into the authenticated header.
 */
export async function encryptToFile(source, target, masterKey, metadata) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = buildHeader(salt, iv, { ...metadata, keyId: keyId(masterKey), compression: 'gzip' });
  let plainBytes = 0;
  const counter = new Transform({
    transform(chunk, _e, done) {
      plainBytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(
    source,
    counter,
    createGzip({ level: 6 }),
    new GcmEncrypt(fileKey(masterKey, salt), iv, header),
    createWriteStream(target, { mode: 0o600, flags: 'wx' }),
  );
  return { plainBytes };
}

/** Reads and checks the header; the metadata is not trusted until `decryptFile` has verified the tag. */
export function readHeader(file) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const fixed = Buffer.alloc(FIXED_HEADER);
    if (size < FIXED_HEADER + TAG_BYTES || readSync(fd, fixed, 0, FIXED_HEADER, 0) !== FIXED_HEADER)
      throw new OpsError(`${file} is too short to be a Shala backup`);
    if (!fixed.subarray(0, 8).equals(MAGIC)) throw new OpsError(`${file} is not a Shala backup (bad magic)`);
    const version = fixed.readUInt8(8);
    if (version !== FORMAT_VERSION)
      throw new OpsError(`${file} has backup format version ${version}; this script reads ${FORMAT_VERSION}`);
    const metaLength = fixed.readUInt32BE(37);
    if (metaLength > MAX_METADATA || FIXED_HEADER + metaLength + TAG_BYTES > size)
      throw new OpsError(`${file} has a corrupt header`);
    const meta = Buffer.alloc(metaLength);
    readSync(fd, meta, 0, metaLength, FIXED_HEADER);
    const tag = Buffer.alloc(TAG_BYTES);
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    let metadata;
    try {
      metadata = JSON.parse(meta.toString('utf8'));
    } catch {
      throw new OpsError(`${file} has corrupt metadata`);
    }
    return {
      size,
      version,
      salt: fixed.subarray(9, 25),
      iv: fixed.subarray(25, 37),
      header: Buffer.concat([fixed, meta]),
      metadata,
      tag,
    };
  } finally {
    closeSync(fd);
  }
}

/** Picks the key whose id the header names, among the current key and older ones. */
export function chooseKey(header, keys) {
  const wanted = header.metadata?.keyId;
  const match = keys.find((k) => keyId(k) === wanted);
  if (match) return match;
  throw new OpsError(
    `the backup was encrypted with key id ${wanted ?? '(none)'}, but the keys given have ids ${keys.map(keyId).join(', ') || '(none)'}; set BACKUP_ENCRYPTION_KEY (or BACKUP_DECRYPTION_KEYS) to the key used for the backup`,
  );
}

/**
 * Decrypts and decompresses `file` into `target`, verifying the GCM tag over header and ciphertext.
 * Throws (and leaves `target` for the caller to delete) when the file was altered or the key is wrong.
 */
export async function decryptFile(file, target, keys) {
  const header = readHeader(file);
  const key = chooseKey(header, keys);
  const decipher = createDecipheriv('aes-256-gcm', fileKey(key, header.salt), header.iv);
  decipher.setAAD(header.header);
  decipher.setAuthTag(header.tag);
  const end = header.size - TAG_BYTES - 1;
  const start = header.header.length;
  let plainBytes = 0;
  const counter = new Transform({
    transform(chunk, _e, done) {
      plainBytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      end >= start ? createReadStream(file, { start, end }) : (async function* () {})(),
      decipher,
      createGunzip(),
      counter,
      createWriteStream(target, { mode: 0o600 }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (
      /unable to authenticate|unsupported state/i.test(message) ||
      /incorrect header check|invalid|unexpected end/i.test(message)
    )
      throw new OpsError(
        `${file} failed authentication: it was altered, truncated or encrypted with another key (${message})`,
      );
    throw error;
  }
  return { metadata: header.metadata, plainBytes };
}
