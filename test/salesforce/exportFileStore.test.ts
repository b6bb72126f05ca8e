import { createHash, randomBytes } from 'node:crypto';
import { Binary } from 'mongodb';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { ExportFileStore } from '../../src/storage/index.ts';

const CHUNK = 255 * 1024;

describe('ExportFileStore', () => {
  let database: TestDatabase;
  let store: ExportFileStore;

  beforeEach(async () => {
    database = await withTestDatabase('exportfiles');
    store = new ExportFileStore(database.db);
  });
  afterEach(async () => {
    await database.drop();
  });

  const readAll = async (readable: Readable) => {
    const parts: Buffer[] = [];
    for await (const part of readable) parts.push(part as Buffer);
    return Buffer.concat(parts);
  };

  it('should store a file of several chunks and read any byte range of it', async () => {
    const content = randomBytes(3 * CHUNK + 1234);
    const upload = await store.open('t', 'f1', 'f1.csv');
    // Written in odd pieces, the way a CSV stream arrives.
    await pipeline(Readable.from(Array.from({ length: Math.ceil(content.length / 7777) }, (_, i) => content.subarray(i * 7777, (i + 1) * 7777))), upload.stream);
    expect(upload.bytes()).toBe(content.length);
    expect(await store.size('t', 'f1')).toBe(content.length);
    expect((await readAll(store.read('t', 'f1', 0, content.length - 1))).equals(content)).toBe(true);
    for (const [start, end] of [[0, 0], [CHUNK - 1, CHUNK], [CHUNK, 2 * CHUNK - 1], [100, 3 * CHUNK + 5], [3 * CHUNK, content.length - 1], [content.length - 1, content.length - 1]] as const) {
      expect((await readAll(store.read('t', 'f1', start, end))).equals(content.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    // Another tenant finds no such file, and cannot remove it.
    expect(await store.size('u', 'f1')).toBeNull();
    await expect(readAll(store.read('u', 'f1', 0, 10))).rejects.toThrow(/not found/);
    await store.remove('u', 'f1');
    expect(await store.size('t', 'f1')).toBe(content.length);
    await store.remove('t', 'f1');
    expect(await store.size('t', 'f1')).toBeNull();
    expect(await database.db.collection('exportFiles.chunks').countDocuments()).toBe(0);
  });

  it('should store text written as strings byte for byte, across many chunks', async () => {
    // Strings of odd lengths with multi-byte characters, one longer than a chunk: the way the export writes CSV.
    const pieces = Array.from({ length: 400 }, (_, i) => `${i},"Zoë ${'日本'.repeat(i % 50)} 🎉",${'x'.repeat((i * 977) % 9000)}\r\n`);
    pieces.splice(200, 0, `big,${'é'.repeat(CHUNK)}\r\n`);
    const content = Buffer.from(pieces.join(''), 'utf8');
    // More chunks than the writes in flight (three) plus the one filling.
    expect(content.length).toBeGreaterThan(8 * CHUNK);
    const upload = await store.open('t', 's1', 's1.csv');
    await pipeline(Readable.from(pieces, { objectMode: true }), upload.stream);
    expect(upload.bytes()).toBe(content.length);
    expect(upload.sha256()).toBe(createHash('sha256').update(content).digest('hex'));
    expect((await readAll(store.read('t', 's1', 0, content.length - 1))).equals(content)).toBe(true);
  });

  it('should replace a file left half written and hide it until it is complete', async () => {
    const half = await store.open('t', 'f2', 'f2.csv');
    half.stream.write(randomBytes(CHUNK + 10));
    await eventually('the first chunk of the half-written file to be stored', async () => (await database.db.collection('exportFiles.chunks').countDocuments()) > 0);
    expect(await store.size('t', 'f2')).toBeNull();
    const again = await store.open('t', 'f2', 'f2.csv');
    await pipeline(Readable.from([Buffer.from('a,b\r\n1,2\r\n')]), again.stream);
    expect(await store.size('t', 'f2')).toBe(10);
    expect((await readAll(store.read('t', 'f2', 0, 9))).toString()).toBe('a,b\r\n1,2\r\n');
    expect(await database.db.collection('exportFiles.chunks').countDocuments()).toBe(1);
  });

  it('should store each chunk gzipped with the sha256 of the whole file, and read files written before chunks were compressed', async () => {
    // CSV-like text: compressible, with multi-byte characters across chunk boundaries.
    const content = Buffer.from(Array.from({ length: 9000 }, (_, i) => `003${String(i).padStart(12, '0')},"Müller, 日本",${i % 2 === 0},2026-01-01T00:00:00.000Z\r\n`).join(''));
    expect(content.length).toBeGreaterThan(2 * CHUNK);
    const upload = await store.open('t', 'z1', 'z1.csv');
    await pipeline(Readable.from([content.subarray(0, 1000), content.subarray(1000)]), upload.stream);
    expect(upload.sha256()).toBe(createHash('sha256').update(content).digest('hex'));
    const chunks = await database.db.collection('exportFiles.chunks').find({ _id: { $in: ['z1:0', 'z1:1', 'z1:2'] } as never }).toArray();
    expect(chunks).toHaveLength(3);
    const storedBytes = chunks.reduce((sum, c) => sum + (c.data as { length(): number }).length(), 0);
    expect(storedBytes).toBeLessThan(content.length / 3);
    expect((await readAll(store.read('t', 'z1', CHUNK - 3, 2 * CHUNK + 5))).equals(content.subarray(CHUNK - 3, 2 * CHUNK + 6))).toBe(true);

    // A file written before: chunks as they are, no chunkEncoding on its file document.
    const legacy = randomBytes(CHUNK + 100);
    await database.db.collection('exportFiles.chunks').insertMany([
      { _id: 'old:0', data: new Binary(legacy.subarray(0, CHUNK)) },
      { _id: 'old:1', data: new Binary(legacy.subarray(CHUNK)) },
    ] as never);
    await database.db.collection('exportFiles.files').insertOne({ _id: 'old', tenantId: 't', length: legacy.length, chunkSize: CHUNK, filename: 'old.csv', uploadDate: new Date(), contentType: 'text/csv; charset=utf-8' } as never);
    expect((await readAll(store.read('t', 'old', 10, legacy.length - 1))).equals(legacy.subarray(10))).toBe(true);
  });
});
