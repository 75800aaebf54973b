"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * Watches for `?referenceVideo=<assetId>` (another page's "Use as reference video"), hands the id over
 * once, and takes the parameter out of the URL so a reload does not add it again. Render inside <Suspense>.
 */
export function ReferenceVideoParam({ onAdd }: { onAdd: (assetId: string) => void }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const id = params.get("referenceVideo");

  useEffect(() => {
    if (!id) return;
    onAdd(id);
    const rest = new URLSearchParams(params.toString());
    rest.delete("referenceVideo");
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [id, onAdd, params, pathname, router]);

  return null;
}
