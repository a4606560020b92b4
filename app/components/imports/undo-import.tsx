import { useEffect, useRef, useState, type FormEvent } from "react";
import type { StatementView } from "~/services/statements.server";
import { callApi } from "./api";

const MIN_REASON = 3;

/**
 * "Undo import": a small inline form asking why (required, audited), then the statement's
 * rows leave the ledger as a unit. The server decides who may; this only shows the way.
 */
export function UndoImport({
  statement,
  hydrated,
  onUndone,
}: {
  statement: Pick<StatementView, "id" | "fileName" | "rowCount">;
  hydrated: boolean;
  onUndone: (view: StatementView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const returnFocus = useRef(false);

  useEffect(() => {
    if (open) input.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [open]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setError(`Say why the import is undone (at least ${MIN_REASON} characters).`);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const res = await callApi<StatementView>(`/api/v1/statements/${encodeURIComponent(statement.id)}/undo`, {
      method: "POST",
      body: { reason: reason.trim() },
    });
    setBusy(false);
    if (res.ok) onUndone(res.body);
    else if (!res.aborted) setError(res.message);
  }

  if (!open) {
    return (
      <div className="undo">
        <button ref={opener} type="button" className="danger-outline" disabled={!hydrated} onClick={() => setOpen(true)}>
          Undo import…
        </button>
      </div>
    );
  }
  return (
    <form className="undo undo-form" onSubmit={submit} noValidate aria-labelledby="undo-title">
      <p id="undo-title" className="small">
        <strong>Undo this import?</strong> Its {statement.rowCount} {statement.rowCount === 1 ? "row leaves" : "rows leave"} the ledger
        as a unit; the file is kept and can be imported again.
      </p>
      <div className="field">
        <label htmlFor="undo-reason">Reason (required)</label>
        <input
          id="undo-reason"
          ref={input}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={MIN_REASON}
          maxLength={500}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "undo-error" : undefined}
          placeholder="e.g. uploaded to the wrong account"
        />
      </div>
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? "Undoing…" : "Undo import"}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => {
            returnFocus.current = true;
            setOpen(false);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
      {error ? (
        <p id="undo-error" role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
