/** `/api`, `/api/...` or `/api?...`: an answer of the API rather than of the SPA (which keeps its caching). */
export function isApiUrl(url: string): boolean {
  return url.startsWith('/api') && (url.length === 4 || url[4] === '/' || url[4] === '?');
}
