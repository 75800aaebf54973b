import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("storage configuration", () => {
  it("defaults to the media folder under DATA_DIR, proxied", () => {
    for (const env of [{}, { STORAGE_URL: "file:" }, { STORAGE_URL: "" }]) {
      const c = parseConfig({ DATA_DIR: "/srv/omni", ...env });
      expect(c.storage).toEqual({ driver: "local", mediaDir: path.join("/srv/omni", "media") });
      expect(c.mediaDelivery).toBe("proxy");
    }
  });

  it("reads an S3 bucket, prefix, endpoint, region, keys and path style", () => {
    const c = parseConfig({
      DATA_DIR: "/srv/omni",
      STORAGE_URL: "s3://studio-media/team/a/",
      S3_ENDPOINT: "http://127.0.0.1:9000/",
      S3_REGION: "eu-west-3",
      S3_ACCESS_KEY_ID: "AKID",
      S3_SECRET_ACCESS_KEY: "secret",
      MEDIA_DELIVERY: "redirect",
    });
    expect(c.storage).toEqual({
      driver: "s3",
      bucket: "studio-media",
      prefix: "team/a/",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-3",
      accessKeyId: "AKID",
      secretAccessKey: "secret",
      forcePathStyle: true,
      tmpDir: "/srv/omni/tmp",
      cacheDir: "/srv/omni/cache/variants",
    });
    expect(c.mediaDelivery).toBe("redirect");
    const aws = parseConfig({ STORAGE_URL: "s3://studio-media" }).storage;
    expect(aws).toMatchObject({ driver: "s3", prefix: "", region: "us-east-1", forcePathStyle: false });
    expect(parseConfig({ STORAGE_URL: "s3://b1b", S3_FORCE_PATH_STYLE: "true" }).storage).toMatchObject({
      forcePathStyle: true,
    });
  });

  it("names every bad variable, never quoting the secret", () => {
    const found = problems({
      STORAGE_URL: "gs://bucket",
      S3_ENDPOINT: "ftp://x",
      S3_SECRET_ACCESS_KEY: "very-secret-value",
      MEDIA_DELIVERY: "cdn",
    });
    expect(found.join("\n")).not.toContain("very-secret-value");
    expect(found.some((p) => p.startsWith("STORAGE_URL must be s3://bucket"))).toBe(true);
    expect(found.some((p) => p.startsWith("S3_ENDPOINT must be an http(s) URL"))).toBe(true);
    expect(found.some((p) => p.startsWith('MEDIA_DELIVERY must be "proxy" or "redirect"'))).toBe(true);
    // Checked once every variable has the right form.
    const half = problems({ STORAGE_URL: "s3://ok-bucket", S3_SECRET_ACCESS_KEY: "very-secret-value" });
    expect(half).toHaveLength(1);
    expect(half[0]).toMatch(/^S3_ACCESS_KEY_ID is not set: set both/);
    expect(half[0]).not.toContain("very-secret-value");
    expect(problems({ STORAGE_URL: "s3://Bad_Bucket" })).toEqual([
      "STORAGE_URL names a bucket S3 would refuse: 3 to 63 lower-case letters, digits, dots and hyphens",
    ]);
    expect(problems({ STORAGE_URL: "s3://ok-bucket", S3_FORCE_PATH_STYLE: "yes" })).toEqual([
      'S3_FORCE_PATH_STYLE must be "true" or "false"',
    ]);
  });

  it("refuses S3 settings and redirects without an S3 STORAGE_URL", () => {
    expect(problems({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toEqual([
      "S3_ENDPOINT is set but STORAGE_URL is not s3://…: set STORAGE_URL=s3://bucket/prefix, or remove it",
    ]);
    expect(problems({ MEDIA_DELIVERY: "redirect" })[0]).toMatch(
      /^MEDIA_DELIVERY is "redirect" but STORAGE_URL/,
    );
  });
});
