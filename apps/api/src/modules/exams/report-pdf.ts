import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newPdfDocument } from '../../platform/pdf/pdf-document';

/**
 * The PDF plumbing the report cards and the transcript share: A4 documents, a Latin face (Helvetica, built
 * in) and an embedded Devanagari face (Noto Sans Devanagari, OFL, apps/api/assets/fonts), and text written
 * in script runs so a Hindi name inside an English line renders with the face that has its glyphs.
 *
 * Devanagari is shaped by fontkit (conjuncts such as क्ष, त्र, श्र; the pre-base vowel sign ि drawn before
 * its consonant). Glyph order then differs from the text's order, so each Devanagari run is wrapped in a
 * marked-content span with /ActualText: text extraction and copy-paste (pdftotext) give back the name as
 * it was typed rather than in glyph order.
 */

/**
 * apps/api/assets/fonts: beside the nearest package.json above this file, which is apps/api's from
 * src/modules/exams (tests), from dist/modules/exams (tsc's output) and from dist/main.js (the bundle).
 */
export const FONT_DIR = join(packageRoot(__dirname), 'assets', 'fonts');

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

const FONT_FILES = {
  regular: 'NotoSansDevanagari-Regular.ttf',
  bold: 'NotoSansDevanagari-Bold.ttf',
} as const;

function missingFonts(error: unknown): Error {
  return new Error(
    `The report-card fonts are missing from ${FONT_DIR} (apps/api/assets/fonts must ship beside dist/): ${(error as Error).message}`,
  );
}

/**
 * Checks that the Devanagari faces are there and readable. The API calls it at boot (ReportCardsService),
 * so an image built without apps/api/assets refuses to start instead of failing on the first report card.
 */
export function checkDevanagariFonts(): void {
  try {
    for (const file of Object.values(FONT_FILES)) accessSync(join(FONT_DIR, file), constants.R_OK);
  } catch (error) {
    throw missingFonts(error);
  }
}

/**
 * The Devanagari faces, read for each document: 0.45 MB the process need not hold between PDFs (the page
 * cache keeps the files; reading both is a fraction of a millisecond next to laying out a card).
 */
function devanagariFonts(): { regular: Buffer; bold: Buffer } {
  try {
    return {
      regular: readFileSync(join(FONT_DIR, FONT_FILES.regular)),
      bold: readFileSync(join(FONT_DIR, FONT_FILES.bold)),
    };
  } catch (error) {
    throw missingFonts(error);
  }
}

/** Devanagari letters and signs, with the dandas (script Common, but only the Devanagari face has them). */
const DEVANAGARI = /[\p{Script=Devanagari}\u0964\u0965]/u;
const JOINERS = new Set(['\u200C', '\u200D']);
/** Characters that belong to the run around them: spaces, joiners, digits and punctuation. */
const isNeutral = (ch: string) => JOINERS.has(ch) || /[\s0-9.,:;()\-/'"&%]/.test(ch);

export interface Run {
  devanagari: boolean;
  text: string;
}

/** Splits text into Latin and Devanagari runs; neutral characters join the run they follow. */
export function scriptRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const devanagari = DEVANAGARI.test(ch);
    if (last && (last.devanagari === devanagari || isNeutral(ch))) last.text += ch;
    else runs.push({ devanagari, text: ch });
  }
  return runs;
}

export interface TextOptions {
  x?: number;
  y?: number;
  width?: number;
  align?: 'left' | 'center' | 'right';
  size?: number;
  bold?: boolean;
  /** One line, cut short with an ellipsis if it does not fit the width. */
  oneLine?: boolean;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(title: string) {
    this.doc = newPdfDocument({ size: 'A4', margin: 40, info: { Title: title, Creator: 'Shala' } });
    const { regular, bold } = devanagariFonts();
    this.doc.registerFont('deva', regular);
    this.doc.registerFont('deva-bold', bold);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise((resolve) => this.doc.on('end', () => resolve()));
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  /** Writes text (any mix of Latin and Devanagari) at (x, y) or at the cursor. */
  text(value: string, options: TextOptions = {}): this {
    const { doc } = this;
    const size = options.size ?? 10;
    const runs = scriptRuns(value);
    const x = options.x ?? doc.x;
    const y = options.y ?? doc.y;
    const base = {
      width: options.width,
      align: options.align,
      lineBreak: !options.oneLine,
      ellipsis: options.oneLine ? true : undefined,
      height: options.oneLine ? size * 1.4 : undefined,
    };
    const latin = options.bold ? 'Helvetica-Bold' : 'Helvetica';
    const deva = options.bold ? 'deva-bold' : 'deva';
    if (runs.length === 0) runs.push({ devanagari: false, text: '' });
    if (runs.length === 1 && !runs[0]!.devanagari) {
      doc.font(latin).fontSize(size).text(runs[0]!.text, x, y, base);
      return this;
    }
    // A mixed line: the runs are written one after another on the same line(s); each Devanagari run
    // carries its typed text as /ActualText.
    if (options.align && options.align !== 'left' && options.width) {
      const total = runs.reduce(
        (w, r) =>
          w +
          doc
            .font(r.devanagari ? deva : latin)
            .fontSize(size)
            .widthOfString(r.text),
        0,
      );
      const shift = options.align === 'center' ? (options.width - total) / 2 : options.width - total;
      return this.runs(runs, x + Math.max(0, shift), y, size, latin, deva, { ...base, align: 'left' });
    }
    return this.runs(runs, x, y, size, latin, deva, base);
  }

  private runs(
    runs: Run[],
    x: number,
    y: number,
    size: number,
    latin: string,
    deva: string,
    base: PDFKit.Mixins.TextOptions,
  ): this {
    const { doc } = this;
    runs.forEach((r, i) => {
      const continued = i < runs.length - 1;
      const options = { ...base, continued, width: undefined };
      if (r.devanagari) doc.markContent('Span', { actual: r.text });
      doc.font(r.devanagari ? deva : latin).fontSize(size);
      if (i === 0) doc.text(r.text, x, y, options);
      else doc.text(r.text, options);
      if (r.devanagari) doc.endMarkedContent();
    });
    return this;
  }

  /** A ruled table: a header row and rows of cells, each column with its width and alignment. */
  table(
    columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[],
    rows: { cells: string[]; bold?: boolean }[],
    options: { size?: number } = {},
  ): this {
    const { doc } = this;
    const size = options.size ?? 9;
    const rowHeight = size * 1.9;
    const x0 = this.left;
    const total = columns.reduce((w, c) => w + c.width, 0);
    const draw = (cells: string[], bold: boolean, shaded: boolean) => {
      if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      if (shaded) doc.rect(x0, y, total, rowHeight).fillColor('#eeeeee').fill().fillColor('black');
      let x = x0;
      columns.forEach((c, i) => {
        this.text(cells[i] ?? '', {
          x: x + 3,
          y: y + (rowHeight - size) / 2 - 1,
          width: c.width - 6,
          align: c.align,
          size,
          bold,
          oneLine: true,
        });
        x += c.width;
      });
      doc.lineWidth(0.5).strokeColor('#999999');
      doc.rect(x0, y, total, rowHeight).stroke();
      x = x0;
      for (const c of columns.slice(0, -1)) {
        x += c.width;
        doc
          .moveTo(x, y)
          .lineTo(x, y + rowHeight)
          .stroke();
      }
      doc.strokeColor('black');
      doc.x = x0;
      doc.y = y + rowHeight;
    };
    draw(
      columns.map((c) => c.header),
      true,
      true,
    );
    for (const r of rows) draw(r.cells, r.bold ?? false, false);
    doc.x = x0;
    return this;
  }

  /** A bold section heading on its own line. */
  heading(value: string): this {
    this.doc.moveDown(0.8);
    this.text(value, { x: this.left, size: 11, bold: true });
    this.doc.moveDown(0.3);
    return this;
  }

  /** Ends the document and answers its bytes. */
  async finish(): Promise<Buffer> {
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}

/** A number for a printed cell: up to two decimals, no trailing zeros; a dash for none. */
export function num(value: number | null | undefined): string {
  if (value == null) return '-';
  return String(Math.round(value * 100) / 100);
}

/** A percentage for print: `74.75%`, or a dash for none. */
export function percent(value: number | null | undefined): string {
  return value == null ? '-' : `${num(value)}%`;
}
