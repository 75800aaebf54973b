"use client";

import Link from "next/link";
import { CompareIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";
import { compareHref, MAX_COMPARE } from "@/lib/review/compare-ids";

/** In a take group: "Compare takes" opens every finished take (two to four) side by side in compare. */
export function CompareTakesLink({ takes }: { takes: readonly GenerationDTO[] }) {
  const done = takes.filter((g) => g.status === "completed").slice(0, MAX_COMPARE);
  if (done.length < 2) return null;
  return (
    <Link
      href={compareHref(done.map((g) => g.id))}
      className="inline-flex items-center gap-1 rounded text-xs font-medium text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
      data-testid="compare-takes"
      title={`Compare the ${done.length} finished takes side by side`}
    >
      <CompareIcon className="size-3.5" />
      Compare takes
    </Link>
  );
}
