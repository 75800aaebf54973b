import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import type { ProjectDTO } from "@/lib/projects/dto";
import { createClip, uploadReference, waitForStatus } from "../support/clips";
import { character } from "../support/composer";
import { expect, test } from "../support/fixtures";

// Projects from the header: make one from the switcher, make a clip in it with the composer, see the
// gallery (server-rendered and live), the library and spend scoped to it, see everything under All
// projects, then rename and archive it as the owner. The switcher is driven by keyboard where it can be.

test("a new project from the switcher scopes the gallery; All projects shows both; rename and archive it", async ({
  studio,
  page,
  request,
}) => {
  // An earlier clip: made without a project, it is in the first project.
  const ref = await uploadReference(request, "place", "old-harbour.png", 301);
  const [old] = await createClip(request, { prompt: "<IMAGE_REF_0> at dusk, gulls.", references: [ref] });
  await waitForStatus(request, old!.id, "completed");

  // Every scoped page hydrates as the server rendered it (the project state is read before the views).
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const name = `Harbour film ${Date.now().toString(36)}`;
  await studio.goto();
  const switcher = page.getByTestId("project-switcher");
  const menu = page.getByRole("menu", { name: "Projects" });
  await expect(studio.card(old!.id)).toBeVisible();

  // New project…, by keyboard: ↓ opens the menu on the current project; End goes to its last items.
  await switcher.focus();
  await page.keyboard.press("ArrowDown");
  await expect(menu).toBeVisible();
  await expect(page.getByRole("menuitemradio", { checked: true })).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Share this project…" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "New project…" })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("new-project-dialog");
  await expect(dialog.getByLabel("Name")).toBeFocused();
  // A blank name is refused by the server, naming what is wrong; nothing is made.
  await dialog.getByLabel("Name").fill("   ");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("name must not be empty");
  await dialog.getByLabel("Name").fill(name);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(switcher).toHaveAccessibleName(`Project: ${name}. Switch project`);
  const projects = ((await (await request.get("/api/projects")).json()) as { items: ProjectDTO[] }).items;
  const made = projects.find((p) => p.name === name)!;
  expect(made).toMatchObject({ clipCount: 0, archivedAt: null });
  await expect(switcher).toHaveAttribute("data-project", made.id);

  // The gallery is the new project's: empty, the old clip gone.
  await expect(page.getByTestId("history-empty")).toBeVisible();
  await expect(studio.card(old!.id)).toHaveCount(0);

  // A clip made in the composer goes into the current project.
  await studio.addReferences([await character("skipper.png", 302)]);
  await studio.prompt.fill("<IMAGE_REF_0> steers out of the harbour. Single continuous shot. Engine hum.");
  await studio.setDuration(3);
  await studio.generateButton.click();
  const id = await studio.newCardId(new Set([old!.id]));
  await studio.expectCompleted(studio.card(id));
  const clip = ((await (await request.get(`/api/generations/${id}`)).json()) as { generation: GenerationDTO })
    .generation;
  expect(clip.projectId).toBe(made.id);
  await expect(studio.cards).toHaveCount(1);

  // A reload's first HTML is already scoped (the server reads the cookie).
  const html = await (await page.request.get("/")).text();
  expect(html).toContain(id);
  expect(html).not.toContain(old!.id);
  await page.reload();
  await expect(studio.card(id)).toBeVisible();
  await expect(studio.card(old!.id)).toHaveCount(0);

  // The switcher counts it; All projects (by keyboard) shows both clips.
  await switcher.click();
  await expect(menu.getByRole("menuitemradio", { name: new RegExp(`^${name}\\s*1 clip$`) })).toBeVisible();
  await expect(page.getByRole("menuitemradio", { name: new RegExp(name) })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(switcher).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const all = page.getByRole("menuitemradio", { name: "All projects" });
  for (let i = 0; i < 20 && !(await all.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(switcher).toHaveAccessibleName("Project: All projects. Switch project");
  await expect(studio.card(id)).toBeVisible();
  await expect(studio.card(old!.id)).toBeVisible();
  const unscoped = (await (await request.get("/api/generations?limit=100")).json()) as GenerationPage;
  expect(unscoped.items.map((g) => g.id)).toEqual(expect.arrayContaining([id, old!.id]));

  // Back in the project: spend and the library count its clips only.
  await switcher.click();
  await menu.getByRole("menuitemradio", { name: new RegExp(name) }).click();
  await page.getByRole("link", { name: "Spend" }).click();
  await expect(page.getByTestId("scope-note")).toContainText(name);
  const completed = page.getByTestId("spend-totals").locator("div", { hasText: "Completed" }).locator("dd");
  await expect(completed).toHaveText("1");
  await page.getByRole("link", { name: "Library" }).click();
  await expect(page.getByTestId("scope-note")).toContainText(name);

  // Manage: rename, then archive as the owner. The switcher falls back to the first project.
  await switcher.click();
  await menu.getByRole("menuitem", { name: "Manage projects…" }).click();
  const manage = page.getByTestId("manage-projects-dialog");
  const row = manage.locator(`[data-testid="manage-project"][data-id="${made.id}"]`);
  await row.getByRole("button", { name: `Rename ${name}` }).click();
  await row.getByLabel(`New name for ${name}`).fill(`${name} (final)`);
  await row.getByLabel(`New name for ${name}`).press("Enter");
  await expect(row.getByTestId("manage-project-name")).toHaveText(`${name} (final)`);
  await expect(switcher).toHaveAccessibleName(`Project: ${name} (final). Switch project`);
  await row.getByRole("button", { name: `Archive ${name} (final)` }).click();
  await expect(row).toBeHidden();
  await manage.getByTestId("show-archived").check();
  await expect(row).toContainText("Archived");
  await expect(row.getByRole("button", { name: `Unarchive ${name} (final)` })).toBeVisible();
  await manage.getByRole("button", { name: "Close" }).click();
  await expect(switcher).not.toHaveAttribute("data-project", made.id);
  await switcher.click();
  await expect(menu.getByRole("menuitemradio", { name: new RegExp(name) })).toHaveCount(0);
  await page.keyboard.press("Escape");
  const archived = ((await (await request.get("/api/projects?archived=1")).json()) as { items: ProjectDTO[] })
    .items;
  expect(archived.find((p) => p.id === made.id)?.archivedAt).not.toBeNull();
  await studio.goto();
  await expect(studio.card(old!.id)).toBeVisible();
  await expect(studio.card(id)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a project made or renamed elsewhere appears in an open page's switcher without a reload", async ({
  studio,
  page,
  request,
}) => {
  await studio.goto();
  const switcher = page.getByTestId("project-switcher");
  await switcher.click();
  const menu = page.getByRole("menu", { name: "Projects" });
  await expect(menu).toBeVisible();
  const name = `Live project ${Date.now().toString(36)}`;
  const res = await request.post("/api/projects", { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  const { project } = (await res.json()) as { project: ProjectDTO };
  // The "project" change reaches the page over the live stream; the open menu lists it.
  await expect(menu.getByRole("menuitemradio", { name: new RegExp(`^${name}\\s*0 clips$`) })).toBeVisible();
  const renamed = await request.patch(`/api/projects/${project.id}`, { data: { name: `${name} b` } });
  expect(renamed.status()).toBe(200);
  await expect(menu.getByRole("menuitemradio", { name: new RegExp(`^${name} b\\s*0 clips$`) })).toBeVisible();
  // Tidy: archived, so the other specs' switchers list what they made.
  expect((await request.patch(`/api/projects/${project.id}`, { data: { archived: true } })).status()).toBe(
    200,
  );
  await expect(menu.getByRole("menuitemradio", { name: new RegExp(name) })).toHaveCount(0);
});
