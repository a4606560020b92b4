import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { CsvColumn, CsvLayout } from "~/domain/csv/layout";
import { formatAmount } from "~/domain/money";
import type { StatementPreview } from "~/services/profiles.server";
import { callApi } from "./api";

const PREVIEW_DEBOUNCE_MS = 300;
const SHOWN_LINES = 12;

const MONEY_ROLES: ReadonlySet<CsvColumn["role"]> = new Set(["amount", "debit", "credit", "fee", "hold", "balance"]);

const ROLE_OPTIONS: { value: CsvColumn["role"]; label: string }[] = [
  { value: "date", label: "date" },
  { value: "valueDate", label: "value date" },
  { value: "description", label: "description" },
  { value: "payee", label: "payee" },
  { value: "payer", label: "payer (beside a payee column: the other party of money in)" },
  { value: "amount", label: "amount (signed)" },
  { value: "debit", label: "debit (money out)" },
  { value: "credit", label: "credit (money in)" },
  { value: "fee", label: "fee (taken off the amount)" },
  { value: "hold", label: "hold (a row with only it is pending)" },
  { value: "direction", label: "direction (in/out marker)" },
  { value: "balance", label: "balance" },
  { value: "currency", label: "currency" },
  { value: "category", label: "category" },
  { value: "reference", label: "reference" },
  { value: "status", label: "status" },
  { value: "ignore", label: "ignore" },
];

type PreviewResult = Pick<StatementPreview, "rows" | "rowCount" | "partial" | "error" | "warnings">;

/** One CSV record split on the delimiter, honouring double quotes (for showing sample values only). */
function splitRecord(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out.map((c) => c.trim());
}

function money(value: string, currency: string): string {
  try {
    return formatAmount(value, currency);
  } catch {
    return value;
  }
}

/** Every field of the record gets a column entry (unmapped ones as "ignore"), in order. */
function allColumns(layout: CsvLayout): CsvColumn[] {
  return Array.from({ length: layout.fieldCount }, (_, index) => layout.columns.find((c) => c.index === index) ?? { index, role: "ignore" as const });
}

/**
 * Confirming a CSV's column mapping: the file's first lines, a role per column, the date order,
 * decimal mark and sign rule, and a live preview of what would be imported. Every change
 * re-reads the file on the server (debounced); "Confirm and import" saves the mapping as a
 * profile and imports.
 */
export function MappingEditor({
  statementId,
  fileName,
  currency,
  preview,
  hydrated,
  onQueued,
}: {
  statementId: string;
  fileName: string;
  currency: string;
  preview: StatementPreview;
  hydrated: boolean;
  onQueued: () => void;
}) {
  const uid = useId();
  const [layout, setLayout] = useState<CsvLayout | null>(preview.layout ? { ...preview.layout, columns: allColumns(preview.layout) } : null);
  const [name, setName] = useState("");
  const [result, setResult] = useState<PreviewResult>(preview);
  const [pending, setPending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const edited = useRef(false);

  useEffect(() => {
    if (!layout || !edited.current) return;
    const abort = new AbortController();
    setPending(true);
    const timer = setTimeout(async () => {
      const res = await callApi<StatementPreview>(`/api/v1/statements/${encodeURIComponent(statementId)}/preview`, {
        method: "POST",
        body: { layout },
        signal: abort.signal,
      });
      if (!res.ok && res.aborted) return;
      setPending(false);
      setResult(res.ok ? res.body : { rows: [], rowCount: 0, partial: false, warnings: [], error: res.message });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [layout, statementId]);

  const change = (patch: Partial<CsvLayout>) => {
    edited.current = true;
    setSubmitError(null);
    setLayout((l) => (l ? { ...l, ...patch } : l));
  };
  const setRole = (index: number, role: CsvColumn["role"]) => {
    if (!layout) return;
    change({ columns: layout.columns.map((c) => (c.index === index ? { ...c, role } : c)) });
  };
  // One decimal mark for every money column: the choice a file whose amounts read two ways
  // ("1.500": 1.5 or 1500) leaves to a person.
  const decimalMark = layout?.columns.find((c) => MONEY_ROLES.has(c.role))?.decimalSeparator ?? ".";
  const setDecimalMark = (mark: "." | ",") => {
    if (!layout) return;
    change({ columns: layout.columns.map((c) => (MONEY_ROLES.has(c.role) ? { ...c, decimalSeparator: mark } : c)) });
  };

  const samples = useMemo(() => {
    if (!layout) return [];
    // The first line with anything on it from the data's first line on (a file of key: value
    // blocks, shown as its table, has its rows on the lines that end its blocks).
    const line = preview.lines.slice(layout.dataStartLine - 1).find((l) => l.trim() !== "") ?? "";
    return splitRecord(line, layout.delimiter);
  }, [layout, preview.lines]);

  async function confirm() {
    if (!layout) return;
    setSubmitting(true);
    setSubmitError(null);
    const res = await callApi<{ id: string; status: string }>(`/api/v1/statements/${encodeURIComponent(statementId)}/mapping`, {
      method: "POST",
      body: { layout, ...(name.trim() ? { name: name.trim() } : {}) },
    });
    setSubmitting(false);
    if (res.ok) onQueued();
    else if (!res.aborted) setSubmitError(res.message);
  }

  const shownLines = preview.lines.slice(0, SHOWN_LINES);
  while (shownLines.length > 1 && shownLines[shownLines.length - 1] === "") shownLines.pop(); // the file's final newline
  const hasBalance = result.rows.some((r) => r.balance !== undefined);
  return (
    <section aria-labelledby={`${uid}-title`} className="detail-block mapping">
      <h3 id={`${uid}-title`}>Confirm the column mapping</h3>
      <p className="muted small">
        The columns of this file could not be recognised with certainty, so nothing was imported. Check what each column holds; the
        preview below shows the rows as they would be imported. The confirmed mapping is saved and used for later files with the same layout.
      </p>

      <div className="mapping-grid">
        <div>
          <h4 id={`${uid}-lines`}>The file's first lines</h4>
          <ol className="file-lines" aria-labelledby={`${uid}-lines`} tabIndex={0}>
            {shownLines.map((line, i) => (
              <li key={i}>
                <code>{line || "\u00a0"}</code>
              </li>
            ))}
          </ol>
        </div>

        {layout ? (
          <form
            className="mapping-form"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <fieldset>
              <legend>What each column holds</legend>
              <div className="column-roles">
                {layout.columns.map((c) => (
                  <div className="field" key={c.index}>
                    <label htmlFor={`${uid}-col-${c.index}`}>
                      Column {c.index + 1}
                      {c.name ? ` “${c.name}”` : ""}
                    </label>
                    <select
                      id={`${uid}-col-${c.index}`}
                      value={c.role}
                      onChange={(e) => setRole(c.index, e.target.value as CsvColumn["role"])}
                      disabled={!hydrated}
                      aria-describedby={samples[c.index] ? `${uid}-sample-${c.index}` : undefined}
                    >
                      {ROLE_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {samples[c.index] ? (
                      <span id={`${uid}-sample-${c.index}`} className="muted small sample">
                        e.g. {samples[c.index]}
                      </span>
                    ) : null}
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="mapping-options">
              <div className="field">
                <label htmlFor={`${uid}-date-order`}>Date order</label>
                <select id={`${uid}-date-order`} value={layout.dateOrder} onChange={(e) => change({ dateOrder: e.target.value as CsvLayout["dateOrder"] })} disabled={!hydrated}>
                  <option value="day-first">day first (DD/MM)</option>
                  <option value="month-first">month first (MM/DD)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${uid}-decimal`}>Decimal mark</label>
                <select id={`${uid}-decimal`} value={decimalMark} onChange={(e) => setDecimalMark(e.target.value as "." | ",")} disabled={!hydrated}>
                  <option value=".">point: 1,234.56</option>
                  <option value=",">comma: 1.234,56</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${uid}-sign`}>Amount signs</label>
                <select id={`${uid}-sign`} value={layout.sign} onChange={(e) => change({ sign: e.target.value as CsvLayout["sign"] })} disabled={!hydrated}>
                  <option value="as-printed">as printed</option>
                  <option value="inverted">inverted: charges are positive</option>
                  <option value="credits-marked">money in marked CR, bare amounts money out</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${uid}-name`}>Profile name</label>
                <input
                  id={`${uid}-name`}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={120}
                  placeholder={`Mapping for ${fileName}`}
                  disabled={!hydrated}
                />
              </div>
            </div>
            <div className="actions">
              <button type="submit" disabled={!hydrated || submitting}>
                {submitting ? "Importing…" : "Confirm and import"}
              </button>
              <span className="muted small" role="status">
                {pending ? "Updating the preview…" : ""}
              </span>
            </div>
            {submitError ? (
              <p role="alert" className="error">
                {submitError}
              </p>
            ) : null}
          </form>
        ) : (
          <p role="alert" className="error">
            No column mapping could be detected for this file{preview.error ? `: ${preview.error}` : "."}
          </p>
        )}
      </div>

      <div className={`mapping-preview${pending ? " stale" : ""}`} aria-busy={pending || undefined}>
        <h4 id={`${uid}-preview`}>Preview</h4>
        {result.error ? (
          <p role="alert" className="error" data-testid="preview-error">
            With this mapping the file cannot be read: {result.error}
          </p>
        ) : (
          <>
            <table className="grid compact" aria-labelledby={`${uid}-preview`} data-testid="mapping-preview">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Date</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  {hasBalance ? (
                    <th scope="col" className="num">
                      Balance
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.sourceRow}>
                    <td className="num muted">{r.sourceRow}</td>
                    <td className="nowrap">{r.date}</td>
                    <td>{r.description}</td>
                    <td className={`num ${r.amount.startsWith("-") ? "amount-out" : "amount-in"}`}>{money(r.amount, currency)}</td>
                    {hasBalance ? <td className="num">{r.balance !== undefined ? money(r.balance, currency) : ""}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              {result.partial
                ? `The first ${result.rows.length} of ${result.rowCount} rows in the file's first 8 MB (the preview reads no further; the import reads the whole file).`
                : result.rows.length < result.rowCount
                  ? `The first ${result.rows.length} of ${result.rowCount} rows.`
                  : `${result.rowCount} ${result.rowCount === 1 ? "row" : "rows"}.`}
            </p>
            {result.warnings.length > 0 ? (
              <ul className="warnings">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
