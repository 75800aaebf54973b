import { expect, test } from "@playwright/test";
import { E2E_ATLAS_KEY, E2E_FAL_KEY } from "../support/servers";

// A studio with both fal and AtlasCloud configured: neither key is in any page, script, JSON answer or
// error the browser can see, on any page.
test("no provider key reaches the browser on any page or answer", async ({ page, request }) => {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/javascript|html|json|css|text/.test(type)) bodies.push(await res.text().catch(() => ""));
  });
  for (const path of ["/", "/library", "/spend", "/clips/doesnotexist0"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  for (const path of ["/api/health", "/api/generations", "/api/characters", "/api/spend/ledger"]) {
    bodies.push(await (await request.get(path)).text());
  }
  // Error answers too: a refused generation on each provider.
  for (const provider of ["fal", "atlas"]) {
    const res = await request.post("/api/generations", {
      data: {
        prompt: "x",
        referenceIds: ["nosuchasset1"],
        duration: 3,
        aspectRatio: "16:9",
        idempotencyKey: `k-${provider}-secret`,
        provider,
      },
    });
    bodies.push(await res.text());
  }
  expect(bodies.length).toBeGreaterThan(8);
  for (const body of bodies) {
    expect(body).not.toContain(E2E_ATLAS_KEY);
    expect(body).not.toContain(E2E_FAL_KEY);
  }
});
