import { randomBytes } from 'node:crypto';
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
});
