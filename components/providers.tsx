"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useLayoutEffect, useState } from "react";
import { Toaster } from "sonner";
import { useTheme } from "@/components/ui/theme";
import { useLiveEvents } from "@/lib/client/use-live-events";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 2 },
    },
  });
}

/** One QueryClient per browser tab. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const theme = useTheme();
  // The page's first commit is done (layout effects run children first, so this is the last of them):
  // <body data-hydrated>. The page-speed benchmark times the framework's floor (/login) by it.
  useLayoutEffect(() => {
    document.body.dataset.hydrated = "";
  }, []);
  return (
    <QueryClientProvider client={client}>
      <LiveEvents />
      {children}
      {/* Results of actions (generated, deleted, refused) are announced here; call toast() from sonner. */}
      <Toaster position="bottom-right" theme={theme ?? "system"} richColors closeButton />
    </QueryClientProvider>
  );
}

/** Keeps every view fresh while anyone changes what it shows (GET /api/events). */
function LiveEvents() {
  useLiveEvents();
  return null;
}
