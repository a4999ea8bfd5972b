import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@shequ/core';
import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from './xlsx';

export const MAX_UPLOAD = 512 * 1024 * 1024;

/**
 * Lets the routes of this (encapsulated) plugin take a raw file as the request body — no
 * multipart — streamed to a temporary file so a large upload never sits in memory. The route's
 * body is then the file's path (see `uploadedFile`).
 */
export function acceptFileUploads(app: FastifyInstance, extraTypes: readonly string[] = []) {
  const types = ['application/octet-stream', 'text/csv', XLSX_TYPE, ...extraTypes];
  app.addContentTypeParser(types, { bodyLimit: MAX_UPLOAD }, (_request, payload, done) => {
    void (async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'shequ-upload-'));
      const file = path.join(dir, 'upload');
      try {
        await pipeline(payload, createWriteStream(file));
        done(null, file);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        done(error as Error);
      }
    })();
  });
}

/** The uploaded file's path, or a 400 naming what to send. */
export function uploadedFile(body: unknown, what: string): string {
  if (typeof body !== 'string')
    throw new DomainError('VALIDATION', `请以${what}文件作为请求内容上传`);
  return body;
}

/** Removes an upload that no job took over. */
export async function discardUpload(filePath: string): Promise<void> {
  await rm(path.dirname(filePath), { recursive: true, force: true });
}
