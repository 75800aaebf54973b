import type { Metadata } from "next";
import { headers } from "next/headers";
import { ServerState } from "@/app/_lib/server-state";
import { AccountView } from "@/components/account/account-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { studioOrigin } from "@/lib/accounts/invite";
import { describeMe } from "@/lib/accounts/me";
import { listApiTokens } from "@/lib/accounts/tokens";
import { MIN_PASSWORD } from "@/lib/auth/auth";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

/** Any member: profile, password, sign out everywhere, personal API tokens. */
export default async function AccountPage() {
  const actor = await requireMember("/account", "reviewer");
  const { db } = await getRuntime();
  const [me, tokens, requestHeaders] = await Promise.all([
    describeMe(db.prisma, actor),
    listApiTokens(db.prisma, actor.id),
    headers(),
  ]);
  return (
    <>
      <ServerState>
        <StudioHeader me={toMe(actor)} />
      </ServerState>
      <AccountView
        me={me}
        tokens={tokens}
        origin={studioOrigin(new Headers(requestHeaders))}
        minPassword={MIN_PASSWORD}
      />
    </>
  );
}
