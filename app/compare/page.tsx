import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ServerState } from "@/app/_lib/server-state";
import { CompareView } from "@/components/library/compare-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { compareHref, parseCompareIds } from "@/lib/review/compare-ids";

export const metadata: Metadata = { title: "Compare" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ ids?: string; a?: string; b?: string }> };

const one = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * `/compare?ids=<a>,<b>[,<c>[,<d>]]`: the comparison has its own URL. The older `?a=<id>&b=<id>` links
 * still work: they are sent on to the `ids` form.
 */
export default async function ComparePage({ searchParams }: Props) {
  const params = await searchParams;
  const ids = one(params.ids);
  const a = one(params.a);
  const b = one(params.b);
  const parsed = parseCompareIds({ ids, a, b });
  const here = ids !== undefined ? `/compare?${new URLSearchParams({ ids })}` : "/compare";
  const me = toMe(await requireMember(parsed.ok ? compareHref(parsed.ids) : here));
  if (ids === undefined && parsed.ok) redirect(compareHref(parsed.ids));
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <CompareView ids={parsed.ok ? parsed.ids : []} problem={parsed.ok ? null : parsed.message} />
    </>
  );
}
