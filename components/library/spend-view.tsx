"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCurrentProject } from "@/lib/client/current-project";
import { formatUsd } from "@/lib/client/format";
import { ledgerQueryOptions } from "@/lib/client/review";
import { StorageSection } from "./storage-section";

const TONES = {
  neutral: "text-ink-100",
  ok: "text-ok",
  danger: "text-danger",
  muted: "text-ink-300",
} as const;

/** A count takes its colour only when it is not zero: "Failed 0" is good news, not an alarm. */
const countTone = (n: number, tone: keyof typeof TONES) => (n === 0 ? "neutral" : tone);

function Stat({
  label,
  value,
  tone = "neutral",
}: {
  label: string;
  value: string;
  tone?: keyof typeof TONES;
}) {
  return (
    <div className="flex flex-col gap-1 rounded-card border border-ink-700 bg-ink-900 p-4">
      <dt className="text-xs text-ink-400">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${TONES[tone]}`} data-tone={tone}>
        {value}
      </dd>
    </div>
  );
}

const th = "px-3 py-2 text-left text-xs font-medium text-ink-400";
const td = "px-3 py-2 tabular-nums";

/** The ledger: spend per day and per character over the last 30 days, completed vs failed. */
export function SpendView() {
  // The current project's clips (the header's switcher); "All projects" counts every one.
  const current = useCurrentProject();
  const { data, isPending, isError, error } = useQuery({
    ...ledgerQueryOptions(30, current.projectId),
    enabled: current.ready,
  });
  const max = Math.max(0.01, ...(data?.days.map((d) => d.completedUsd) ?? []));
  return (
    <main className="mx-auto flex max-w-[1100px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold text-ink-100">Spend</h1>
        <p className="text-sm text-ink-400">
          The last 30 days from the stored costs: completed clips at their cost, failed and canceled ones
          counted but not charged. Preview clips are free.
        </p>
        <p className="text-ink-400 text-xs" data-testid="scope-note">
          Showing{" "}
          <span className="font-medium text-ink-200">
            {current.project ? current.project.name : "all projects"}
          </span>
        </p>
      </div>
      {isPending ? (
        <p role="status" className="text-sm text-ink-400">
          Loading the ledger…
        </p>
      ) : isError ? (
        <p role="alert" className="text-sm text-danger">
          Could not load the ledger: {error.message}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="spend-totals">
            <Stat label="Spent" value={formatUsd(data.totals.completedUsd)} />
            <Stat
              label="Completed"
              value={String(data.totals.completed)}
              tone={countTone(data.totals.completed, "ok")}
            />
            <Stat
              label="Failed"
              value={String(data.totals.failed)}
              tone={countTone(data.totals.failed, "danger")}
            />
            <Stat
              label="Canceled"
              value={String(data.totals.canceled)}
              tone={countTone(data.totals.canceled, "muted")}
            />
          </dl>
          <section aria-labelledby="per-day" className="flex flex-col gap-2">
            <h2 id="per-day" className="text-sm font-semibold text-ink-100">
              Per day
            </h2>
            {data.days.length === 0 ? (
              <p className="text-sm text-ink-400">No clips in the last 30 days.</p>
            ) : (
              <div className="overflow-x-auto rounded-card border border-ink-700 bg-ink-900">
                <table className="w-full text-sm text-ink-100" data-testid="spend-days">
                  <thead className="border-ink-700 border-b">
                    <tr>
                      <th className={th}>Day (UTC)</th>
                      <th className={th}>Spent</th>
                      <th className={`${th} hidden sm:table-cell`}>
                        <span className="sr-only">Share</span>
                      </th>
                      <th className={th}>Completed</th>
                      <th className={th}>Failed</th>
                      <th className={th}>Canceled</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-ink-700/70">
                    {data.days.map((d) => (
                      <tr key={d.day}>
                        <td className={td}>{d.day}</td>
                        <td className={td}>{formatUsd(d.completedUsd)}</td>
                        <td className="hidden w-1/3 px-3 sm:table-cell">
                          <div className="h-2 rounded-full bg-ink-800">
                            <div
                              className="h-2 rounded-full bg-accent"
                              style={{ width: `${(d.completedUsd / max) * 100}%` }}
                            />
                          </div>
                        </td>
                        <td className={`${td} ${d.completed ? "text-ok" : "text-ink-400"}`}>{d.completed}</td>
                        <td className={`${td} ${d.failed ? "text-danger" : "text-ink-400"}`}>{d.failed}</td>
                        <td className={`${td} text-ink-400`}>{d.canceled}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="per-character" className="flex flex-col gap-2">
            <h2 id="per-character" className="text-sm font-semibold text-ink-100">
              Per character
            </h2>
            {data.characters.length === 0 ? (
              <p className="text-sm text-ink-400">No saved characters yet.</p>
            ) : (
              <div className="overflow-x-auto rounded-card border border-ink-700 bg-ink-900">
                <table className="w-full text-sm text-ink-100" data-testid="spend-characters">
                  <thead className="border-ink-700 border-b">
                    <tr>
                      <th className={th}>Character</th>
                      <th className={th}>Clips</th>
                      <th className={th}>Spent</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-ink-700/70">
                    {data.characters.map((c) => (
                      <tr key={c.id}>
                        <td className={td}>
                          <Link
                            href={`/?character=${encodeURIComponent(c.id)}`}
                            className="rounded text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
                          >
                            {c.name}
                          </Link>
                        </td>
                        <td className={td}>{c.clipCount}</td>
                        <td className={td}>{formatUsd(c.spendUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      <StorageSection currentProjectId={current.projectId} />
    </main>
  );
}
