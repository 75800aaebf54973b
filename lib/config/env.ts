import "server-only";
import path from "node:path";
import { z } from "zod";
import { storageConfig, storageEnvSchema } from "./storage-env";

export const DEFAULT_FAL_MODEL_ID = "google/gemini-omni-flash/reference-to-video";
export const DEFAULT_FAL_WEBHOOK_JWKS_URL = "https://rest.alpha.fal.ai/.well-known/jwks.json";
export const DEFAULT_ATLASCLOUD_BASE_URL = "https://api.atlascloud.ai/api/v1";
export const DEFAULT_ATLASCLOUD_MODEL_ID = "google/gemini-omni-flash/reference-to-video";
export const DEFAULT_HOSTNAME = "127.0.0.1";
export const DEFAULT_MAIL_FROM = "Omni Studio <studio@localhost>";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const httpUrl = (what: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  );
// SMTP_URL carries a password: its messages describe the expected form and never quote the value.
const smtpUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine(
      (v) => {
        if (!URL.canParse(v)) return false;
        const u = new URL(v);
        return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "";
      },
      {
        error:
          "must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.com:587 (percent-encode @ : / in the user and password)",
      },
    )
    .optional(),
);

// A mailbox is local@domain without spaces or brackets; `localhost` counts as a domain, so the
// default works on a developer's machine (zod's email() wants a dotted domain).
const MAILBOX = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+$/;
const NAMED_MAILBOX = /^(.*?)\s*<([^<>]*)>$/;

/** "Name <a@b>" or "a@b" into its parts, or undefined when it is neither. Quotes around the name are dropped. */
export function parseMailbox(value: string): { name: string; address: string } | undefined {
  const named = NAMED_MAILBOX.exec(value);
  const name = (named?.[1] ?? "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();
  const address = (named ? named[2] : value)?.trim() ?? "";
  // A control character in the name would end the From header early (header injection).
  if (/[\p{Cc}<>]/u.test(name) || !MAILBOX.test(address)) return undefined;
  return { name, address };
}

const mailFrom = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .default(DEFAULT_MAIL_FROM)
    .transform((v, ctx) => {
      const mailbox = parseMailbox(v);
      if (mailbox) return mailbox;
      ctx.addIssue({
        code: "custom",
        message: 'must be an address or "Name <address>", e.g. Omni Studio <studio@example.com>',
      });
      return z.NEVER;
    }),
);

const price = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a price in US dollars, e.g. 0.13" })
      .min(0, "must be a price in US dollars, e.g. 0.13")
      .max(100, "must be a price in US dollars per second (at most 100)")
      .default(fallback),
  );

const envSchema = z
  .object({
    FAL_KEY: optionalString,
    FAL_MODEL_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/,
          `must look like owner/app/path, e.g. ${DEFAULT_FAL_MODEL_ID}`,
        )
        .default(DEFAULT_FAL_MODEL_ID),
    ),
    FAL_BASE_URL: httpUrl("origin that replaces fal's hosts, e.g. http://127.0.0.1:4010"),
    FAL_WEBHOOK_JWKS_URL: httpUrl("where fal's webhook public keys are published").default(
      DEFAULT_FAL_WEBHOOK_JWKS_URL,
    ),
    PUBLIC_BASE_URL: httpUrl("the address fal can reach this studio at, e.g. https://studio.example.com"),
    VIDEO_PROVIDER: z.preprocess(
      emptyToUndefined,
      z.enum(["fal", "atlas", "preview"], { error: 'must be "fal", "atlas" or "preview"' }).optional(),
    ),
    FAL_USD_PER_SECOND: price(0.13),
    IDENTITY_SCORING: z.preprocess(
      emptyToUndefined,
      z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
    ),
    ATLASCLOUD_API_KEY: optionalString,
    ATLASCLOUD_BASE_URL: httpUrl(
      "AtlasCloud's API origin and path, e.g. https://api.atlascloud.ai/api/v1",
    ).default(DEFAULT_ATLASCLOUD_BASE_URL),
    ATLASCLOUD_MODEL_ID: z.preprocess(
      emptyToUndefined,
      z.string().min(3).default(DEFAULT_ATLASCLOUD_MODEL_ID),
    ),
    ATLASCLOUD_USD_PER_SECOND: price(0.135),
    ATLASCLOUD_MIN_BILLED_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a whole number of seconds from 0 to 10" })
        .int("must be a whole number of seconds from 0 to 10")
        .min(0, "must be a whole number of seconds from 0 to 10")
        .max(10, "must be a whole number of seconds from 0 to 10")
        .default(3),
    ),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^postgres(ql)?:\/\//,
          "must be a postgresql:// URL (leave it unset for the embedded database)",
        )
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    // Retired: accounts replace the shared token. Still read, so the server can say so at start.
    STUDIO_ACCESS_TOKEN: optionalString,
    AUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(32, "must be at least 32 characters (a long random string, e.g. `openssl rand -base64 32`)")
        .optional(),
    ),
    TRUSTED_PROXIES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^\s*[0-9a-fA-F.:]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F.:]+(\/\d{1,3})?)*\s*$/,
          "must be a comma-separated list of IP addresses or CIDR ranges, e.g. 127.0.0.1/32,10.0.0.0/8",
        )
        .optional(),
    ),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: "must be a whole number from 1 to 65535" })
        .int("must be a whole number from 1 to 65535")
        .min(1, "must be a whole number from 1 to 65535")
        .max(65535, "must be a whole number from 1 to 65535")
        .default(3000),
    ),
    SMTP_URL: smtpUrl,
    MAIL_FROM: mailFrom,
    // Where the server listens: this machine only unless asked, so an open studio (no access token) is
    // not reachable from the network by default.
    HOSTNAME: z.preprocess(
      emptyToUndefined,
      z
        .union([z.ipv4(), z.ipv6(), z.hostname()], {
          error:
            "must be an address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or a host name",
        })
        .default(DEFAULT_HOSTNAME),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.VIDEO_PROVIDER === "fal" && !env.FAL_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["VIDEO_PROVIDER"],
        message: 'is "fal" but FAL_KEY is not set: set FAL_KEY, or use VIDEO_PROVIDER=preview',
      });
    }
    if (env.VIDEO_PROVIDER === "atlas" && !env.ATLASCLOUD_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["VIDEO_PROVIDER"],
        message: 'is "atlas" but ATLASCLOUD_API_KEY is not set: set it, or use VIDEO_PROVIDER=preview',
      });
    }
  });

export type AppConfig = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; every problem is named with its variable. Never echoes secret values. */
export function parseConfig(source: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(source);
  const storageParsed = storageEnvSchema.safeParse(source);
  if (!parsed.success || !storageParsed.success) {
    throw new ConfigError(
      [...(parsed.error?.issues ?? []), ...(storageParsed.error?.issues ?? [])].map(
        (issue) => `${issue.path.join(".") || "environment"} ${issue.message}`,
      ),
    );
  }
  const env = parsed.data;
  const provider = env.VIDEO_PROVIDER ?? (env.FAL_KEY ? "fal" : env.ATLASCLOUD_API_KEY ? "atlas" : "preview");
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    provider,
    fal: {
      key: env.FAL_KEY,
      modelId: env.FAL_MODEL_ID,
      baseUrl: env.FAL_BASE_URL,
      webhookJwksUrl: env.FAL_WEBHOOK_JWKS_URL,
      pricing: { usdPerSecond: env.FAL_USD_PER_SECOND, minBilledSeconds: 0 },
    },
    atlas: {
      key: env.ATLASCLOUD_API_KEY,
      baseUrl: env.ATLASCLOUD_BASE_URL,
      modelId: env.ATLASCLOUD_MODEL_ID,
      pricing: {
        usdPerSecond: env.ATLASCLOUD_USD_PER_SECOND,
        minBilledSeconds: env.ATLASCLOUD_MIN_BILLED_SECONDS,
      },
    },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    /** Set only to warn that it is retired (lib/server/boot.ts). */
    retiredAccessToken: Boolean(env.STUDIO_ACCESS_TOKEN),
    /** Signs the session cookies; when unset, a secret kept in the database is used. */
    authSecret: env.AUTH_SECRET,
    /** Reverse proxies whose X-Forwarded-For is believed (sign-in throttling counts per client address). */
    trustedProxies: env.TRUSTED_PROXIES?.split(",").map((p) => p.trim()) ?? [],
    databaseUrl: env.DATABASE_URL,
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    /** The local media folder (default) or an S3-compatible bucket (lib/media/create-store.ts). */
    storage: storageConfig(storageParsed.data, dataDir),
    /** How media reaches browsers on S3: streamed through the studio, or a redirect to a presigned URL. */
    mediaDelivery: storageParsed.data.MEDIA_DELIVERY,
    pgliteDir: path.join(dataDir, "pglite"),
    port: env.PORT,
    hostname: env.HOSTNAME,
    /** Whether completed clips get a face identity score in the background (lib/identity). */
    identityScoring: env.IDENTITY_SCORING === "on",
    // Mail is off without SMTP_URL: invitations are then links the inviter copies.
    mail: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
  } as const;
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): AppConfig {
  cached ??= parseConfig();
  return cached;
}

/** For tests that start several configurations in one process. */
export function setConfigForTests(config: AppConfig | undefined) {
  cached = config;
}
