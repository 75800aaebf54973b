// JSON shape of GET /api/spend/storage (lib/generations/storage-usage.ts), for the server and the Spend
// page. Types only.

export interface ProjectStorage {
  projectId: string;
  name: string;
  archived: boolean;
  clips: number;
  videoBytes: number;
  referenceBytes: number;
  exportBytes: number;
  totalBytes: number;
}

export interface StorageUsage {
  projects: ProjectStorage[];
  /** Every stored video, reference (library-only ones too) and export, each file once. */
  totalBytes: number;
}
