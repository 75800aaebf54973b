import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";

// A real S3-protocol server (s3rver, pure JS) on a free port, with its objects in a temp folder. This file
// reaches no server-only module, so e2e specs may start one (the cluster project); the store on it for
// integration tests is ./s3.ts.

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The environment a studio needs to use this server (STORAGE_URL and the S3_ variables). */
  env(prefix?: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server({
  bucket = "omni-test",
  unref = false,
  port = 0,
}: {
  bucket?: string;
  /** Let the process exit with the server running (a server shared by a whole test process). */
  unref?: boolean;
  port?: number;
} = {}): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "omni-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as AddressInfo;
  if (unref) {
    server.httpServer.unref();
    process.once("exit", () => rmSync(directory, { recursive: true, force: true }));
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver's own credentials; it does not check signatures (see lib/media/sigv4.test.ts for that).
  const accessKeyId = "S3RVER";
  const secretAccessKey = "S3RVER";
  const region = "us-east-1";
  return {
    endpoint,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    env: (prefix = "media") => ({
      STORAGE_URL: `s3://${bucket}/${prefix}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: region,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    }),
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
