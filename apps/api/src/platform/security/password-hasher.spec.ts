import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';

const hasher = new PasswordHasher(loadConfig({ APP_ENV: 'test' }));

describe('PasswordHasher', () => {
  it('[AUT-01] hashes with bcrypt at cost 12', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await hasher.verify('correct horse battery staple', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', hash)).toBe(false);
  });

  it('[AUT-01] tells apart long passwords that share their first 72 bytes', async () => {
    const prefix = 'p'.repeat(72);
    const hash = await hasher.hash(`${prefix}-one`);
    expect(await hasher.verify(`${prefix}-one`, hash)).toBe(true);
    expect(await hasher.verify(`${prefix}-two`, hash)).toBe(false);
  });
});
