import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './navigation';

describe('where to go after signing in', () => {
  it.each([
    ['/students', '/students'],
    ['/attendance?date=2025-06-02#today', '/attendance?date=2025-06-02#today'],
    [null, '/'],
    ['', '/'],
  ])('follows a path on this site: %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    '//evil.example/phish',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'students',
    '/login?next=/students',
  ])('refuses to leave the site or loop back to the login page: %s', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('remembers the page in the login link, except the dashboard', () => {
    expect(loginPath('/students?class=7')).toBe('/login?next=%2Fstudents%3Fclass%3D7');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('//evil.example')).toBe('/login');
  });
});
