import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { percentile } from "../../scripts/bench/types";
import { runUploads } from "../../test/support/load-uploads";
import { startStudioProcess } from "../../test/support/studio-process";
import { signUpOwner } from "../support/accounts";
import { LOAD_PORT } from "../support/servers";

// 50 concurrent uploads of distinct ~5 MB images, then 50 concurrent uploads of one image, against a real
// studio process: every upload succeeds with the right asset; distinct images are stored once each, the
// identical ones become one asset and one file; every stored file hashes to its content-address key.

test("50 concurrent uploads of distinct 5 MB images and 50 of the same image: right assets, stored once, none corrupted", async () => {
  test.setTimeout(4 * 60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-load-uploads-"));
  const studio = await startStudioProcess({ port: LOAD_PORT, dataDir, env: { VIDEO_PROVIDER: "preview" } });
  try {
    const owner = await signUpOwner(studio.url);
    const rssBefore = studio.rssBytes();
    const r = await runUploads({
      base: studio.url,
      auth: owner.headers,
      dataDir,
      distinct: 50,
      same: 50,
      bytesEach: 5 * 1024 * 1024,
      log: (m) => console.log(`  ${m}`),
    });
    const ms = [...r.distinct, ...r.same].map((u) => u.ms);
    const summary =
      `50 distinct in ${r.seconds.distinct.toFixed(1)} s, 50 identical in ${r.seconds.same.toFixed(1)} s; ` +
      `per upload p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms; ` +
      `RSS ${(rssBefore / 2 ** 20).toFixed(0)} -> ${(studio.rssBytes() / 2 ** 20).toFixed(0)} MB`;
    console.log(`  ${summary}`);
    test.info().annotations.push({ type: "load", description: summary });

    // All succeeded, each with the asset of the bytes it sent.
    const failed = [...r.distinct, ...r.same].filter((u) => u.status !== 201);
    expect(failed.map((u) => `${u.status} ${JSON.stringify(u.error)}`)).toEqual([]);
    for (const u of [...r.distinct, ...r.same]) {
      expect(u.asset?.sha256).toBe(u.sent);
      expect(u.asset?.mime).toBe("image/png");
      expect(u.asset?.url).toBe(`/api/media/${u.sent}.png`);
    }
    expect(new Set(r.distinct.map((u) => u.asset?.id)).size).toBe(50);
    expect(new Set(r.distinct.map((u) => u.sent)).size).toBe(50);
    // The identical uploads: one asset.
    expect(new Set(r.same.map((u) => u.asset?.id)).size).toBe(1);
    expect(r.distinct.map((u) => u.asset?.id)).not.toContain(r.same[0]?.asset?.id);

    // On disk: each original stored once (one file per hash), a thumbnail per asset, nothing corrupted,
    // nothing left in the scratch folder.
    expect(r.media.corrupted).toEqual([]);
    expect(r.media.leftovers).toEqual([]);
    const originals = new Set([...r.distinct, ...r.same].map((u) => u.sent));
    expect(originals.size).toBe(51);
    for (const sha of originals) expect(r.media.files.get(sha)).toEqual([`${sha}.png`]);
    const thumbs = new Set([...r.distinct, ...r.same].map((u) => u.asset?.thumbUrl.split("/").pop()));
    expect(thumbs.size).toBe(51);
    for (const key of thumbs) expect(r.media.files.get(String(key).split(".")[0] as string)).toEqual([key]);
    expect([...r.media.files.values()].flat()).toHaveLength(originals.size + thumbs.size);

    // And served back byte for byte.
    for (const u of [r.distinct[0], r.distinct[49], r.same[0]]) {
      const res = await fetch(`${studio.url}${u?.asset?.url}`, { headers: owner.headers });
      expect(res.status).toBe(200);
      expect(
        createHash("sha256")
          .update(Buffer.from(await res.arrayBuffer()))
          .digest("hex"),
      ).toBe(u?.sent);
    }
  } finally {
    await studio.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
