import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { formatAmount } from "~/domain/money";
import type { DuplicateCandidateView } from "~/services/imports.server";
import type { StatementPreview } from "~/services/profiles.server";
import type { StatementView } from "~/services/statements.server";
import { callApi } from "./api";
import { DuplicateCandidates } from "./duplicate-candidates";
import { MappingEditor } from "./mapping-editor";
import { formatTimestamp, SETTLED_STATUSES, StatusBadge } from "./status";
import { UndoImport } from "./undo-import";

const POLL_MS = 1000;

export interface StatementDetailData {
  statement: StatementView;
  candidates: DuplicateCandidateView[];
  preview: StatementPreview | null;
  previewError: string | null;
  canUndo: boolean;
  canMap: boolean;
}

function money(value: string | null, currency: string): string {
  if (value === null) return "—";
  try {
    return formatAmount(value, currency);
  } catch {
    return value;
  }
}

/** Why the statement is in its status, in a sentence. */
function statusReason(s: StatementView): string | null {
  switch (s.status) {
    case "queued":
      return "Waiting to be read.";
    case "parsing":
      return `Being read: ${s.progress}%.`;
    case "posted":
      return s.error ?? "Imported: its rows are in the ledger.";
    case "needs_review":
      return s.error ?? "Held: the balances do not add up, so its rows are not counted yet.";
    case "needs_mapping":
      return s.error ?? "Held: the columns could not be recognised with certainty; confirm the mapping below.";
    case "failed":
      return s.error ?? "The file could not be read.";
    case "undone":
      return `Undone${s.undoneAt ? ` on ${formatTimestamp(s.undoneAt)}` : ""}: its rows were taken out of the ledger. The file can be imported again.`;
    default:
      return s.error;
  }
}

/**
 * One statement: its status and why, its counts, warnings and chain issue, how the file was
 * read, its open near-duplicates, and what a person can do next (confirm a mapping, undo).
 * While the statement is being (re-)read, its status is polled like a live upload.
 */
export function StatementDetail({ statement: loaded, candidates, preview, previewError, canUndo, canMap }: StatementDetailData) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [hydrated, setHydrated] = useState(false);
  // What the page learned since the loader ran (an undo's answer, a poll); cleared by fresh loader data.
  const [override, setOverride] = useState<StatementView | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => setHydrated(true), []);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => setOverride(null), [loaded]);

  const s = override ?? loaded;
  const active = !SETTLED_STATUSES.has(s.status);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const res = await callApi<StatementView>(`/api/v1/statements/${encodeURIComponent(s.id)}`);
      if (stopped) return;
      if (!res.ok) {
        if (res.status === 0) timer = setTimeout(tick, POLL_MS * 2); // network blip: keep trying
        else setPollError(res.message);
        return;
      }
      setPollError(null);
      setOverride(res.body);
      if (SETTLED_STATUSES.has(res.body.status)) revalidate.current();
      else timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, s.id]);

  const said = statusReason(s);
  // The engine words its reasons as clauses ("the columns could not be …"); shown as a sentence.
  const reason = said ? said.charAt(0).toUpperCase() + said.slice(1) : null;
  const settled = SETTLED_STATUSES.has(s.status);
  const showMapping = s.status === "needs_mapping" && canMap;
  return (
    <section className="card statement-detail" aria-labelledby="detail-title" data-hydrated={hydrated ? "true" : undefined} data-testid="statement-detail">
      <div className="detail-head">
        <h2 id="detail-title" ref={heading} tabIndex={-1}>
          <span className="file-name">{s.fileName}</span>
        </h2>
        <StatusBadge status={s.status} progress={s.progress} testId="detail-status" />
        <Link to="/uploads" className="close" preventScrollReset>
          Close<span className="visually-hidden"> the details of {s.fileName}</span>
        </Link>
      </div>

      {reason ? (
        <p className={s.status === "failed" ? "form-error" : "status-reason"} data-testid="status-reason">
          {reason}
        </p>
      ) : null}
      {s.status === "queued" || s.status === "parsing" ? (
        <progress max={100} value={s.progress} aria-label={`Processing ${s.fileName}`}>
          {s.progress}%
        </progress>
      ) : null}
      {pollError ? (
        <p role="alert" className="error">
          {pollError}
        </p>
      ) : null}

      {settled && s.status !== "needs_mapping" ? (
        <dl className="facts">
          <div>
            <dt>Rows</dt>
            <dd className="num">{s.rowCount}</dd>
          </div>
          <div>
            <dt>Duplicates set aside</dt>
            <dd className="num">{s.duplicateCount}</dd>
          </div>
          <div>
            <dt>Pending</dt>
            <dd className="num">{s.pendingCount}</dd>
          </div>
          <div>
            <dt>Skipped lines</dt>
            <dd className="num">{s.skippedCount}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd className="nowrap">
              {s.periodStart && s.periodEnd ? (s.periodStart === s.periodEnd ? s.periodStart : `${s.periodStart} – ${s.periodEnd}`) : "—"}
            </dd>
          </div>
          {s.openingBalance !== null || s.closingBalance !== null ? (
            <>
              <div>
                <dt>Opening balance</dt>
                <dd className="num">{money(s.openingBalance, s.currency)}</dd>
              </div>
              <div>
                <dt>Closing balance</dt>
                <dd className="num">{money(s.closingBalance, s.currency)}</dd>
              </div>
            </>
          ) : null}
        </dl>
      ) : null}

      {s.chainIssue ? (
        <div className="note chain-issue" role="note">
          <strong>Does not follow on from the previous statement:</strong> {s.chainIssue}
        </div>
      ) : null}

      {s.warnings.length > 0 ? (
        <section aria-labelledby="warnings-title" className="detail-block">
          <h3 id="warnings-title">Warnings</h3>
          <ul className="warnings">
            {s.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {canUndo && (s.status === "posted" || s.status === "needs_review") ? (
        <UndoImport
          statement={s}
          hydrated={hydrated}
          onUndone={(view) => {
            setOverride(view);
            revalidate.current();
          }}
        />
      ) : null}

      {showMapping && preview ? (
        <MappingEditor
          statementId={s.id}
          fileName={s.fileName}
          currency={s.currency}
          preview={preview}
          hydrated={hydrated}
          onQueued={() => setOverride({ ...s, status: "queued", progress: 0, error: null })}
        />
      ) : showMapping && previewError ? (
        <p role="alert" className="error">
          The file could not be previewed: {previewError}
        </p>
      ) : null}

      {s.status === "posted" || s.status === "needs_review" || (candidates.length > 0 && settled && s.status !== "undone") ? (
        <DuplicateCandidates candidates={candidates} currency={s.currency} hydrated={hydrated} onDecided={() => revalidate.current()} />
      ) : null}

      {s.explain.length > 0 ? (
        <section aria-labelledby="explain-title" className="detail-block">
          <h3 id="explain-title">How this file was read</h3>
          {s.confidence ? <p className="muted small">Detection confidence: {s.confidence}.</p> : null}
          <ol className="explain" data-testid="explain">
            {s.explain.map((e, i) => (
              <li key={i}>
                <span className="step">{e.step}</span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">: </span>
                <strong className="decision">{e.decision}</strong>
                {e.evidence ? <span className="evidence muted"> — {e.evidence}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
