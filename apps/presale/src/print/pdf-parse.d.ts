/** pdf-parse@1 的最小类型声明（无 @types 包），仅供本目录的测试使用。Minimal typing of pdf-parse@1 for the specs here. */
declare module 'pdf-parse/lib/pdf-parse' {
  interface PdfParseResult {
    numpages: number;
    text: string;
    info: Record<string, unknown> | null;
  }
  function pdfParse(data: Buffer): Promise<PdfParseResult>;
  export = pdfParse;
}
