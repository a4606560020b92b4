import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { Tone } from "~/domain/security-posture";
import { requirePermission } from "~/services/auth.server";
import { securityPosture } from "~/services/security-posture.server";

export const meta: MetaFunction = () => [{ title: "Security · Cashline" }];

/** Everyone signed in: how this organisation is protected, read from what is in effect now. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "security:view");
  return json({ sections: await securityPosture(auth), at: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

const BADGE: Record<Tone, string> = { ok: "posted", info: "queued", warn: "needs_review", bad: "failed" };
const WORD: Record<Tone, string> = { ok: "ok", info: "note", warn: "weak", bad: "problem" };

export default function Security() {
  const { sections, at } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Security</h1>
      <p className="muted">
        What protects this organisation&apos;s data, read from the running configuration and this organisation&apos;s own members, keys and
        audit log at {at.slice(0, 16).replace("T", " ")} UTC. Weak points are marked as such. Report a vulnerability:{" "}
        <a href="/.well-known/security.txt">security.txt</a>.
      </p>
      {sections.map((s) => (
        <section key={s.title} className="card" style={{ marginBottom: "1rem" }} aria-label={s.title}>
          <h2 style={{ marginTop: 0 }}>{s.title}</h2>
          <table className="grid">
            <tbody>
              {s.facts.map((f) => (
                <tr key={f.label} data-fact={f.label} data-tone={f.tone}>
                  <th scope="row" style={{ width: "14rem" }}>
                    {f.label}
                  </th>
                  <td style={{ overflowWrap: "anywhere" }}>{f.value}</td>
                  <td>
                    <span className={`badge ${BADGE[f.tone]}`}>{WORD[f.tone]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
