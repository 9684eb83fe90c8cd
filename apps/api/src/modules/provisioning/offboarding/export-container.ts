import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/**
 * The encrypted export container, version 1 (decrypted by `scripts/decrypt-export.mjs`, which documents
 * the same layout):
 *
 *   offset  size  field
 *   0       8     magic "SHALAEXP"
 *   8       1     format version (1)
 *   9       1     scrypt cost log2(N) (15: N = 32768)
 *   10      1     scrypt block size r (8)
 *   11      1     scrypt parallelism p (1)
 *   12      16    scrypt salt
 *   28      12    AES-256-GCM nonce
 *   40      ...   ciphertext of the ZIP
 *   end-16  16    GCM authentication tag
 *
 * key = scrypt(passphrase as UTF-8 NFC, salt, 32 bytes, N, r, p) (RFC 7914); the 40-byte header is the
 * GCM additional authenticated data, so a changed parameter fails authentication like a changed byte of
 * ciphertext. A wrong passphrase fails authentication; nothing of the ZIP is released.
 */
export const EXPORT_MAGIC = Buffer.from('SHALAEXP', 'ascii');
export const EXPORT_FORMAT_VERSION = 1;
const HEADER_BYTES = 40;
const TAG_BYTES = 16;
export const SCRYPT_LOG_N = 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;

export class ExportDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportDecryptionError';
  }
}

function deriveKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      salt,
      32,
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function sealExport(zip: Buffer, passphrase: string): Promise<Buffer> {
  const header = Buffer.alloc(HEADER_BYTES);
  EXPORT_MAGIC.copy(header, 0);
  header.writeUInt8(EXPORT_FORMAT_VERSION, 8);
  header.writeUInt8(SCRYPT_LOG_N, 9);
  header.writeUInt8(SCRYPT_R, 10);
  header.writeUInt8(SCRYPT_P, 11);
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  salt.copy(header, 12);
  nonce.copy(header, 28);
  const key = await deriveKey(passphrase, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export async function openExport(file: Buffer, passphrase: string): Promise<Buffer> {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, 8).equals(EXPORT_MAGIC))
    throw new ExportDecryptionError('not a Shala export file');
  if (file.readUInt8(8) !== EXPORT_FORMAT_VERSION)
    throw new ExportDecryptionError(`unknown export format version ${file.readUInt8(8)}`);
  const logN = file.readUInt8(9);
  if (logN < 14 || logN > 20) throw new ExportDecryptionError('scrypt cost out of range');
  const header = file.subarray(0, HEADER_BYTES);
  const key = await deriveKey(
    passphrase,
    file.subarray(12, 28),
    logN,
    file.readUInt8(10),
    file.readUInt8(11),
  );
  const decipher = createDecipheriv('aes-256-gcm', key, file.subarray(28, 40));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new ExportDecryptionError('wrong passphrase, or the file was changed');
  }
}
