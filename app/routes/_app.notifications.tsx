import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatTimestamp } from "~/components/imports/status";
import { requirePermission } from "~/services/auth.server";
import { readNotifications } from "~/services/notifications.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Cashline" }];

/** My notifications, newest first; opening the page marks them read. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "self:manage");
  return json({ notifications: await readNotifications(auth) }, { headers: { "Cache-Control": "no-store" } });
}

const KIND_LABELS: Record<string, string> = { "auth.new_device": "New device" };

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {notifications.length === 0 ? (
        <p className="muted">Nothing yet. Admins are told here when someone signs in from a device not seen before.</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {notifications.map((n) => (
              <tr key={n.id} data-notification-id={n.id} data-unread={n.unread ? "1" : "0"}>
                <td className="nowrap">{formatTimestamp(n.createdAt)}</td>
                <td>
                  {KIND_LABELS[n.kind] ?? n.kind}
                  {n.unread ? (
                    <>
                      {" "}
                      <span className="badge">new</span>
                    </>
                  ) : null}
                </td>
                <td>{n.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
