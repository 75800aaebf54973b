"use client";

import { useQuery } from "@tanstack/react-query";
import { cn } from "@/components/ui/cn";
import { formatBytes } from "@/lib/client/format";
import { getJson } from "@/lib/client/http";
import type { StorageUsage } from "@/lib/generations/storage-usage-dto";

const th = "px-3 py-2 text-left text-xs font-medium text-ink-400";
const td = "px-3 py-2 tabular-nums";

/**
 * Storage by project on the Spend page: each project's videos, the references its clips used, its
 * exports, and the studio's total (each file once). The current project's row is marked.
 */
export function StorageSection({ currentProjectId }: { currentProjectId: string | null }) {
  const { data, isPending, isError, error } = useQuery({
    queryKey: ["spend", "storage"],
    queryFn: ({ signal }) => getJson<StorageUsage>("/api/spend/storage", signal),
  });
  return (
    <section aria-labelledby="storage" className="flex flex-col gap-2">
      <h2 id="storage" className="text-sm font-semibold text-ink-100">
        Storage by project
      </h2>
      <p className="text-ink-400 text-xs">
        Videos, the references their clips used and exports, each file once per project; deleted clips count
        until they are removed for good (ten minutes after).
        {data ? ` The studio keeps ${formatBytes(data.totalBytes)} in all.` : ""}
      </p>
      {isPending ? (
        <p role="status" className="text-sm text-ink-400">
          Measuring storage…
        </p>
      ) : isError ? (
        <p role="alert" className="text-sm text-danger">
          Could not measure storage: {error.message}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-card border border-ink-700 bg-ink-900">
          <table className="w-full text-sm text-ink-100" data-testid="spend-storage">
            <thead className="border-ink-700 border-b">
              <tr>
                <th className={th}>Project</th>
                <th className={th}>Clips</th>
                <th className={th}>Videos</th>
                <th className={`${th} hidden sm:table-cell`}>References</th>
                <th className={`${th} hidden sm:table-cell`}>Exports</th>
                <th className={th}>Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-700/70">
              {data.projects.map((p) => {
                const current = p.projectId === currentProjectId;
                return (
                  <tr
                    key={p.projectId}
                    aria-current={current || undefined}
                    className={cn(current && "bg-accent/10")}
                    data-project={p.projectId}
                  >
                    <td className={td}>
                      {p.name}
                      {p.archived && <span className="text-ink-400"> (archived)</span>}
                      {current && <span className="sr-only"> (current project)</span>}
                    </td>
                    <td className={td}>{p.clips}</td>
                    <td className={td}>{formatBytes(p.videoBytes)}</td>
                    <td className={`${td} hidden sm:table-cell`}>{formatBytes(p.referenceBytes)}</td>
                    <td className={`${td} hidden sm:table-cell`}>{formatBytes(p.exportBytes)}</td>
                    <td className={`${td} font-medium`}>{formatBytes(p.totalBytes)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
