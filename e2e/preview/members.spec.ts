import { type APIRequestContext, expect, test } from "@playwright/test";

// The members and account pages as the owner uses them (the preview project's pages are signed in as the
// studio's owner): invite someone, see them join, change their role and spend cap, remove and restore
// them; revoke a pending invitation; make, use and revoke a personal API token; and the last owner's
// guard. Each person is made the way people are: an invitation link, then better-auth's sign-up.

const PASSWORD = "correct horse battery staple";

async function signUpWith(api: APIRequestContext, url: string, name: string, email: string) {
  const invitation = url.split("/invite/")[1]!;
  // better-auth wants an Origin on its routes, as a browser sends one.
  const r = await api.post("/api/auth/sign-up/email", {
    data: { name, email, password: PASSWORD, invitation },
    headers: { origin: new URL(url).origin },
  });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { user: { id: string } }).user.id;
}

test("invite, change role and cap, remove and restore a member; revoke an invitation", async ({
  page,
  playwright,
  baseURL,
}) => {
  const tag = Date.now().toString(36);
  const name = `Eden ${tag}`;
  const email = `eden-${tag}@studio.test`;
  await page.goto("/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

  // Invite as an editor: the link is shown once, with a copy button.
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Role").selectOption("editor");
  await form.getByLabel(/Email/).fill(email);
  await form.getByRole("button", { name: "Create link" }).click();
  const created = page.getByTestId("invite-created");
  await expect(created).toContainText("join as an editor");
  await expect(created.getByRole("button", { name: "Copy invitation link" })).toBeVisible();
  const url = await page.getByTestId("invite-link").inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/invite/inv_[A-Za-z0-9_-]{43}$`));
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toBeVisible();

  // They join (in their own browser session) and appear in the team.
  const theirs = await playwright.request.newContext({ baseURL });
  const id = await signUpWith(theirs, url, name, email);
  await page.reload();
  const row = page.locator(`[data-testid="member-row"][data-id="${id}"]`);
  await expect(row).toContainText(name);
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("editor");
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toHaveCount(0);

  // Role: applies from their next request.
  await row.getByLabel(`Role of ${name}`).selectOption("reviewer");
  await expect(page.getByText(`${name} is now a reviewer`)).toBeVisible();
  const me = await theirs.get("/api/me");
  expect(((await me.json()) as { me: { role: string } }).me.role).toBe("reviewer");

  // Spend cap: bad input is explained, a good one saved.
  const cap = row.getByTestId("cap-input");
  await cap.fill("two dollars");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("alert")).toContainText("Enter dollars like 25 or 12.50");
  await cap.fill("2.50");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${name} may spend $2.50 a day`)).toBeVisible();
  await expect(cap).toHaveValue("2.50");

  // Remove, confirmed: they are signed out at once; then restore.
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  const dialog = page.getByTestId("remove-dialog");
  await expect(dialog).toContainText("signed out on every device");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
  const removed = page.getByTestId("removed-list");
  await expect(removed).toContainText(name);
  expect((await theirs.get("/api/me")).status()).toBe(401);
  await removed.getByRole("button", { name: `Restore ${name}` }).click();
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("reviewer");
  await theirs.dispose();

  // A pending invitation, revoked: its link stops working.
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByLabel(/Email/).fill(`late-${tag}@studio.test`);
  await form.getByRole("button", { name: "Create link" }).click();
  const lateUrl = await page.getByTestId("invite-link").inputValue();
  const lateRow = page.getByTestId("invite-row").filter({ hasText: `late-${tag}@studio.test` });
  await lateRow.getByRole("button", { name: /Revoke/ }).click();
  await expect(lateRow).toHaveCount(0);
  const late = await playwright.request.newContext({ baseURL });
  const refused = await late.post("/api/auth/sign-up/email", {
    data: {
      name: "Late",
      email: `late-${tag}@studio.test`,
      password: PASSWORD,
      invitation: lateUrl.split("/invite/")[1],
    },
    headers: { origin: baseURL! },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("revoked");
  await late.dispose();
});

test("the only owner cannot demote themself", async ({ page, request }) => {
  const owners = (
    (await (await request.get("/api/members")).json()) as {
      items: { id: string; role: string; name: string }[];
    }
  ).items.filter((m) => m.role === "owner");
  test.skip(owners.length !== 1, "this studio has more than one owner");
  const owner = owners[0]!;
  await page.goto("/members");
  const row = page.locator(`[data-testid="member-row"][data-id="${owner.id}"]`);
  await row.getByLabel(`Role of ${owner.name}`).selectOption("admin");
  await page.getByRole("button", { name: "Change my role" }).click();
  await expect(
    page.getByText(`${owner.name} is the studio's only owner: make someone else owner first.`),
  ).toBeVisible();
  await page.reload();
  await expect(row.getByLabel(`Role of ${owner.name}`)).toHaveValue("owner");
});

test("make a personal API token, use it, and revoke it", async ({ page, playwright, baseURL }) => {
  const tag = Date.now().toString(36);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText(/Changing your password signs you out on every other browser/)).toBeVisible();

  await page.getByLabel("New token name").fill(`e2e ${tag}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const created = page.getByTestId("token-created");
  await expect(created).toContainText("it is not shown again");
  const token = await page.getByTestId("token-value").inputValue();
  expect(token).toMatch(/^omni_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("token-curl")).toHaveText(
    `curl -H "Authorization: Bearer ${token}" ${baseURL}/api/generations`,
  );

  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/generations")).status()).toBe(200);

  const row = page.getByTestId("token-row").filter({ hasText: `e2e ${tag}` });
  await expect(row).toContainText(token.slice(0, 11));
  await row.getByRole("button", { name: `Revoke e2e ${tag}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  expect((await script.get("/api/generations")).status()).toBe(401);
  await script.dispose();
});
