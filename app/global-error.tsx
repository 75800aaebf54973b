"use client";

import "./globals.css";
import { ErrorMessage } from "@/components/ui/error-message";
import { themeScript } from "@/components/ui/theme-script";

/**
 * When the root layout itself fails, this replaces it: so it has its own <html> and <body>, the theme
 * script and the styles, and nothing from the layout (no providers, so no header that queries).
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Something went wrong · Omni Studio</title>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant string of our own, no user data */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-ink-950 font-sans text-ink-100 antialiased">
        <ErrorMessage error={error} onRetry={retry} />
      </body>
    </html>
  );
}
