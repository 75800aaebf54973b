"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { getJson } from "@/lib/client/http";

/**
 * Watches for `?insert=<characterId>` (the library's Insert), inserts that character once the draft is
 * restored, and takes the parameter out of the URL. Render inside <Suspense>.
 */
export function InsertCharacterParam({
  ready,
  onInsert,
}: {
  ready: boolean;
  onInsert: (c: CharacterDTO) => void;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const id = params.get("insert");
  const done = useRef<string | null>(null);

  useEffect(() => {
    if (!id || !ready || done.current === id) return;
    done.current = id;
    getJson<{ character: CharacterDTO }>(`/api/characters/${encodeURIComponent(id)}`)
      .then(({ character }) => onInsert(character))
      .catch((err: unknown) =>
        toast.error("Could not insert that character", {
          description: err instanceof Error ? err.message : undefined,
        }),
      );
    const rest = new URLSearchParams(params.toString());
    rest.delete("insert");
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [id, ready, onInsert, params, pathname, router]);

  return null;
}
