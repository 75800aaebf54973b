import { queryOptions } from "@tanstack/react-query";
import type { MeDTO } from "@/lib/accounts/dto";
import { getJson } from "./http";

/**
 * The signed-in member and what they may do (GET /api/me), for parts of a page that hide what the
 * server would refuse (a reviewer sees no Make final). The server checks again on every action.
 */
export const meQueryOptions = queryOptions({
  queryKey: ["me"] as const,
  queryFn: async ({ signal }) => (await getJson<{ me: MeDTO }>("/api/me", signal)).me,
  staleTime: 60_000,
});
