import { type APIResponse, type BrowserContext, expect, test } from "@playwright/test";
import { OWNER, SESSION_COOKIES, signIn } from "../support/accounts";
import { referenceImage } from "../support/images";
import { ACCESS_PORT } from "../support/servers";

// A fresh studio with no account (its project starts from no browser state): the first visit goes to
// setup, setup makes the owner and signs them in, and from then on setup is closed, accounts come only
// from invitations, and every page, route and media file needs a signed-in member. Sign-in and sign-out
// go through the pages and the header's menu, as people use them. The tests build on each other (the
// owner made by the first is the one the others sign in as), so they run in order and stop at the first
// failure.

test.describe.configure({ mode: "serial" });

const base = `http://127.0.0.1:${ACCESS_PORT}`;
/** The browser's session cookie, if it has one. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => SESSION_COOKIES.includes(c.name));
}

async function expectUnauthorized(res: APIResponse, what: string) {
  expect(res.status(), what).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code, what).toBe("unauthorized");
  expect(body.error.message, what).toMatch(/Sign in/);
}

test("a studio with no owner sends every page to setup; setup makes the owner and opens the studio signed in", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(`${base}/setup`);
  // The sign-in page and a deep link lead there too while there is no one to sign in as.
  await page.goto("/clips/anything");
  await expect(page).toHaveURL(`${base}/setup`);
  await page.goto("/login");
  await expect(page).toHaveURL(`${base}/setup`);

  await expect(page.getByRole("heading", { name: "Set up Omni Studio" })).toBeVisible();
  // Setup fits a 390 px phone too (the other pages are checked in e2e/preview/phone-fit.spec.ts; only a
  // studio without an owner shows this one).
  const desk = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (desk) await page.setViewportSize(desk);
  // It listens on loopback only, so no setup code is asked for.
  await expect(page.getByLabel("Setup code")).toHaveCount(0);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  await expect(page).toHaveURL(`${base}/`);
  const menu = page.getByRole("banner").getByTestId("user-menu");
  await expect(menu).toHaveText("OO");
  await expect(menu).toHaveAccessibleName(`${OWNER.name}, Owner: account menu`);
  await menu.click();
  await expect(page.getByTestId("user-name")).toHaveText(OWNER.name);
  await expect(page.getByTestId("user-role")).toHaveText("Owner");

  // The session is an httpOnly cookie, Secure since browsers keep one from a studio on loopback (this
  // one has no PUBLIC_BASE_URL to say otherwise), and it opens the API as well as the pages.
  const cookie = await sessionCookie(page.context());
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.secure).toBe(true);
  expect(cookie?.name).toBe("__Secure-omni.session_token");
  expect((await page.request.get("/api/generations")).status()).toBe(200);
});

test("once the owner exists, setup is closed and a stranger's sign-up is refused", async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ baseURL: base });
  try {
    const page = await context.newPage();
    await page.goto("/setup");
    await expect(page).toHaveURL(`${base}/login`);
    await expect(page.getByRole("heading", { name: "Sign in to Omni Studio" })).toBeVisible();
  } finally {
    await context.close();
  }

  // better-auth's own sign-up route, as a script would call it: no invitation, no account.
  const stranger = { name: "Mallory", email: "mallory@e2e.test", password: "a long enough password" };
  const res = await request.post("/api/auth/sign-up/email", { data: stranger, headers: { origin: base } });
  expect(res.status(), await res.text()).toBe(403);
  // In the studio's error shape, like every other refusal.
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("invitation_required");
  expect(body.error.message).toMatch(/invitation/);
  // And no session came with the refusal.
  expect(res.headers()["set-cookie"] ?? "").not.toContain("session_token");
  // Trying again as the setup page would, with a made-up setup code, changes nothing either.
  const again = await request.post("/api/auth/sign-up/email", {
    data: { ...stranger, setupCode: "AAAA-BBBB-CCCC-DDDD" },
    headers: { origin: base },
  });
  expect(again.status()).toBe(403);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("invitation_required");
});

test("sign-in: a wrong password is refused on the page, the right one lands on the page asked for; sign-out ends the session on the server", async ({
  page,
  request,
}) => {
  await page.goto("/library");
  await expect(page).toHaveURL(`${base}/login?next=%2Flibrary`);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("not the owner's password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#auth-error")).toHaveText(
    "That email and password do not match an account here.",
  );
  expect(await sessionCookie(page.context())).toBeUndefined();

  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/library`);
  await expect(page.getByRole("banner").getByTestId("user-menu")).toHaveText("OO");
  const session = await sessionCookie(page.context());
  expect(session?.value).toBeTruthy();
  const asBefore = { cookie: `${session!.name}=${session!.value}` };
  expect((await request.get("/api/generations", { headers: asBefore })).status()).toBe(200);

  await page.getByRole("banner").getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${base}/login`);
  expect(await sessionCookie(page.context())).toBeUndefined();
  // Ended on the server, not only forgotten by the browser: the old cookie no longer opens anything.
  await expectUnauthorized(await request.get("/api/generations", { headers: asBefore }), "the old session");
  const pageWithOld = await request.get("/spend", { headers: asBefore, maxRedirects: 0 });
  expect(pageWithOld.status()).toBe(307);
  expect(pageWithOld.headers().location).toContain("/login?next=%2Fspend");

  // Signing in never leads off the site, whatever `next` says.
  await page.goto(`/login?${new URLSearchParams({ next: "//evil.example/steal" })}`);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole("banner").getByTestId("user-menu")).toHaveText("OO");
});

test("routes and media need a signed-in member; the webhook answers for itself", async ({ request }) => {
  // Not signed in: the studio's error shape with 401, and a hint of how to sign a script in.
  const unsigned = await request.get("/api/generations");
  await expectUnauthorized(unsigned, "GET /api/generations");
  expect(unsigned.headers()["www-authenticate"]).toContain("Bearer");
  await expectUnauthorized(
    await request.get("/api/generations", { headers: { Authorization: "Bearer not-a-token" } }),
    "a made-up bearer token",
  );
  await expectUnauthorized(
    await request.get("/api/generations", {
      headers: { cookie: "__Secure-omni.session_token=forged.c2lnbmF0dXJl" },
    }),
    "a forged session cookie",
  );
  await expectUnauthorized(await request.get(`/api/media/${"a".repeat(64)}.mp4`), "media");
  // The live event stream says what changed (ids only), and only to members.
  await expectUnauthorized(await request.get("/api/events"), "the event stream");
  const upload = await request.post("/api/uploads", {
    multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
  });
  await expectUnauthorized(upload, "an upload");
  // A page sends the browser to sign in, keeping where it was going.
  const pageUnsigned = await request.get("/library?view=grid", { maxRedirects: 0 });
  expect(pageUnsigned.status()).toBe(307);
  expect(pageUnsigned.headers().location).toContain("/login?next=%2Flibrary%3Fview%3Dgrid");

  // Signed in (better-auth's sign-in route, as a script does it): uploads and media, which check the
  // caller outside the proxy, open as the rest does.
  const owner = await signIn(base, OWNER.email, OWNER.password);
  const signed = await request.post("/api/uploads", {
    headers: owner.headers,
    multipart: {
      file: {
        name: "hero.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: 3 }),
      },
    },
  });
  expect(signed.status(), await signed.text()).toBe(201);
  const { asset } = (await signed.json()) as { asset: { url: string; thumbUrl: string } };
  const served = await request.get(asset.url, { headers: owner.headers });
  expect(served.status()).toBe(200);
  // Only the browser may keep it: a shared cache would hand it to people who are not signed in.
  expect(served.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
  expect((await request.get(`${asset.url}?w=480`, { headers: owner.headers })).status()).toBe(200);
  await expectUnauthorized(await request.get(asset.url), "a stored file");
  expect((await request.head(asset.thumbUrl)).status()).toBe(401);
  await expectUnauthorized(await request.get(`${asset.url}?variant=backdrop`), "a backdrop");
  expect((await request.get("/api/generations", { headers: owner.headers })).status()).toBe(200);

  // fal's webhook is public and proves itself by its signature.
  const hook = await request.post("/api/webhooks/fal", { data: { request_id: "x" } });
  expect(hook.status()).toBe(401);
  expect((await hook.json()).error.code).toBe("invalid_signature");
});

test("pages carry security headers fit for a media studio", async ({ request }) => {
  const res = await request.get("/login");
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("media-src 'self' blob:");
  expect(csp).toContain("img-src 'self' blob: data:");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
