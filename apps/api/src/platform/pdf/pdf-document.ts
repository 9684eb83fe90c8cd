import type PdfKit from 'pdfkit';

type PdfKitConstructor = typeof PdfKit;
type PdfDocumentOptions = ConstructorParameters<PdfKitConstructor>[0];

let PdfDocument: PdfKitConstructor | undefined;

/**
 * A new PDFKit document. PDFKit and its font libraries load on the first PDF, not at boot: loading them
 * was ~120 ms of every start of the API (issue 18, cold start), and most starts never print a receipt.
 */
export function newPdfDocument(options?: PdfDocumentOptions): PDFKit.PDFDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  PdfDocument ??= require('pdfkit') as PdfKitConstructor;
  return new PdfDocument(options);
}
