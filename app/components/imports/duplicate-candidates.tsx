import { useState } from "react";
import { formatAmount } from "~/domain/money";
import type { DuplicateCandidateView } from "~/services/imports.server";
import { callApi } from "./api";

type Decision = "confirmed" | "dismissed";

function Amount({ value, currency }: { value: string; currency: string }) {
  return <td className={`num ${value.startsWith("-") ? "amount-out" : "amount-in"}`}>{formatAmount(value, currency)}</td>;
}

/**
 * Rows of this statement that look like rows already in the ledger: side by side, with the
 * score and the reason. Nothing changes until a person decides, one candidate at a time.
 */
export function DuplicateCandidates({
  candidates,
  currency,
  hydrated,
  onDecided,
}: {
  candidates: DuplicateCandidateView[];
  currency: string;
  hydrated: boolean;
  onDecided: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [decided, setDecided] = useState<Record<string, Decision>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const open = candidates.filter((c) => !decided[c.id]);

  async function decide(id: string, decision: Decision) {
    setBusy(id);
    setErrors((e) => ({ ...e, [id]: "" }));
    const res = await callApi<{ id: string; status: Decision }>(`/api/v1/duplicates/${encodeURIComponent(id)}`, { method: "POST", body: { decision } });
    setBusy(null);
    if (res.ok) {
      setDecided((d) => ({ ...d, [id]: decision }));
      onDecided();
    } else if (!res.aborted) {
      setErrors((e) => ({ ...e, [id]: res.message }));
    }
  }

  const done = Object.values(decided);
  return (
    <section aria-labelledby="dup-title" className="detail-block">
      <h3 id="dup-title">Possible duplicates</h3>
      {done.length > 0 ? (
        <p role="status" className="muted small">
          {done.filter((d) => d === "confirmed").length} set aside, {done.filter((d) => d === "dismissed").length} kept as separate payments.
        </p>
      ) : null}
      {open.length === 0 ? (
        <p className="muted small">No open near-duplicates: nothing in this file resembles a row already in the ledger, or every one was decided.</p>
      ) : (
        <ul className="candidates">
          {open.map((c) => (
            <li key={c.id} className="candidate" data-testid="duplicate-candidate">
              <table className="grid compact">
                <caption className="candidate-why">
                  <span className="score" title="Similarity score out of 100">
                    score {c.score}
                  </span>{" "}
                  <span id={`dup-reason-${c.id}`}>{c.reason}</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Date</th>
                    <th scope="col">Description</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">
                      New, line {c.row.sourceRow}
                    </th>
                    <td className="nowrap">{c.row.date}</td>
                    <td>{c.row.description}</td>
                    <Amount value={c.row.amount} currency={currency} />
                  </tr>
                  <tr>
                    <th scope="row">
                      In the ledger <span className="muted">from {c.match.fileName}, line {c.match.sourceRow}</span>
                    </th>
                    <td className="nowrap">{c.match.date}</td>
                    <td>{c.match.description}</td>
                    <Amount value={c.match.amount} currency={currency} />
                  </tr>
                </tbody>
              </table>
              <div className="actions">
                <button
                  type="button"
                  disabled={!hydrated || busy !== null}
                  aria-describedby={`dup-reason-${c.id}`}
                  onClick={() => decide(c.id, "confirmed")}
                >
                  Same payment (set aside)
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={!hydrated || busy !== null}
                  aria-describedby={`dup-reason-${c.id}`}
                  onClick={() => decide(c.id, "dismissed")}
                >
                  Not a duplicate
                </button>
                {busy === c.id ? <span className="muted small">Saving…</span> : null}
              </div>
              {errors[c.id] ? (
                <p role="alert" className="error">
                  {errors[c.id]}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
