/** Statement statuses as the pages show them: one label and one badge style per status. */
export const STATUS_LABEL: Record<string, string> = {
  queued: "queued",
  parsing: "parsing",
  posted: "posted",
  needs_review: "needs review",
  needs_mapping: "needs mapping",
  failed: "failed",
  undone: "undone",
};

/** Statuses a statement stays in until a person (or a re-run) moves it on. */
export const SETTLED_STATUSES = new Set(["posted", "needs_review", "needs_mapping", "failed", "undone"]);

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status.replace(/_/g, " ");
}

export function StatusBadge({ status, progress, testId }: { status: string; progress?: number; testId?: string }) {
  return (
    <span className={`badge ${status}`} data-testid={testId}>
      {statusLabel(status)}
      {status === "parsing" && progress !== undefined ? ` ${progress}%` : ""}
    </span>
  );
}

/** `2026-11-22T14:03:09.000Z` → `2026-11-22 14:03 UTC` (the same on server and client). */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
