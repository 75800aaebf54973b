import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { type StudioProcess, startStudioProcess } from "../../test/support/studio-process";
import { type SignedIn, signUpOwner } from "../support/accounts";
import { referenceImage } from "../support/images";
import { callAction, exportedActionNames, serverActionIds } from "../support/server-actions";
import { PROXY_BYPASS_PORT } from "../support/servers";

// Every server action checks its caller itself: proxy.ts is only the first line. To prove it, this spec
// runs the studio from a copy of the build whose proxy matcher matches nothing, as a careless matcher
// change would leave it, makes its owner (better-auth's sign-up), and calls every action in
// app/actions.ts by its real id without a valid session: each must refuse with 401 and change nothing.
// With the owner's session cookie each works.

const root = process.cwd();
let project: string;
let dataDir: string;
let server: StudioProcess;
let owner: SignedIn;

/** A project folder that serves this build with the proxy's matcher replaced by one that never matches. */
function projectWithoutProxy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "omni-no-proxy-"));
  for (const entry of ["node_modules", "prisma", "public", "package.json", "next.config.mjs"]) {
    symlinkSync(path.join(root, entry), path.join(dir, entry));
  }
  const build = path.join(dir, ".next");
  cpSync(path.join(root, ".next"), build, {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(root, ".next", "cache")),
  });
  const file = path.join(build, "server", "functions-config-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  const proxy = manifest.functions["/_middleware"];
  if (!proxy?.matchers?.length) throw new Error(`No proxy in ${file}: has the build changed?`);
  proxy.matchers = [{ regexp: "^/__no-proxy__$", originalSource: "/__no-proxy__" }];
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  project = projectWithoutProxy();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-no-proxy-data-"));
  server = await startStudioProcess({
    port: PROXY_BYPASS_PORT,
    dataDir,
    cwd: project,
    env: { VIDEO_PROVIDER: "preview" },
  });
  owner = await signUpOwner(server.url);
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(project, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the actions could change, read through the API as the owner. */
async function snapshot(request: APIRequestContext, generationId: string) {
  const get = async (url: string) => {
    const res = await request.get(`${server.url}${url}`, { headers: owner.headers });
    expect(res.status(), url).toBe(200);
    return res.json();
  };
  const generations = (await get("/api/generations?limit=100&status=all")).items as {
    id: string;
    favorite: boolean;
    reviewStatus: string;
    status: string;
  }[];
  return {
    generations: generations.map((g) => [g.id, g.status, g.favorite, g.reviewStatus]),
    comments: (await get(`/api/generations/${generationId}/comments`)).items,
    characters: (await get("/api/characters")).items.map(
      (c: { id: string; name: string; updatedAt: string }) => [c.id, c.name, c.updatedAt],
    ),
  };
}

test("every server action refuses a caller who is not signed in even with the proxy out of the way", async ({
  request,
}) => {
  // The proxy really is out of the way: it would answer 401 for any path under /api/ without a session;
  // here a path with no route reaches Next.js, which does not know it.
  expect((await request.get(`${server.url}/api/no-such-route`)).status()).toBe(404);
  // The routes check the caller themselves (lib/http/route.ts), as the actions do.
  const unsigned = await request.get(`${server.url}/api/generations`);
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error.code).toBe("unauthorized");

  const names = exportedActionNames(root);
  const ids = serverActionIds(root);
  expect(names.length).toBe(17);
  // Next gives an id only to the actions a page uses: an export no page calls could not be reached from
  // outside at all. Every action has a caller now (Make final, Use as reference video and Continue from
  // here on the clip page, the character's video in the library), so every one is called below.
  const reachable = names.filter((n) => ids.has(n));
  expect(names.filter((n) => !ids.has(n))).toEqual([]);
  expect([...ids.keys()].sort()).toEqual([...reachable].sort());

  // Something for each action to act on, made as the owner.
  const upload = await request.post(`${server.url}/api/uploads`, {
    headers: owner.headers,
    multipart: {
      file: {
        name: "hero.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: 71 }),
      },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const assetId = (await upload.json()).asset.id as string;
  const withCookie = owner.headers;
  const act = (name: string, args: unknown[], headers: Record<string, string> = {}) =>
    callAction(request, server.url, ids.get(name)!, args, headers);

  const generation = {
    prompt: "<IMAGE_REF_0> waves. Single continuous shot.",
    referenceIds: [assetId],
    duration: 3,
    aspectRatio: "16:9",
  };
  const made = await act(
    "createGenerationAction",
    [{ ...generation, idempotencyKey: "setup-key-0001" }],
    withCookie,
  );
  if (!made.ok) throw new Error(JSON.stringify(made));
  const clip = (made as unknown as { generation: { id: string } }).generation.id;
  await expect
    .poll(async () => (await snapshot(request, clip)).generations[0]?.[1], { timeout: 60_000 })
    .toBe("completed");
  const comment = await act(
    "addCommentAction",
    [
      {
        generationId: clip,
        atSec: 0,
        body: "Setup comment.",
      },
    ],
    withCookie,
  );
  const commentId = (comment as unknown as { comment: { id: string } }).comment.id;
  const character = await act(
    "createCharacterAction",
    [{ name: "Setup", images: [{ assetId }] }],
    withCookie,
  );
  const characterId = (character as unknown as { character: { id: string } }).character.id;

  // Valid arguments for each, so a refusal can only be about the caller. Cancel acts on the newest clip,
  // so with the cookie it has one still being made.
  let newest = clip;
  let added = commentId;
  let newCharacter = characterId;
  const args: Record<string, () => unknown[]> = {
    createGenerationAction: () => [{ ...generation, idempotencyKey: "spec-key-00001" }],
    cancelGenerationAction: () => [newest],
    retryGenerationAction: () => [clip, "spec-key-00002"],
    makeFinalAction: () => [clip, "1080p", "spec-key-00003"],
    deleteGenerationAction: () => [clip],
    restoreGenerationAction: () => [clip],
    updateReviewAction: () => [{ generationId: clip, favorite: true, reviewStatus: "approved" }],
    addCommentAction: () => [
      {
        generationId: clip,
        atSec: 0,
        body: "Hello.",
      },
    ],
    editCommentAction: () => [{ commentId, body: "Edited." }],
    deleteCommentAction: () => [{ commentId }],
    // The comment addCommentAction made: the setup comment is gone by then.
    resolveCommentAction: () => [{ commentId: added, resolved: true }],
    createCharacterAction: () => [{ name: "Mara", images: [{ assetId }] }],
    updateCharacterAction: () => [characterId, { name: "Renamed", images: [{ assetId }] }],
    deleteCharacterAction: () => [characterId],
    // The character createCharacterAction made (the setup one is deleted by then): its video removed.
    setCharacterVideoAction: () => [newCharacter, null],
    clipToReferenceVideoAction: () => [clip, { startSec: 0, endSec: 1 }],
    clipFrameAction: () => [clip, { atSec: 1 }],
  };
  // A new action must be added here, or this fails.
  expect(Object.keys(args).sort()).toEqual([...names].sort());

  // Signed out, a made-up bearer token, one shaped like a personal API token that was never issued, a
  // forged session cookie, and the owner's real session token with its signature cut off.
  const strangers: Record<string, string>[] = [
    {},
    { Authorization: "Bearer wrong-token-entirely" },
    { Authorization: `Bearer omni_${"A".repeat(43)}` },
    { Cookie: `${owner.name}=forged-session.c2lnbmF0dXJl` },
    { Cookie: `${owner.name}=${owner.value.split(".")[0]}` },
  ];
  const before = await snapshot(request, clip);
  for (const name of reachable) {
    for (const headers of strangers) {
      const result = await act(name, args[name]!(), headers);
      expect(result, `${name} ${JSON.stringify(headers)}`).toMatchObject({
        ok: false,
        error: { code: "unauthorized" },
      });
    }
  }
  expect(await snapshot(request, clip)).toEqual(before);

  // With the cookie each one runs (in an order where each has something to do).
  for (const name of reachable) {
    const result = await act(name, args[name]!(), withCookie);
    expect(result, `${name} with the cookie`).toMatchObject({ ok: true });
    if (name === "createGenerationAction")
      newest = (result as unknown as { generation: { id: string } }).generation.id;
    if (name === "addCommentAction") added = (result as unknown as { comment: { id: string } }).comment.id;
    if (name === "createCharacterAction")
      newCharacter = (result as unknown as { character: { id: string } }).character.id;
  }
  const after = await snapshot(request, clip);
  // Created, retried and made final: three clips more; the setup comment and character edited and deleted, new ones made.
  expect(after.generations.length).toBe(before.generations.length + 3);
  expect(after.generations.find(([id]) => id === clip)).toEqual([clip, "completed", true, "approved"]);
  expect(
    after.comments.map((c: { body: string; resolvedAt: string | null }) => [c.body, Boolean(c.resolvedAt)]),
  ).toEqual([["Hello.", true]]);
  expect(after.characters.map(([, name]: string[]) => name)).toEqual(["Mara"]);
});
