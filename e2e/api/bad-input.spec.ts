import { readdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import sharp from "sharp";
import { allGenerations } from "../../test/support/studio-http";
import { OWNER, type SignedIn, signIn } from "../support/accounts";
import { gaussianNoisePng, referenceImage } from "../support/images";
import { PREVIEW_PORT } from "../support/servers";

// Bad input over real HTTP against the production server (preview engine): each gets a clear, specific
// error and changes nothing (no generation, no stored file).

/** The preview server's media folder, where playwright.config.ts put its data. */
function mediaDir(): string {
  const root = process.env.OMNI_E2E_DATA_ROOT;
  if (!root) throw new Error("OMNI_E2E_DATA_ROOT is not set: run this spec through playwright.config.ts");
  return path.join(root, "preview", "media");
}

/**
 * The names of the files the preview server has stored. It throws when the folder is not there: a wrong
 * path must fail "stores nothing", not pass it.
 */
function storedFiles(): string[] {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else names.push(e.name);
    }
  };
  walk(mediaDir());
  return names;
}

/** The owner, signed in as a script signs in (the API below runs with the project's browser state). */
let owner: SignedIn | undefined;

/** Every generation the preview server lists, page after page, so the count stays exact past one page. */
async function generationCount(): Promise<number> {
  const base = `http://127.0.0.1:${PREVIEW_PORT}`;
  owner ??= await signIn(base, OWNER.email, OWNER.password);
  return (await allGenerations(base, owner.headers)).length;
}

async function upload(request: APIRequestContext, name: string, buffer: Buffer, mimeType = "image/png") {
  return request.post("/api/uploads", { multipart: { file: { name, mimeType, buffer } } });
}

async function expectRefused(
  res: Awaited<ReturnType<APIRequestContext["post"]>>,
  status: number,
  code: string,
  text?: RegExp,
) {
  expect(res.status(), await res.text()).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (text) expect(body.error.message).toMatch(text);
}

test.describe("uploads", () => {
  test("refuse every wrong or broken file by its content, naming it, and store nothing", async ({
    request,
  }) => {
    const before = storedFiles().length;
    const png = await referenceImage("character", { seed: 90, width: 900, height: 900 });
    const cases: [string, Buffer, number, string, RegExp][] = [
      [
        "anim.gif",
        await sharp(png).gif().toBuffer(),
        415,
        "unsupported_type",
        /anim\.gif is a GIF image.*PNG, JPEG or WebP/,
      ],
      [
        "logo.svg",
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        ),
        415,
        "unsupported_type",
        /logo\.svg is an SVG image/,
      ],
      [
        "scan.pdf",
        Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        415,
        "unsupported_type",
        /scan\.pdf/,
      ],
      [
        "notes.png",
        Buffer.from("just some text, not an image"),
        415,
        "unsupported_type",
        /notes\.png is not an image/,
      ],
      [
        "cut.png",
        png.subarray(0, Math.floor(png.length / 2)),
        422,
        "undecodable_image",
        /cut\.png .*truncated or corrupt/,
      ],
      ["empty.png", Buffer.alloc(0), 400, "empty_file", /empty\.png is empty/],
    ];
    for (const [name, bytes, status, code, text] of cases) {
      await expectRefused(await upload(request, name, bytes), status, code, text);
    }
    expect(storedFiles()).toHaveLength(before);
  });

  test("refuse a file over 20 MB and a decompression bomb", async ({ request }) => {
    const before = storedFiles().length;
    const big = Buffer.concat([await referenceImage("place", { seed: 91 }), Buffer.alloc(21 * 1024 * 1024)]);
    await expectRefused(await upload(request, "huge.png", big), 413, "body_too_large", /20 MB/);
    const bomb = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: "#000" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    await expectRefused(await upload(request, "bomb.png", bomb), 422, "image_too_large", /megapixels/);
    expect(storedFiles()).toHaveLength(before);
  });

  test("accept a real image between 10 and 20 MB whole", async ({ request }) => {
    const noisy = await gaussianNoisePng(2000, 2000, { sigma: 60, compressionLevel: 1 });
    expect(noisy.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(noisy.length).toBeLessThan(20 * 1024 * 1024);
    const res = await upload(request, "noisy.png", noisy);
    expect(res.status(), await res.text()).toBe(201);
    const { asset } = await res.json();
    expect(asset).toMatchObject({ width: 2000, height: 2000, bytes: noisy.length });
    // What the refusals above count is where this upload landed (so "stores nothing" is counted there).
    expect(storedFiles()).toContain(asset.url.split("/").pop());
  });

  test("refuse a body with no file, two files, or no multipart at all", async ({ request }) => {
    const png = await referenceImage("look", { seed: 92 });
    await expectRefused(
      await request.post("/api/uploads", { multipart: { other: "x" } }),
      400,
      "missing_file",
    );
    const boundary = "----omni";
    const part = (name: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from("\r\n"),
      ]);
    const two = Buffer.concat([part("a.png"), part("b.png"), Buffer.from(`--${boundary}--\r\n`)]);
    await expectRefused(
      await request.post("/api/uploads", {
        data: two,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      }),
      400,
      "too_many_files",
    );
    await expectRefused(
      await request.post("/api/uploads", { data: png, headers: { "content-type": "image/png" } }),
      415,
      "unsupported_media_type",
    );
    await expectRefused(
      await request.post("/api/uploads", {
        data: "garbage",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      }),
      400,
      "invalid_multipart",
    );
  });

  test("accept a lying content type and a path-like, very long file name, keeping the name harmless", async ({
    request,
  }) => {
    const jpeg = await referenceImage("place", { seed: 93, format: "jpeg" });
    const name = `../../etc/${"x".repeat(300)}\u202e.png`;
    const res = await upload(request, name, jpeg, "image/gif");
    expect(res.status()).toBe(201);
    const { asset } = await res.json();
    expect(asset.mime).toBe("image/jpeg");
    expect(asset.name).not.toContain("/");
    expect(asset.name).not.toContain("\u202e");
    expect(asset.name.length).toBeLessThanOrEqual(120);
  });
});

test.describe("generations", () => {
  let refs: string[];
  test.beforeAll(async ({ request }) => {
    refs = [];
    for (let i = 0; i < 11; i++) {
      const res = await upload(
        request,
        `ref-${i}.png`,
        await referenceImage("character", { seed: 200 + i, width: 256, height: 256 }),
      );
      refs.push((await res.json()).asset.id);
    }
  });

  const valid = () => ({
    prompt: "<IMAGE_REF_0> waves. Single continuous shot.",
    referenceIds: [refs[0]],
    duration: 3,
    aspectRatio: "16:9",
    idempotencyKey: `bad-input-${Math.random().toString(36).slice(2)}`,
  });

  test("refuse each invalid field with a message naming it, creating nothing", async ({ request }) => {
    const before = await generationCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ referenceIds: [] }, "referenceIds", /at least 1 reference image or video/],
      // This studio's default is the preview engine, whose limits are the newest version's.
      [{ referenceIds: refs.slice(0, 11) }, "referenceIds", /at most 10/],
      [{ referenceIds: ["doesnotexist1"] }, "referenceIds", /unknown asset/],
      [{ referenceIds: [refs[0], refs[0]] }, "referenceIds", /twice/],
      [{ prompt: "" }, "prompt", /empty/],
      [{ prompt: "   \n " }, "prompt", /empty/],
      [{ prompt: "x".repeat(20_001) }, "prompt", /20,000/],
      [{ prompt: "<IMAGE_REF_1> runs" }, "prompt", /<IMAGE_REF_1> has no reference image/],
      [{ duration: 2 }, "duration", /at least 3/],
      [{ duration: 16 }, "duration", /at most 15/],
      [{ resolution: "8k" }, "resolution", /must be one of 360p, 720p, 1080p, 4k/],
      [{ model: "fal-v1" }, "model", /fal is not configured/],
      [{ duration: 8.5 }, "duration", /whole number/],
      [{ duration: "8" }, "duration", /whole number/],
      [{ aspectRatio: "1:1" }, "aspectRatio", /"16:9" or "9:16"/],
      [{ negativePrompt: "blur" }, "_", /unknown field\(s\): negativePrompt/],
    ];
    for (const [patch, field, message] of cases) {
      const res = await request.post("/api/generations", { data: { ...valid(), ...patch } });
      expect(res.status(), JSON.stringify(patch).slice(0, 80)).toBe(422);
      const { error } = await res.json();
      expect(error.fields[field], JSON.stringify(error)).toMatch(message);
    }
    expect(await generationCount()).toBe(before);
  });

  test("refuse a reused idempotency key with other inputs, bad JSON and an oversized body", async ({
    request,
  }) => {
    const before = await generationCount();
    const first = valid();
    expect((await request.post("/api/generations", { data: first })).status()).toBe(202);
    const again = await request.post("/api/generations", { data: first });
    expect(again.status()).toBe(202);
    // One clip for the two requests; and the count that "creating nothing" relies on sees it.
    expect(await generationCount()).toBe(before + 1);
    await expectRefused(
      await request.post("/api/generations", { data: { ...first, duration: 4 } }),
      409,
      "idempotency_conflict",
    );
    const post = (data: Buffer | string, type = "application/json") =>
      request.post("/api/generations", { data, headers: { "content-type": type } });
    await expectRefused(await post(Buffer.from("{not json")), 400, "invalid_json");
    await expectRefused(await post(Buffer.from('"just a string"')), 400, "invalid_body");
    await expectRefused(await post("x=1", "text/plain"), 415, "unsupported_media_type");
    const huge = JSON.stringify({ ...valid(), prompt: "y".repeat(200_000) });
    await expectRefused(await post(huge), 413, "body_too_large");
  });

  test("answer 404 for ids that do not exist", async ({ request }) => {
    expect((await request.get("/api/generations/doesnotexist0")).status()).toBe(404);
    expect((await request.get("/api/generations/..%2F..%2Fetc")).status()).toBe(404);
    expect((await request.post("/api/generations/doesnotexist0/cancel")).status()).toBe(404);
    expect((await request.get("/api/generations?cursor=bm9wZQ")).status()).toBe(400);
    expect((await request.get("/api/generations?limit=0")).status()).toBe(400);
  });
});

test.describe("media route", () => {
  let key: string;
  let size: number;
  test.beforeAll(async ({ request }) => {
    const png = await referenceImage("place", { seed: 300, width: 512, height: 512 });
    const { asset } = await (await upload(request, "media.png", png)).json();
    key = asset.url.split("/").pop();
    size = asset.bytes;
  });

  test("never reads outside its folder", async ({ request }) => {
    for (const bad of [
      "..%2F..%2Fetc%2Fpasswd",
      "%2Fetc%2Fpasswd",
      "..",
      `${"a".repeat(64)}.mp4%00.png`,
      `${"a".repeat(64)}%2F..%2F..%2Fpackage.json`,
      "package.json",
      `${"A".repeat(64)}.png`,
    ]) {
      const res = await request.get(`/api/media/${bad}`);
      expect(res.status(), bad).toBe(404);
    }
  });

  test("serves ranges, and answers malformed, reversed, out-of-range and multiple ranges sensibly", async ({
    request,
  }) => {
    const part = await request.get(`/api/media/${key}`, { headers: { Range: "bytes=0-99" } });
    expect(part.status()).toBe(206);
    expect(part.headers()["content-range"]).toBe(`bytes 0-99/${size}`);
    expect((await part.body()).length).toBe(100);

    const tail = await request.get(`/api/media/${key}`, { headers: { Range: "bytes=-10" } });
    expect(tail.status()).toBe(206);
    expect((await tail.body()).length).toBe(10);

    for (const header of ["bytes=abc", "bytes=50-10", "items=0-5", "bytes=0-1,4-5,9-10"]) {
      const res = await request.get(`/api/media/${key}`, { headers: { Range: header } });
      expect(res.status(), header).toBe(200);
      expect((await res.body()).length).toBe(size);
    }
    const beyond = await request.get(`/api/media/${key}`, { headers: { Range: `bytes=${size + 10}-` } });
    expect(beyond.status()).toBe(416);
    expect(beyond.headers()["content-range"]).toBe(`bytes */${size}`);
  });

  test("makes the copies it knows (w=480, variant=backdrop) and refuses any other, saying which exist", async ({
    request,
  }) => {
    const small = await request.get(`/api/media/${key}?w=480`);
    expect(small.status()).toBe(200);
    expect((await sharp(await small.body()).metadata()).width).toBe(480);
    const backdrop = await request.get(`/api/media/${key}?variant=backdrop`);
    expect(backdrop.status()).toBe(200);
    const soft = await sharp(await backdrop.body()).metadata();
    expect(soft.width).toBe(48);
    expect((await backdrop.body()).length).toBeLessThan(2_000);
    // Only the signed-in browser may keep it: a shared cache in front would hand it to anyone.
    expect(backdrop.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
    expect(backdrop.headers().etag).not.toBe(small.headers().etag);

    for (const query of ["w=999", "w=abc", "variant=huge", "w=480&variant=backdrop", "variant="]) {
      const res = await request.get(`/api/media/${key}?${query}`);
      expect(res.status(), query).toBe(400);
      const body = await res.json();
      expect(body.error.code, query).toBe("invalid_variant");
      expect(body.error.message, query).toContain("variant=backdrop");
    }
  });
});

test("prompts and names with HTML, script and bidi characters display as text", async ({ page, request }) => {
  const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u202eevil`;
  const png = await referenceImage("look", { seed: 400, width: 256, height: 256 });
  const { asset } = await (await upload(request, `${evil}.png`, png)).json();
  const res = await request.post("/api/generations", {
    data: {
      prompt: `<IMAGE_REF_0> ${evil}`,
      referenceIds: [asset.id],
      referenceNames: [evil.slice(0, 40)],
      duration: 3,
      aspectRatio: "16:9",
      idempotencyKey: `xss-${Date.now()}`,
    },
  });
  expect(res.status()).toBe(202);
  await page.goto("/");
  await expect(page.getByText("window.__pwned=1", { exact: false }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
