import "server-only";
import type { StorageConfig } from "@/lib/config/storage-env";
import { LocalMediaStore } from "./local-store";
import type { MediaStore } from "./storage";

/**
 * The store STORAGE_URL asks for (lib/config/storage-env.ts). The AWS SDK is loaded only for S3, so a
 * studio on the local folder does not pay for it at start.
 */
export async function createMediaStore(config: StorageConfig): Promise<MediaStore> {
  if (config.driver === "local") return new LocalMediaStore(config.mediaDir);
  const { S3MediaStore } = await import("./s3-store");
  return new S3MediaStore(config);
}
