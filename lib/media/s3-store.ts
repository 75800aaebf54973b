import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Settings } from "@/lib/config/storage-env";
import { isMediaKey, type MediaExtension, mediaContentType, mediaKey } from "./keys";
import { hashFile, writeHashed } from "./local-store";
import {
  type ByteRange,
  type LocalFile,
  type MediaStore,
  removeStale,
  STALE_TEMP_MS,
  type StoredFile,
  withLocalFileOf,
} from "./storage";

export interface S3StoreOptions extends S3Settings {
  /** Multipart part size for large files (at least 5 MiB, S3's minimum). */
  partSize?: number;
}

export const MIN_PART_SIZE = 5 * 1024 * 1024;

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) {
    return err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey";
  }
  return false;
}

/**
 * Content-addressed objects in an S3-compatible bucket. A key is known only once its bytes are hashed, so
 * streams are written to a local temp file first, then uploaded (multipart above `partSize`) and removed.
 * Objects are written whole by S3 itself, so a reader never sees a partial object under a final key.
 */
export class S3MediaStore implements MediaStore {
  readonly driver = "s3" as const;
  readonly client: S3Client;
  readonly bucket: string;
  readonly tmpDir: string;
  readonly cacheDir: string;
  readonly prefix: string;
  private readonly partSize: number;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.tmpDir = options.tmpDir;
    this.cacheDir = options.cacheDir;
    this.partSize = Math.max(options.partSize ?? MIN_PART_SIZE, MIN_PART_SIZE);
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Checksums on every request by default since 3.729; S3-compatible services vary in support.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  /** The object name of a media key; throws for anything that is not a media key. */
  objectKey(key: string): string {
    if (!isMediaKey(key)) throw new Error("invalid media key");
    return `${this.prefix}${key}`;
  }

  async init() {
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.cacheDir, { recursive: true });
    await this.clearStaleTemp();
  }

  clearStaleTemp(now = Date.now()): Promise<number> {
    return removeStale(this.tmpDir, STALE_TEMP_MS, { now });
  }

  async putBuffer(data: Uint8Array, ext: MediaExtension): Promise<StoredFile> {
    const sha256 = createHash("sha256").update(data).digest("hex");
    const key = mediaKey(sha256, ext);
    // Put even when the key is stored already (the same bytes): the write renews its Last-Modified, which
    // the purge's grace counts from (lib/generations/deletion.ts), so a clip about to name this file
    // cannot lose it to the purge of another clip that had it. A copy onto itself would save the
    // transfer on S3, but s3rver keeps the old time, and this is the path the tests can check.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: data,
        ContentType: mediaContentType(key),
      }),
    );
    return { key, sha256, bytes: data.byteLength };
  }

  async putStream(source: ReadableStream<Uint8Array> | Readable, ext: MediaExtension): Promise<StoredFile> {
    const tmp = await this.tempPath();
    const { sha256, bytes } = await writeHashed(source, tmp);
    return this.upload(tmp, sha256, bytes, ext);
  }

  async putFile(file: string, ext: MediaExtension): Promise<StoredFile> {
    try {
      const { sha256, bytes } = await hashFile(file);
      return await this.upload(file, sha256, bytes, ext);
    } finally {
      await rm(file, { force: true });
    }
  }

  /**
   * Uploads the hashed local `file` under its key, even when stored already (see putBuffer), then removes
   * the file.
   */
  private async upload(
    file: string,
    sha256: string,
    bytes: number,
    ext: MediaExtension,
  ): Promise<StoredFile> {
    try {
      const key = mediaKey(sha256, ext);
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Body: createReadStream(file),
          ContentType: mediaContentType(key),
          ContentLength: bytes,
        },
        partSize: this.partSize,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
      return { key, sha256, bytes };
    } finally {
      await rm(file, { force: true });
    }
  }

  async stat(key: string): Promise<{ size: number; mtime: Date } | null> {
    if (!isMediaKey(key)) return null;
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return { size: head.ContentLength ?? 0, mtime: head.LastModified ?? new Date(0) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const got = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    if (!got.Body) throw new Error(`S3 returned no body for ${key}`);
    return got.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /** ListObjectsV2 under the prefix, page by page; objects whose rest of the name is no media key are skipped. */
  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix || undefined,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        if (key && isMediaKey(key)) yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async tempPath(suffix = ""): Promise<string> {
    await mkdir(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${randomUUID()}${suffix}`);
  }

  /** Downloads the object to a temp file (with the key's extension, for tools that look at it). */
  async localFile(key: string): Promise<LocalFile> {
    const file = await this.tempPath(`-${key}`);
    try {
      await pipeline(await this.read(key), createWriteStream(file, { flags: "wx" }));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    return { path: file, release: () => rm(file, { force: true }) };
  }

  withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T> {
    return withLocalFileOf(this, key, fn);
  }

  presignGet(key: string, options: { expiresInSec: number; contentType?: string }): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        ResponseContentType: options.contentType ?? mediaContentType(key),
      }),
      { expiresIn: options.expiresInSec },
    );
  }

  async checkWritable(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}
