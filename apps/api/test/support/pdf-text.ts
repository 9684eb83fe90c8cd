import { execFileSync, spawnSync } from 'node:child_process';

/**
 * pdftotext (Debian poppler-utils) reads a PDF's text as a search or a copy-paste gets it. Tests that read
 * PDFs run when it is installed, and under REQUIRE_TOOLS=1 (CI, which installs it) fail rather than skip.
 */
export const CAN_READ_PDF =
  spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0 ||
  process.env.REQUIRE_TOOLS === '1';

export function pdfText(pdf: Buffer | Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}
