import type { Metadata } from "next";
import { ServerState } from "@/app/_lib/server-state";
import { CompareView } from "@/components/library/compare-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Compare" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ a?: string; b?: string }> };

/** `/compare?a=<id>&b=<id>`: the comparison has its own URL. */
export default async function ComparePage({ searchParams }: Props) {
  const { a = "", b = "" } = await searchParams;
  const me = toMe(await requireMember(`/compare?${new URLSearchParams({ a, b })}`));
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <CompareView a={a} b={b} />
    </>
  );
}
