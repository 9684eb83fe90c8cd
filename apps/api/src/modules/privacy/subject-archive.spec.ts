import { describe, expect, it } from 'vitest';
import { DROPPED_COLUMN } from './archive-sources';
import { maskAddress } from './subject-archive';

describe('access archive helpers', () => {
  it('[PRV-02] masks email addresses and phone numbers, keeping only enough to recognise them', () => {
    expect(maskAddress('parent.demo1@example.com')).toBe('p***@example.com');
    expect(maskAddress('+919701000001')).toBe('********0001');
    expect(maskAddress('12')).toBe('****');
    expect(maskAddress('p***@example.com')).toBe('p***@example.com');
  });

  it('[PRV-02] leaves secrets, blind indexes and hashes out of an archive', () => {
    for (const column of [
      'password_hash',
      'mfa_secret',
      'mfa_pending_secret',
      'token_hash',
      'phone_bidx',
      'hash',
      'prev_hash',
      'tenant_id',
    ])
      expect(DROPPED_COLUMN.test(column), column).toBe(true);
    for (const column of ['admission_no', 'first_name', 'national_id_enc', 'recipient', 'amount'])
      expect(DROPPED_COLUMN.test(column), column).toBe(false);
  });
});
