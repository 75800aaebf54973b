import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runCoreFlow } from "../support/core-flow";
import { expect, test } from "../support/fixtures";
import { E2E_FAL_KEY } from "../support/servers";

test("fal (fake server): two references to a playable 9:16 clip that survives a reload", async ({
  studio,
  request,
}) => {
  await runCoreFlow(studio, request, { providerBadge: "fal", isPreview: false, cost: /≈ \$0\.39/ });
});

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else yield p;
  }
}

test("the fal key is in nothing sent to the browser", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/javascript|html|json|css|text/.test(type)) bodies.push(await res.text().catch(() => ""));
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toContain(E2E_FAL_KEY);

  // Every client file of the build, loaded or not.
  const staticDir = path.join(process.cwd(), ".next", "static");
  for (const file of files(staticDir)) {
    expect(readFileSync(file, "latin1").includes(E2E_FAL_KEY), file).toBe(false);
  }
});
