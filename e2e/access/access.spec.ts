import { expect, test } from "@playwright/test";
import { referenceImage } from "../support/images";
import { ACCESS_TOKEN } from "../support/servers";

test("pages ask for the access token and a right one opens the studio", async ({ page }) => {
  await page.goto("/clips/anything");
  await expect(page).toHaveURL(/\/login\?next=%2Fclips%2Fanything$/);
  await page.getByLabel("Access token").fill("wrong-token-000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toContainText("That token is not right");

  await page.goto("/login");
  await page.getByLabel("Access token").fill(ACCESS_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "omni_session");
  expect(cookie?.httpOnly).toBe(true);
  expect((await page.request.get("/api/health")).status()).toBe(200);
  // The signed-in browser's cookie opens uploads too (they check access outside the proxy).
  const upload = await page.request.post("/api/uploads", {
    multipart: {
      file: { name: "place.png", mimeType: "image/png", buffer: await referenceImage("place", { seed: 4 }) },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
});

test("routes and media need the cookie or the bearer token; the webhook answers for itself", async ({
  request,
}) => {
  expect((await request.get("/api/generations")).status()).toBe(401);
  expect((await request.get(`/api/media/${"a".repeat(64)}.mp4`)).status()).toBe(401);
  // The live event stream says what changed (ids only), and only to those who may see the studio.
  expect((await request.get("/api/events")).status()).toBe(401);
  const upload = await request.post("/api/uploads", {
    multipart: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
  });
  expect(upload.status()).toBe(401);
  expect((await upload.json()).error.code).toBe("unauthorized");
  // Uploads are outside the proxy and check access themselves: the token opens them as it opens the rest.
  const authedUpload = await request.post("/api/uploads", {
    headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
    multipart: {
      file: {
        name: "hero.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: 3 }),
      },
    },
  });
  expect(authedUpload.status(), await authedUpload.text()).toBe(201);
  // Media is outside the proxy too and checks access itself: a stored file, with and without the token.
  const { asset } = (await authedUpload.json()) as { asset: { url: string; thumbUrl: string } };
  const bearer = { Authorization: `Bearer ${ACCESS_TOKEN}` };
  const served = await request.get(asset.url, { headers: bearer });
  expect(served.status()).toBe(200);
  // Only the browser may keep it: a shared cache would hand it to people without the token.
  expect(served.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
  expect((await request.get(`${asset.url}?w=480`, { headers: bearer })).status()).toBe(200);
  expect((await request.get(asset.url)).status()).toBe(401);
  expect((await request.head(asset.thumbUrl)).status()).toBe(401);
  expect((await request.get(`${asset.url}?variant=backdrop`)).status()).toBe(401);
  const authed = await request.get("/api/generations", {
    headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
  });
  expect(authed.status()).toBe(200);
  const hook = await request.post("/api/webhooks/fal", { data: { request_id: "x" } });
  expect(hook.status()).toBe(401);
  expect((await hook.json()).error.code).toBe("invalid_signature");
});

test("pages carry security headers fit for a media studio", async ({ request }) => {
  const res = await request.get("/login");
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("media-src 'self' blob:");
  expect(csp).toContain("img-src 'self' blob: data:");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
