import { describe, expect, it } from 'vitest';
import { isApiUrl } from './api-url';

describe('an API URL', () => {
  it('is /api itself, a path under it or its query, and nothing else', () => {
    for (const url of ['/api', '/api/', '/api/v1/students?q=a', '/api?x=1', '/api/docs-json'])
      expect(isApiUrl(url), url).toBe(true);
    for (const url of ['/', '/apis', '/api-docs', '/app/api', '/assets/api.js', '/API/v1', ''])
      expect(isApiUrl(url), url).toBe(false);
  });
});
