import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridFSBucket, MongoClient, type Db } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { IdAddressedGridFs } from '../../src/storage/idAddressedGridFs.ts';

const read = async (fs: IdAddressedGridFs, id: string): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const chunk of fs.read(id)) parts.push(chunk);
  return Buffer.concat(parts);
};

describe('IdAddressedGridFs', () => {
  const dbName = uniqueDatabaseName('idgridfs');
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(testDatabaseUri(dbName));
    db = client.db(dbName);
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('should write files of several chunks, read them back, overwrite them shorter and remove them, by chunk id only', async () => {
    const fs = new IdAddressedGridFs(db, 'files1');
    const big = randomBytes(700 * 1024);
    expect(await fs.write('a/1', 'a.bin', { kind: 'test' }, Readable.from([big.subarray(0, 100_000), big.subarray(100_000)]))).toBe(big.length);
    expect((await read(fs, 'a/1')).equals(big)).toBe(true);
    expect(await db.collection('files1.chunks').countDocuments({ files_id: 'a/1' })).toBe(3);
    // The driver reads what it wrote the GridFS way too.
    const viaDriver: Buffer[] = [];
    await pipeline(new GridFSBucket(db, { bucketName: 'files1' }).openDownloadStream('a/1' as never), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) viaDriver.push(chunk);
    });
    expect(Buffer.concat(viaDriver).equals(big)).toBe(true);
    const small = randomBytes(10);
    await fs.write('a/1', 'a.bin', { kind: 'test' }, Readable.from([small]));
    expect((await read(fs, 'a/1')).equals(small)).toBe(true);
    expect(await db.collection('files1.chunks').countDocuments({ files_id: 'a/1' })).toBe(1);
    await fs.setMetadata('a/1', { records: 3 });
    expect(await fs.ids({ 'metadata.records': 3 })).toEqual(['a/1']);
    await fs.remove('a/1');
    expect(await db.collection('files1.chunks').countDocuments({ files_id: 'a/1' })).toBe(0);
    expect(await fs.ids({})).toEqual([]);
  });

  it('should replace the chunks a write that died left behind, and read and remove files the driver wrote', async () => {
    const fs = new IdAddressedGridFs(db, 'files2');
    // A write that died after three chunks, before its file document.
    for (let n = 0; n < 3; n++) await db.collection('files2.chunks').insertOne({ _id: `b/1#${n}` as never, files_id: 'b/1', n, data: randomBytes(10) });
    const content = randomBytes(300 * 1024);
    await fs.write('b/1', 'b.bin', {}, Readable.from([content]));
    expect((await read(fs, 'b/1')).equals(content)).toBe(true);
    expect(await db.collection('files2.chunks').countDocuments({ files_id: 'b/1' })).toBe(2);

    const driverContent = randomBytes(600 * 1024);
    const upload = new GridFSBucket(db, { bucketName: 'files2' }).openUploadStreamWithId('c/1' as never, 'c.bin');
    await pipeline(Readable.from([driverContent]), upload);
    expect((await read(fs, 'c/1')).equals(driverContent)).toBe(true);
    await fs.remove('c/1');
    expect(await db.collection('files2.chunks').countDocuments({ files_id: 'c/1' })).toBe(0);
  });
});
