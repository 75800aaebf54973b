import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type StudioProcess, startStudioProcess } from "../../test/support/studio-process";
import { OWNER, SESSION_COOKIES } from "../support/accounts";
import { NETWORK_PORT } from "../support/servers";

// A studio listening beyond loopback, reached by a browser over plain http at this machine's network
// address, as a team on a LAN reaches it: setup asks for the one-time code the server printed, and the
// owner it makes stays signed in. (better-auth made its session cookie Secure in production whatever the
// scheme, and browsers drop a Secure cookie sent over http from anywhere but loopback: setup answered
// fine and the next page sent the owner back to sign in.)

const address = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let server: StudioProcess;
let dataDir: string;

test.skip(!address, "needs a network address other than loopback");

test.beforeAll(async () => {
  if (!address) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-network-"));
  server = await startStudioProcess({
    port: NETWORK_PORT,
    hostname: "0.0.0.0",
    dataDir,
    env: { VIDEO_PROVIDER: "preview" },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("over plain http at a network address, setup needs the code from the log and its owner stays signed in", async ({
  page,
}) => {
  const base = `http://${address}:${NETWORK_PORT}`;
  await expect
    .poll(() => /setup code:\s+([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3})/.exec(server.output())?.[1])
    .toBeTruthy();
  const code = /setup code:\s+([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3})/.exec(server.output())![1]!;

  await page.goto(`${base}/`);
  await expect(page).toHaveURL(`${base}/setup`);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  // Whoever reaches the page without the log cannot take the studio.
  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC-DDDD");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.locator("#auth-error")).toContainText("setup code printed in the server's log");

  await page.getByLabel("Setup code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole("banner").getByTestId("user-menu")).toHaveText("OO");
  // A cookie the browser keeps over http: plain, not Secure.
  const cookie = (await page.context().cookies()).find((c) => SESSION_COOKIES.includes(c.name));
  expect(cookie).toMatchObject({ name: "omni.session_token", secure: false, httpOnly: true });
  // Still signed in on the next page.
  await page.goto(`${base}/library`);
  await expect(page).toHaveURL(`${base}/library`);
  await expect(page.getByRole("banner").getByTestId("user-menu")).toHaveText("OO");
});
