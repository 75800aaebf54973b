import path from "node:path";
import { S3MediaStore, type S3StoreOptions } from "@/lib/media/s3-store";
import { startS3Server, type TestS3Server } from "./s3-server";

/** A real S3-protocol server (./s3-server.ts) and a store on it. */
export interface TestS3 extends TestS3Server {
  /** A store on this server; `dir` holds its local temp and cache folders. */
  store(dir: string, options?: Partial<S3StoreOptions>): S3MediaStore;
}

export async function startS3(options: { bucket?: string; unref?: boolean } = {}): Promise<TestS3> {
  const server = await startS3Server(options);
  return {
    ...server,
    store: (dir, more = {}) =>
      new S3MediaStore({
        bucket: server.bucket,
        prefix: "media/",
        endpoint: server.endpoint,
        region: server.region,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        forcePathStyle: true,
        tmpDir: path.join(dir, "tmp"),
        cacheDir: path.join(dir, "cache"),
        ...more,
      }),
  };
}
