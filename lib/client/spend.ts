import { queryOptions } from "@tanstack/react-query";
import type { SpendDTO } from "@/lib/generations/dto";
import { getJson } from "./http";

export const spendKey = ["spend", "today"] as const;

/** Today's running total (server's UTC day). Refetched after each Generate and now and then. */
export const spendQueryOptions = queryOptions({
  queryKey: spendKey,
  queryFn: ({ signal }) => getJson<SpendDTO>("/api/spend", signal),
  staleTime: 10_000,
  refetchInterval: 60_000,
});
