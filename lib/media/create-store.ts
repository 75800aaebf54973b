import "server-only";
import type { StorageConfig } from "@/lib/config/storage-env";
import { LocalMediaStore } from "./local-store";
import { S3MediaStore } from "./s3-store";
import type { MediaStore } from "./storage";

/** The store STORAGE_URL asks for (lib/config/storage-env.ts). */
export function createMediaStore(config: StorageConfig): MediaStore {
  if (config.driver === "local") return new LocalMediaStore(config.mediaDir);
  return new S3MediaStore(config);
}
