// A Web Worker that searches a share of a proof-of-work challenge's counters (altcha-lib's worker protocol),
// with WebCrypto's PBKDF2, so the sign-in page stays responsive while it works (AUT-07).
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
