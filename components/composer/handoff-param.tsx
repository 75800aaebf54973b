"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { getJson } from "@/lib/client/http";

/**
 * Another page hands the composer something through its URL: `?use=<clip>` (Use these settings),
 * `?referenceVideo=<asset>` (Use as reference video), `?insert=<character>` (the library's Insert). This
 * watches for `name`, hands the value over once `ready` (e.g. the stored draft restored), and takes the
 * parameter out of the URL so a reload does not do it again. Render inside <Suspense>.
 */
export function HandoffParam({
  name,
  ready = true,
  onValue,
}: {
  name: string;
  ready?: boolean;
  onValue: (value: string) => void;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const value = params.get(name);
  const done = useRef<string | null>(null);

  useEffect(() => {
    if (!value || !ready || done.current === value) return;
    done.current = value;
    onValue(value);
    const rest = new URLSearchParams(params.toString());
    rest.delete(name);
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [name, value, ready, onValue, params, pathname, router]);

  return null;
}

/** Fetches a saved character by id and inserts it; a character that is gone says so. */
export function insertCharacterById(id: string, insert: (c: CharacterDTO) => void): void {
  getJson<{ character: CharacterDTO }>(`/api/characters/${encodeURIComponent(id)}`)
    .then(({ character }) => insert(character))
    .catch((err: unknown) =>
      toast.error("Could not insert that character", {
        description: err instanceof Error ? err.message : undefined,
      }),
    );
}
