import type { ProviderError } from "@/lib/providers/types";

// A failed clip's reason as a short headline; the provider's full sentence (error.message) goes under it.

const IMAGE_CODES = new Set([
  "image_too_small",
  "image_too_large",
  "image_load_error",
  "file_download_error",
  "file_too_large",
]);

export type FailureKind = "content_policy" | "timeout" | "inputs" | "unreachable" | "saving" | "provider";

export function failureKind(code: string | undefined): FailureKind {
  if (!code) return "provider";
  if (code === "content_policy_violation") return "content_policy";
  if (code === "provider_timeout" || code === "timeout") return "timeout";
  if (code === "invalid_request" || IMAGE_CODES.has(code)) return "inputs";
  if (code === "provider_unreachable" || code === "rate_limited" || code === "provider_auth")
    return "unreachable";
  if (["download_failed", "save_failed", "invalid_output", "missing_output", "output_missing"].includes(code))
    return "saving";
  return "provider";
}

const TITLES: Record<FailureKind, string> = {
  content_policy: "Blocked by the content policy",
  timeout: "Timed out",
  inputs: "The provider refused the inputs",
  unreachable: "Could not reach the provider",
  saving: "The video could not be saved",
  provider: "Provider error",
};

export function failureTitle(error: ProviderError | null): string {
  return TITLES[failureKind(error?.code)];
}
