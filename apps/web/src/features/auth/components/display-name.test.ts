import { describe, expect, it } from 'vitest';
import { displayNameOf, initialsOf } from './display-name';

const user = (fields: { displayName?: string; name?: string }) => ({
  id: 'u1',
  email: 'asha@greenwood.test',
  ...fields,
});

describe('how a user is named in the header', () => {
  it('prefers the display name, then the name, then the email', () => {
    expect(displayNameOf(user({ displayName: 'Asha Rao', name: 'A. Rao' }))).toBe('Asha Rao');
    expect(displayNameOf(user({ name: 'A. Rao' }))).toBe('A. Rao');
    expect(displayNameOf(user({ displayName: '  ' }))).toBe('asha@greenwood.test');
  });

  it('makes initials from the first and last word, ignoring parentheses', () => {
    expect(initialsOf(user({ displayName: 'Asha Rao' }))).toBe('AR');
    expect(initialsOf(user({ displayName: 'Class Teacher (Greenwood High School)' }))).toBe('CT');
    expect(initialsOf(user({}))).toBe('AS');
  });
});
