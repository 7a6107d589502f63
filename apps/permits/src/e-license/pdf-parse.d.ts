/** Minimal typing of pdf-parse@1 (no @types package); imported by the e-license spec only. */
declare module 'pdf-parse/lib/pdf-parse.js' {
  interface PdfParseResult {
    numpages: number;
    text: string;
    info: Record<string, unknown> | null;
  }
  function pdfParse(data: Buffer): Promise<PdfParseResult>;
  export = pdfParse;
}
