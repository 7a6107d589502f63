import { Injectable } from '@nestjs/common';
import { ErrorCode, FieldError, ScanRefV1 } from '@hn/messages';
import { checkScanBytes, safeFileName, ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { NatsConnection } from 'nats';
import { DomainException } from '@hn/errors';
import { parseGuardedJson } from '../body/json-body-guard';
import { ScanUploadErrors } from './scan-upload.exception';

/** What a multipart upload carried: the parsed `data` JSON (unvalidated) and the staged `scan`. */
export interface ScanUpload {
  data: unknown;
  scan: ScanRefV1;
}

export interface ScanOnlyUpload {
  data: unknown | undefined;
  scan: ScanRefV1;
}

const DATA_MAX_BYTES = 256 * 1024;

/**
 * Reads staff uploads sent as multipart/form-data: a `data` part holding JSON (a text field or a
 * file part of type application/json) and a `scan` file part (PDF/JPEG/PNG by content, ≤ 20 MB).
 * Everything is checked before the scan is staged; callers validate `data` with their own rules,
 * then pass the ScanRefV1 to the owning service, which checks the bytes again and keeps them.
 */
@Injectable()
export class ScanUploadService {
  private readonly staging: ScanStaging;

  constructor(@InjectNats() nats: NatsConnection) {
    this.staging = new ScanStaging(nats);
  }

  /** `data` and `scan` both required. validateData runs before the scan is staged. */
  async read<T>(
    request: FastifyRequest,
    validateData: (data: unknown) => T | Promise<T>,
  ): Promise<{ data: T; scan: ScanRefV1 }> {
    const { data, scanBytes, scanName } = await this.collect(request);
    if (data === undefined) throw ScanUploadErrors.missingPart('data');
    const checkedScan = this.checkScan(scanBytes);
    const value = await validateData(data);
    const scan = await this.staging.stage(checkedScan.bytes, checkedScan.contentType, safeFileName(scanName, 'scan'));
    return { data: value, scan };
  }

  /** Only `scan` required (e.g. a commitment letter); `data` is optional. */
  async readScan(request: FastifyRequest): Promise<ScanOnlyUpload> {
    const { data, scanBytes, scanName } = await this.collect(request);
    const checkedScan = this.checkScan(scanBytes);
    const scan = await this.staging.stage(checkedScan.bytes, checkedScan.contentType, safeFileName(scanName, 'scan'));
    return { data, scan };
  }

  /** A scan a service staged for a download (e.g. an application's commitment letter), checked again. */
  takeStaged(ref: ScanRefV1): Promise<Buffer> {
    return this.staging.take(ref, 'scan');
  }

  private checkScan(bytes: Buffer | undefined): { bytes: Buffer; contentType: ScanRefV1['contentType'] } {
    if (!bytes) throw ScanUploadErrors.missingPart('scan');
    const checked = checkScanBytes(bytes);
    if (!checked.ok) {
      throw checked.problem === 'EMPTY'
        ? ScanUploadErrors.empty()
        : checked.problem === 'TOO_LARGE'
          ? ScanUploadErrors.tooLarge()
          : ScanUploadErrors.unsupportedType();
    }
    return { bytes, contentType: checked.contentType };
  }

  private async collect(
    request: FastifyRequest,
  ): Promise<{ data: unknown | undefined; scanBytes?: Buffer; scanName?: string }> {
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) throw ScanUploadErrors.notMultipart();
    let data: unknown | undefined;
    let scanBytes: Buffer | undefined;
    let scanName: string | undefined;
    try {
      for await (const part of request.parts({ isPartAFile: isPartAFile })) {
        if (part.type === 'file') {
          const file = part as MultipartFile;
          if (file.fieldname === 'scan' && scanBytes === undefined) {
            scanBytes = await file.toBuffer();
            scanName = file.filename;
          } else if (file.fieldname === 'data' && data === undefined) {
            const raw = await file.toBuffer();
            if (raw.byteLength > DATA_MAX_BYTES) throw ScanUploadErrors.tooManyParts();
            data = parseJson(raw.toString('utf8'));
          } else {
            file.file.resume();
            throw ScanUploadErrors.unexpectedPart(file.fieldname);
          }
        } else {
          const field = part as MultipartValue<unknown>;
          if (field.fieldname !== 'data' || data !== undefined) throw ScanUploadErrors.unexpectedPart(field.fieldname);
          data = parseJson(String(field.value));
        }
      }
    } catch (err) {
      throw mapMultipartError(err);
    }
    return { data, scanBytes, scanName };
  }
}

/**
 * The `data` part goes through the same guard as every JSON body (depth, forbidden keys such as
 * `__proto__`, characters, sizes), so multipart routes refuse exactly what JSON routes refuse.
 */
function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = parseGuardedJson(text);
  } catch (err) {
    if (
      err instanceof DomainException &&
      err.problem.code === ErrorCode.VALIDATION_FAILED &&
      err.problem.errors?.[0]?.reason === 'malformed JSON'
    )
      throw ScanUploadErrors.badJson();
    if (err instanceof DomainException && err.problem.errors)
      throw new DomainException(
        err.problem.status,
        err.problem.code,
        err.problem.detail,
        prefixData(err.problem.errors),
      );
    throw err;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ScanUploadErrors.badJson();
  return value;
}

/** Field paths inside the `data` part are reported as the DTO validation reports them; the part itself as `data`. */
function prefixData(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: e.field === 'body' ? 'data' : e.field, reason: e.reason }));
}

/** @fastify/multipart errors (by code) to problems; our own DomainExceptions pass through. */
function mapMultipartError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return ScanUploadErrors.tooLarge();
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return ScanUploadErrors.tooManyParts();
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return ScanUploadErrors.notMultipart();
    case 'FST_MULTIPART_INVALID_CONTENT_TYPE':
    case 'FST_NO_FORM_DATA':
      return ScanUploadErrors.missingPart('scan');
    case 'FST_PROTO_VIOLATION':
      return ScanUploadErrors.unexpectedPart('__proto__');
    default:
      // ours pass through; anything else busboy raises while reading the parts (no boundary,
      // truncated body, malformed part headers, aborted upload) is the request's fault
      return err instanceof DomainException ? err : ScanUploadErrors.malformed(err);
  }
}

/**
 * A part is read as a file when it has a file name, is application/octet-stream or is JSON: a `data`
 * part sent as `Content-Type: application/json` without a file name is then parsed by our guard
 * from its raw text, like every other JSON body (not by @fastify/multipart's own JSON parsing).
 */
function isPartAFile(
  _field: string | undefined,
  contentType: string | undefined,
  fileName: string | undefined,
): boolean {
  return (
    fileName !== undefined ||
    contentType === 'application/octet-stream' ||
    (contentType ?? '').toLowerCase().startsWith('application/json')
  );
}
