import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getRuntime } from "@/lib/server/runtime";
import { hasRole, type MemberActor, type Role } from "./actor";
import { resolveActor } from "./session";

// The pages' twin of apiRoute and serverAction: a studio page resolves the member before it renders
// anything. Not signed in: to the sign-in page (or to setup while the studio has no owner), with the page to
// come back to. Signed in without the role: the page does not exist for them (404), as an API would say.

async function requestHeaders(): Promise<Headers> {
  return new Headers(await headers());
}

export async function requireMember(path: string, role: Role = "reviewer"): Promise<MemberActor> {
  const actor = await resolveActor(requestHeaders);
  if (actor?.kind !== "member") {
    const rt = await getRuntime();
    if (await rt.setup.needsSetup()) redirect("/setup");
    redirect(path === "/" ? "/login" : `/login?${new URLSearchParams({ next: path })}`);
  }
  if (!hasRole(actor, role)) notFound();
  return actor;
}

/** The member viewing a page, or null: for pages that are public but look different when signed in. */
export async function currentMember(): Promise<MemberActor | null> {
  const actor = await resolveActor(requestHeaders);
  return actor?.kind === "member" ? actor : null;
}
