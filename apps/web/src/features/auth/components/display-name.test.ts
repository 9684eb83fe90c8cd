import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../app/i18n';
import { displayNameOf, initialsOf, roleLabel } from './display-name';

const user = (displayName?: string) => ({ email: 'asha@greenwood.test', displayName });

describe('how a user is named in the header', () => {
  it('prefers the display name, then the email', () => {
    expect(displayNameOf(user('Asha Rao'))).toBe('Asha Rao');
    expect(displayNameOf(user('  '))).toBe('asha@greenwood.test');
    expect(displayNameOf(user())).toBe('asha@greenwood.test');
  });

  it('makes initials from the first and last word, ignoring parentheses', () => {
    expect(initialsOf(user('Asha Rao'))).toBe('AR');
    expect(initialsOf(user('Class Teacher (Greenwood High School)'))).toBe('CT');
    expect(initialsOf(user())).toBe('AS');
  });

  it('translates default roles and shows custom roles by the name the school gave them', () => {
    const { t } = createI18n();
    expect(roleLabel(t, 'school_admin')).toBe('School admin');
    expect(roleLabel(t, 'librarian', new Map([['librarian', 'Librarian']]))).toBe('Librarian');
    expect(roleLabel(t, 'librarian')).toBe('librarian');
  });
});
