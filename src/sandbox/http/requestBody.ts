import type { IncomingMessage } from 'node:http';
import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';

/** Reads a whole request body, refusing bodies over `limitBytes`. */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      throw new SalesforceApiError(SalesforceErrorCode.API_ERROR, `Request body exceeds the limit of ${limitBytes} bytes`, { status: 413 });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON body; malformed JSON answers `JSON_PARSER_ERROR` like Salesforce. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const text = (await readRequestBody(req, limitBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SalesforceApiError(SalesforceErrorCode.JSON_PARSER_ERROR, `Unexpected character in JSON body: ${(error as Error).message}`);
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export async function readFormBody(req: IncomingMessage, limitBytes: number): Promise<URLSearchParams> {
  return new URLSearchParams((await readRequestBody(req, limitBytes)).toString('utf8'));
}
