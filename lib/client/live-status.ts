"use client";

// Whether this tab's live event stream is open. Polling reads it: while the stream tells the tab what
// changed, a clip in flight is polled only as a fallback, slowly.
let connected = false;

export function setLiveConnected(value: boolean): void {
  connected = value;
  // <body data-live="connected">: end-to-end specs and the benchmark wait for it before changing things.
  if (typeof document !== "undefined") document.body.dataset.live = value ? "connected" : "off";
}

export function isLiveConnected(): boolean {
  return connected;
}
