import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useParams, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { formatTimestamp, SETTLED_STATUSES, statusLabel, StatusBadge } from "~/components/imports/status";
import { listAccounts } from "~/services/accounts.server";
import { requirePermission } from "~/services/auth.server";
import { listStatements, type StatementView } from "~/services/statements.server";

export const meta: MetaFunction = () => [{ title: "Uploads · Cashline" }];

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "statements:read");
  const [accounts, statements] = await Promise.all([listAccounts(auth), listStatements(auth, { limit: 25 })]);
  return json({ accounts, statements });
}

// The formats the engine reads (app/domain/sniff.ts decides by content; this only sets the
// file picker's filter, so that OFX, QIF, CAMT and MT940 files are not hidden in it).
// QuickBooks Web Connect files (.qbo) are OFX; Rabobank names its MT940 files .swi; savings
// banks deliver a range of CAMT.053 days as a ZIP.
const ACCEPT = ".csv,.tsv,.txt,.pdf,.ofx,.qfx,.qbo,.qif,.xml,.zip,.sta,.940,.mt940,.swi,text/csv,text/plain,application/pdf,application/xml,text/xml,application/zip,application/x-ofx";
const POLL_MS = 1000;
/** Where polling stops: the statement waits for nothing but a person now. */
const TERMINAL: ReadonlySet<string> = SETTLED_STATUSES;
const STATEMENT_PHASES = ["queued", "parsing", "posted", "needs_review", "needs_mapping", "failed", "undone"];

/** One chosen file, from upload to a final statement status. */
interface UploadItem {
  key: string;
  fileName: string;
  /** `uploading` and `rejected` (the API refused the file) are client-side states. */
  phase: "uploading" | "queued" | "parsing" | "posted" | "needs_review" | "needs_mapping" | "failed" | "undone" | "rejected";
  loaded: number;
  total: number;
  statementId?: string;
  progress: number;
  rowCount?: number;
  error?: string;
  warnings: string[];
}

const PHASE_BADGE: Partial<Record<UploadItem["phase"], string>> = { uploading: "queued", rejected: "failed" };
const phaseLabel = (phase: UploadItem["phase"]): string => (phase === "uploading" || phase === "rejected" ? phase : statusLabel(phase));

/** The API's one error shape, `{ error: { code, message } }`, or a fallback naming the status. */
function errorMessage(body: unknown, status: number, fileName: string): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message) return message;
  return `${fileName}: the server answered ${status}; try again.`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function statusText(item: UploadItem): string {
  const label = phaseLabel(item.phase);
  if (item.phase === "uploading") return `${label} ${item.total ? Math.round((item.loaded / item.total) * 100) : 0}%`;
  if (item.phase === "parsing") return `${label} ${item.progress}%`;
  return label;
}

export default function Uploads() {
  const { accounts, statements } = useLoaderData<typeof loader>();
  const { id: openId } = useParams();
  const revalidator = useRevalidator();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const requests = useRef(new Set<XMLHttpRequest>());
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    mounted.current = true;
    setHydrated(true);
    const pending = timers.current;
    const xhrs = requests.current;
    return () => {
      mounted.current = false;
      for (const t of pending) clearTimeout(t);
      for (const x of xhrs) x.abort();
    };
  }, []);

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    if (!mounted.current) return;
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }, []);

  const later = useCallback((fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.current.delete(t);
      fn();
    }, ms);
    timers.current.add(t);
  }, []);

  const poll = useCallback(
    (key: string, id: string, fileName: string) => {
      const tick = async () => {
        if (!mounted.current) return;
        let res: Response;
        try {
          res = await fetch(`/api/v1/statements/${encodeURIComponent(id)}`, {
            headers: { Accept: "application/json" },
            cache: "no-store",
            credentials: "same-origin",
          });
        } catch {
          later(tick, POLL_MS * 2); // network blip: keep trying
          return;
        }
        const body = parseJson(await res.text());
        if (!res.ok) {
          update(key, { phase: "failed", error: errorMessage(body, res.status, fileName) });
          return;
        }
        const s = body as StatementView;
        const phase = (STATEMENT_PHASES.includes(s.status) ? s.status : "queued") as UploadItem["phase"];
        update(key, { phase, progress: s.progress, rowCount: s.rowCount, error: s.error ?? undefined, warnings: s.warnings ?? [] });
        if (TERMINAL.has(s.status)) revalidate.current();
        else later(tick, POLL_MS);
      };
      later(tick, POLL_MS);
    },
    [later, update],
  );

  const upload = useCallback(
    (file: File, key: string, toAccount: string) => {
      const form = new FormData();
      form.set("accountId", toAccount);
      form.set("file", file, file.name);
      const xhr = new XMLHttpRequest();
      requests.current.add(xhr);
      xhr.open("POST", "/api/v1/statements");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(key, { loaded: e.loaded, total: e.total });
      };
      xhr.onload = () => {
        requests.current.delete(xhr);
        const body = parseJson(xhr.responseText);
        const id = (body as { id?: unknown } | null)?.id;
        if (xhr.status === 202 && typeof id === "string") {
          update(key, { phase: "queued", statementId: id, loaded: file.size, total: file.size });
          poll(key, id, file.name);
        } else {
          update(key, { phase: "rejected", error: errorMessage(body, xhr.status, file.name) });
        }
      };
      xhr.onerror = () => {
        requests.current.delete(xhr);
        update(key, { phase: "rejected", error: `${file.name}: the upload did not reach the server (network error); try again.` });
      };
      xhr.send(form);
    },
    [poll, update],
  );

  const addFiles = useCallback(
    (files: FileList | File[] | null) => {
      const list = Array.from(files ?? []);
      if (list.length === 0) return;
      const fresh: UploadItem[] = list.map((f) => ({
        key: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
        fileName: f.name,
        phase: "uploading",
        loaded: 0,
        total: f.size,
        progress: 0,
        warnings: [],
      }));
      setItems((prev) => [...fresh, ...prev]);
      // Each file is its own request: one bad file does not stop the others.
      list.forEach((f, i) => upload(f, fresh[i]!.key, accountId));
    },
    [accountId, upload],
  );

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!accountId) return;
    addFiles(e.dataTransfer.files);
  };

  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  // A statement moves on after its upload settled (a confirmed mapping, an undo): the list knows.
  const latest = new Map(statements.map((s) => [s.id, s]));
  const shown = items.map((it) => {
    const s = it.statementId && TERMINAL.has(it.phase) ? latest.get(it.statementId) : undefined;
    return s && s.status !== it.phase && STATEMENT_PHASES.includes(s.status)
      ? { ...it, phase: s.status as UploadItem["phase"], rowCount: s.rowCount, error: s.error ?? undefined, warnings: s.warnings, progress: s.progress }
      : it;
  });

  return (
    <section aria-labelledby="uploads-title">
      <h1 id="uploads-title">Upload statements</h1>

      {accounts.length === 0 ? (
        <p className="empty card">
          There is no bank account to upload to yet; an admin or operator adds one under <a href="/settings/accounts">Settings → Bank accounts</a>.
        </p>
      ) : (
        <div className="upload-form" data-hydrated={hydrated ? "true" : undefined}>
          <label className="upload-account">
            Bank account
            <select name="accountId" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.currency})
                </option>
              ))}
            </select>
          </label>

          <div
            className={`drop-zone${dragging ? " dragging" : ""}`}
            onDragEnter={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = "copy";
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={onDrop}
          >
            <p>
              Drop bank statements here (CSV, PDF, OFX/QFX, QIF, MT940, CAMT.053 or a ZIP of CAMT.053 files), or{" "}
              <button type="button" onClick={() => inputRef.current?.click()} disabled={!hydrated}>
                Choose files
              </button>
            </p>
            <p className="muted small">Each file is uploaded and checked separately; duplicates are recognised and skipped.</p>
            <label htmlFor="statement-files" className="visually-hidden">
              Statement files
            </label>
            <input
              ref={inputRef}
              id="statement-files"
              className="visually-hidden"
              type="file"
              name="file"
              multiple
              accept={ACCEPT}
              tabIndex={-1}
              onChange={(e) => {
                addFiles(e.currentTarget.files);
                e.currentTarget.value = ""; // the same file can be chosen again
              }}
            />
          </div>
        </div>
      )}

      {items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads in progress" aria-live="polite">
          {shown.map((it) => (
            <li key={it.key} className="upload-item card">
              <div className="upload-head">
                <span className="file-name">{it.fileName}</span>
                <span className={`badge ${PHASE_BADGE[it.phase] ?? it.phase}`} data-testid="upload-status">
                  {statusText(it)}
                </span>
                {it.rowCount !== undefined && TERMINAL.has(it.phase) && it.phase !== "needs_mapping" ? (
                  <span className="muted">
                    {it.rowCount} {it.rowCount === 1 ? "row" : "rows"}
                  </span>
                ) : null}
                {it.statementId ? (
                  <Link className="details-link" to={`/uploads/${it.statementId}`} aria-current={openId === it.statementId ? "true" : undefined}>
                    {it.phase === "needs_mapping" ? "Check the mapping" : "Details"}
                    <span className="visually-hidden"> for {it.fileName}</span>
                  </Link>
                ) : null}
              </div>
              {it.phase === "uploading" ? (
                <progress max={it.total || 1} value={it.loaded} aria-label={`Uploading ${it.fileName}`}>
                  {formatBytes(it.loaded)} of {formatBytes(it.total)}
                </progress>
              ) : it.phase === "queued" || it.phase === "parsing" ? (
                <progress max={100} value={it.progress} aria-label={`Processing ${it.fileName}`}>
                  {it.progress}%
                </progress>
              ) : null}
              {it.error && it.phase === "needs_mapping" ? (
                <p className="status-reason">{it.error.charAt(0).toUpperCase() + it.error.slice(1)}.</p>
              ) : it.error ? (
                <p role="alert" className="error">
                  {it.error}
                </p>
              ) : null}
              {it.warnings.length > 0 ? (
                <ul className="warnings">
                  {it.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      <Outlet />

      <h2 id="recent-title">Recent statements</h2>
      {statements.length === 0 ? (
        <p className="empty card">No statements uploaded yet.</p>
      ) : (
        <table className="grid" aria-labelledby="recent-title">
          <thead>
            <tr>
              <th scope="col">File</th>
              {accounts.length > 1 ? <th scope="col">Account</th> : null}
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Period</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Notes</th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr key={s.id} className={openId === s.id ? "selected" : undefined}>
                <td className="file-name">{s.fileName}</td>
                {accounts.length > 1 ? <td>{accountName.get(s.accountId) ?? "—"}</td> : null}
                <td>
                  <StatusBadge status={s.status} progress={s.progress} />
                </td>
                <td className="num">{TERMINAL.has(s.status) && s.status !== "needs_mapping" ? s.rowCount : "—"}</td>
                <td className="nowrap">{s.periodStart && s.periodEnd ? `${s.periodStart} – ${s.periodEnd}` : "—"}</td>
                <td className="nowrap">{formatTimestamp(s.uploadedAt)}</td>
                <td>
                  {s.error ? <span className={s.status === "needs_mapping" ? "status-note" : "form-error"}>{s.error}</span> : null}
                  {s.warnings.length > 0 ? (
                    <ul className="warnings">
                      {s.warnings.map((w, i) => (
                        <li key={i}>{w}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>
                  <Link to={`/uploads/${s.id}`} aria-current={openId === s.id ? "true" : undefined}>
                    Details<span className="visually-hidden"> for {s.fileName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
