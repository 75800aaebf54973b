"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * Watches for `?use=<generationId>` (the gallery's "Use these settings"), hands the id over once, and
 * takes the parameter out of the URL so a reload does not ask again. Render inside <Suspense>.
 */
export function UseSettingsParam({ onUse }: { onUse: (id: string) => void }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const id = params.get("use");

  useEffect(() => {
    if (!id) return;
    onUse(id);
    const rest = new URLSearchParams(params.toString());
    rest.delete("use");
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [id, onUse, params, pathname, router]);

  return null;
}
