import { describe, expect, it } from 'vitest';
import { EXPORT_MAGIC, ExportDecryptionError, openExport, sealExport } from './export-container';
import { deletionOrder } from './institution-purge';

describe('export container', () => {
  const zip = Buffer.from('PK\u0003\u0004 a small zip body');

  it('[PRV-03] opens with the passphrase it was sealed with, and refuses another', async () => {
    const file = await sealExport(zip, 'a long passphrase 1');
    expect(file.subarray(0, 8).equals(EXPORT_MAGIC)).toBe(true);
    expect(await openExport(file, 'a long passphrase 1')).toEqual(zip);
    await expect(openExport(file, 'a long passphrase 2')).rejects.toBeInstanceOf(ExportDecryptionError);
  });

  it('[PRV-03] refuses a file whose header or body was changed', async () => {
    const file = await sealExport(zip, 'a long passphrase 1');
    for (const at of [12, 30, 41, file.length - 1]) {
      const changed = Buffer.from(file);
      changed[at] = changed[at]! ^ 1;
      await expect(openExport(changed, 'a long passphrase 1')).rejects.toBeInstanceOf(ExportDecryptionError);
    }
  });

  it('normalises the passphrase (NFC), so the same words typed on another keyboard open it', async () => {
    const file = await sealExport(zip, 'pass\u00e9 phrase long');
    expect(await openExport(file, 'passe\u0301 phrase long')).toEqual(zip);
  });
});

describe('deletion order', () => {
  it('deletes a row before the rows it references', () => {
    const refs = new Map([
      ['marks', new Set(['students', 'assessments'])],
      ['students', new Set(['sections'])],
      ['assessments', new Set(['sections'])],
    ]);
    const order = deletionOrder(['sections', 'students', 'marks', 'assessments', 'holidays'], refs);
    expect(order.indexOf('marks')).toBeLessThan(order.indexOf('students'));
    expect(order.indexOf('students')).toBeLessThan(order.indexOf('sections'));
    expect(order.indexOf('assessments')).toBeLessThan(order.indexOf('sections'));
    expect([...order].sort()).toEqual(['assessments', 'holidays', 'marks', 'sections', 'students']);
  });

  it('still lists every table when references form a cycle', () => {
    const refs = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(deletionOrder(['a', 'b', 'c'], refs).sort()).toEqual(['a', 'b', 'c']);
  });
});
