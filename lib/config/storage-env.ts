import "server-only";
import path from "node:path";
import { z } from "zod";

// Where media is stored (STORAGE_URL and the S3_ variables) and how it reaches browsers (MEDIA_DELIVERY).
// Parsed beside lib/config/env.ts, whose parseConfig reports these problems with its own. Never echoes
// the secret key.

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const storageEnvSchema = z
  .object({
    STORAGE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine((v) => v === "file:" || v === "file://" || /^s3:\/\/[^/]+(\/.*)?$/.test(v), {
          error:
            "must be s3://bucket or s3://bucket/prefix, or file: (the media folder under DATA_DIR, the default)",
        })
        .refine((v) => !v.startsWith("s3://") || BUCKET.test(v.slice(5).split("/")[0] ?? ""), {
          error: "names a bucket S3 would refuse: 3 to 63 lower-case letters, digits, dots and hyphens",
        })
        .optional(),
    ),
    S3_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z
        .url({
          protocol: /^https?$/,
          error: "must be an http(s) URL of the S3-compatible service, e.g. http://127.0.0.1:9000",
        })
        .transform((u) => u.replace(/\/+$/, ""))
        .optional(),
    ),
    S3_REGION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^[a-z0-9-]+$/, "must be a region name like us-east-1")
        .default("us-east-1"),
    ),
    S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().trim().optional()),
    S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    S3_FORCE_PATH_STYLE: z.preprocess(
      emptyToUndefined,
      z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
    ),
    MEDIA_DELIVERY: z.preprocess(
      emptyToUndefined,
      z.enum(["proxy", "redirect"], { error: 'must be "proxy" or "redirect"' }).default("proxy"),
    ),
  })
  .superRefine((env, ctx) => {
    const s3 = env.STORAGE_URL?.startsWith("s3://") ?? false;
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "is not set: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS SDK's own credential chain)",
      });
    }
    if (!s3) {
      for (const name of [
        "S3_ENDPOINT",
        "S3_ACCESS_KEY_ID",
        "S3_SECRET_ACCESS_KEY",
        "S3_FORCE_PATH_STYLE",
      ] as const) {
        if (env[name] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is set but STORAGE_URL is not s3://…: set STORAGE_URL=s3://bucket/prefix, or remove it",
          });
        }
      }
      if (env.MEDIA_DELIVERY === "redirect") {
        ctx.addIssue({
          code: "custom",
          path: ["MEDIA_DELIVERY"],
          message:
            'is "redirect" but STORAGE_URL is not s3://…: the local media folder is always served through the studio',
        });
      }
    }
  });

/** Where an S3 store keeps media, and how it reaches the service (lib/media/s3-store.ts). */
export interface S3Settings {
  bucket: string;
  /** Object names start with this ("" or ending in "/"). */
  prefix: string;
  /** e.g. http://127.0.0.1:9000 for a self-hosted service; unset for AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (most self-hosted services). */
  forcePathStyle: boolean;
  /** Scratch files (downloads for ffmpeg, uploads being hashed) on this machine. */
  tmpDir: string;
  /** Image variants, rebuilt from the bucket when missing. */
  cacheDir: string;
}

export type StorageConfig = { driver: "local"; mediaDir: string } | ({ driver: "s3" } & S3Settings);

export function storageConfig(env: z.infer<typeof storageEnvSchema>, dataDir: string): StorageConfig {
  if (!env.STORAGE_URL?.startsWith("s3://"))
    return { driver: "local", mediaDir: path.join(dataDir, "media") };
  const [bucket = "", ...rest] = env.STORAGE_URL.slice(5).split("/");
  const prefix = rest.filter(Boolean).join("/");
  return {
    driver: "s3",
    bucket,
    prefix: prefix ? `${prefix}/` : "",
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    // Self-hosted services mostly answer only path-style requests; AWS itself prefers virtual hosts.
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === "true" : Boolean(env.S3_ENDPOINT),
    tmpDir: path.join(dataDir, "tmp"),
    cacheDir: path.join(dataDir, "cache", "variants"),
  };
}
