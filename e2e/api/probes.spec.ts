import { createHash } from "node:crypto";
import { type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import { OWNER, signIn } from "../support/accounts";
import { referenceImage } from "../support/images";
import { callAction, serverActionIds } from "../support/server-actions";
import { PREVIEW_PORT } from "../support/servers";

// Probes that used to answer 500, leak or let another site act: NUL characters, text that shows nothing,
// control characters in the sign-in `next`, and state-changing requests from another origin. Each is
// refused with a clear answer and changes nothing.

const own = `http://127.0.0.1:${PREVIEW_PORT}`;
/** Another port of the same site: a different origin, which browsers still send cookies to. */
const foreign = `http://127.0.0.1:${PREVIEW_PORT + 50}`;

async function refused(res: APIResponse, status: number, code: string, text?: RegExp) {
  expect(res.status(), await res.text()).toBe(status);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe(code);
  if (text) expect(error.message).toMatch(text);
}

/** Clips whose prompt contains `marker`: each probe's prompt has its own, so the count is exact. */
async function clipsWith(request: APIRequestContext, marker: string): Promise<number> {
  const res = await request.get(`/api/generations?limit=100&q=${encodeURIComponent(marker)}`);
  expect(res.status()).toBe(200);
  return (await res.json()).items.length;
}

let assetId: string;
test.beforeAll(async ({ request }) => {
  const png = await referenceImage("character", { seed: 610, width: 256, height: 256 });
  const res = await request.post("/api/uploads", {
    multipart: { file: { name: "p.png", mimeType: "image/png", buffer: png } },
  });
  expect(res.status()).toBe(201);
  assetId = (await res.json()).asset.id;
});

const clip = (prompt: string, key: string) => ({
  prompt,
  referenceIds: [assetId],
  duration: 3,
  aspectRatio: "16:9",
  idempotencyKey: key,
});

test("a NUL character is refused with 400 wherever text reaches the database", async ({ request }) => {
  await refused(
    await request.post("/api/generations", {
      data: clip("<IMAGE_REF_0> nulprobe\u0000 waves.", "nul-probe-0001"),
    }),
    400,
    "invalid_text",
    /^The field prompt contains a NUL character/,
  );
  expect(await clipsWith(request, "nulprobe")).toBe(0);
  for (const param of ["q", "asset", "character"]) {
    await refused(
      await request.get(`/api/generations?${param}=a%00b`),
      400,
      "invalid_text",
      new RegExp(`^The parameter ${param} contains a NUL`),
    );
  }
  await refused(await request.post("/api/generations/abc%00def/cancel"), 400, "invalid_text");
  await refused(await request.get("/api/generations/abc%00def"), 400, "invalid_text");
  await refused(await request.get("/api/generations/abc%00def/comments"), 400, "invalid_text");
  await refused(await request.get("/api/generations/abc%00def/download"), 400, "invalid_text");
  await refused(await request.get("/api/compare?a=abc%00&b=def"), 400, "invalid_text");

  // Comments and characters are written through server actions.
  const ids = serverActionIds();
  const made = (
    await request.post("/api/generations", { data: clip("<IMAGE_REF_0> nul target.", "nul-probe-0002") })
  ).json();
  const generationId = (await made).generation.id as string;
  const comment = await callAction(request, own, ids.get("addCommentAction")!, [
    { generationId, atSec: 0, body: "fine\u0000" },
  ]);
  expect(comment).toMatchObject({
    ok: false,
    error: { code: "invalid_text", fields: { body: expect.any(String) } },
  });
  const character = await callAction(request, own, ids.get("createCharacterAction")!, [
    { name: "Nul probe", description: "red\u0000coat", images: [{ assetId }] },
  ]);
  expect(character).toMatchObject({
    ok: false,
    error: { code: "invalid_text", message: expect.stringMatching(/^The field description contains a NUL/) },
  });
  const cancel = await callAction(request, own, ids.get("cancelGenerationAction")!, ["abc\u0000def"]);
  expect(cancel).toMatchObject({ ok: false, error: { code: "invalid_text" } });
  expect((await (await request.get(`/api/generations/${generationId}/comments`)).json()).items).toEqual([]);
  const names = (await (await request.get("/api/characters")).json()).items.map(
    (c: { name: string }) => c.name,
  );
  expect(names).not.toContain("Nul probe");
});

test("text made only of invisible characters is not a prompt, a comment or a name", async ({ request }) => {
  const invisible = "\u200b\u200c\u200d\u2060\ufeff \u00a0";
  const res = await request.post("/api/generations", { data: clip(invisible, "invisible-probe-1") });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.fields.prompt).toMatch(/invisible characters do not count/);

  const ids = serverActionIds();
  const made = await request.post("/api/generations", {
    data: clip("<IMAGE_REF_0> invisible target.", "invisible-probe-2"),
  });
  const generationId = (await made.json()).generation.id as string;
  const comment = await callAction(request, own, ids.get("addCommentAction")!, [
    { generationId, atSec: 0, body: invisible },
  ]);
  expect(comment).toMatchObject({
    ok: false,
    error: { code: "invalid_input", fields: { body: expect.stringMatching(/invisible/) } },
  });
  const character = await callAction(request, own, ids.get("createCharacterAction")!, [
    { name: invisible, images: [{ assetId }] },
  ]);
  expect(character).toMatchObject({
    ok: false,
    error: { code: "invalid_input", fields: { name: expect.stringMatching(/invisible/) } },
  });
  expect((await (await request.get(`/api/generations/${generationId}/comments`)).json()).items).toEqual([]);
});

test("the sign-in destination is a path on this site, never another host and never a 500", async ({
  request,
}) => {
  // Signed in (this project's browser state), the sign-in page sends the browser straight on to `next`:
  // the same safeNext that the sign-in form goes on to afterwards.
  const cases: [string, string][] = [
    ["/clips/abc?x=1", "/clips/abc?x=1"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\nSet-Cookie: a=b", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
  ];
  for (const [next, location] of cases) {
    const res = await request.get(`/login?${new URLSearchParams({ next })}`, { maxRedirects: 0 });
    expect(res.status(), JSON.stringify(next)).toBe(307);
    expect(res.headers().location, JSON.stringify(next)).toBe(location);
  }
});

test("state-changing routes refuse a request from another origin and change nothing", async ({ request }) => {
  // An upload from another origin stores nothing; the same bytes from the studio's own page are stored.
  const png = await referenceImage("place", { seed: 611, width: 200, height: 200 });
  const media = `/api/media/${createHash("sha256").update(png).digest("hex")}.png`;
  const upload = (origin: string) =>
    request.post("/api/uploads", {
      headers: { Origin: origin },
      multipart: { file: { name: "o.png", mimeType: "image/png", buffer: png } },
    });
  await refused(await upload(foreign), 403, "foreign_origin", /another site/);
  await refused(await upload("null"), 403, "foreign_origin");
  expect((await request.get(media)).status()).toBe(404);
  expect((await upload(own)).status()).toBe(201);
  expect((await request.get(media)).status()).toBe(200);

  // A create from another origin creates nothing.
  await refused(
    await request.post("/api/generations", {
      headers: { Origin: foreign },
      data: clip("<IMAGE_REF_0> originprobe.", "origin-probe-1"),
    }),
    403,
    "foreign_origin",
  );
  expect(await clipsWith(request, "originprobe")).toBe(0);

  // A cancel from another origin leaves the clip alone; from a script (no Origin) it cancels.
  const made = await request.post("/api/generations", {
    data: clip("<IMAGE_REF_0> cancelprobe.", "origin-probe-2"),
  });
  const id = (await made.json()).generation.id as string;
  await refused(
    await request.post(`/api/generations/${id}/cancel`, { headers: { Origin: foreign } }),
    403,
    "foreign_origin",
  );
  const clipNow = (await (await request.get(`/api/generations/${id}`)).json()).generation;
  expect(clipNow.status).not.toBe("canceled");
  const scripted = await request.post(`/api/generations/${id}/cancel`);
  expect([202, 409], await scripted.text()).toContain(scripted.status());

  // A comment from another origin is not stored; from a script (no Origin) it is.
  const comment = { body: "originprobe", atSec: 0 };
  await refused(
    await request.post(`/api/generations/${id}/comments`, { headers: { Origin: foreign }, data: comment }),
    403,
    "foreign_origin",
  );
  expect((await (await request.get(`/api/generations/${id}/comments`)).json()).items).toEqual([]);
  expect((await request.post(`/api/generations/${id}/comments`, { data: comment })).status()).toBe(201);

  // better-auth's own routes check the Origin too. A session of its own, used with plain fetch (the
  // project's session in `request` must live on): a sign-out sent by another site's page, with the cookie
  // a browser would attach, leaves it signed in.
  const session = await signIn(own, OWNER.email, OWNER.password);
  const auth = async (path: string, origin: string, body: unknown = {}) => {
    const res = await fetch(`${own}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...session.headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, setCookie: res.headers.getSetCookie().join("\n"), body: await res.json() };
  };
  const signedIn = async () =>
    (await fetch(`${own}/api/generations?limit=1`, { headers: session.headers })).status;
  expect(await auth("/sign-out", foreign)).toMatchObject({
    status: 403,
    body: { error: { code: "invalid_origin" } },
  });
  expect(await signedIn()).toBe(200);
  const elsewhere = await auth("/sign-in/email", foreign, { email: OWNER.email, password: OWNER.password });
  expect(elsewhere).toMatchObject({ status: 403, body: { error: { code: "invalid_origin" } } });
  expect(elsewhere.setCookie).not.toContain("session_token");
  // From the studio's own page it signs out, and the session ends.
  expect((await auth("/sign-out", own)).status).toBe(200);
  expect(await signedIn()).toBe(401);
});

test("the members lookup answers the @ menu's question and refuses any other", async ({ request }) => {
  const res = await request.get("/api/members?fields=mention");
  expect(res.status()).toBe(200);
  expect(Array.isArray((await res.json()).items)).toBe(true);
  await refused(await request.get("/api/members"), 422, "invalid_query", /fields=mention/);
  await refused(await request.get("/api/members?fields=email"), 422, "invalid_query");
});
