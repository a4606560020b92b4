import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { RouteError } from "~/components/route-error";
import { can } from "~/domain/permissions";
import { requirePermission } from "~/services/auth.server";
import { unreadNotificationCount } from "~/services/notifications.server";

/** The signed-in shell: navigation filtered by what the role may see. */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requirePermission(args, "ledger:read");
  return json({
    user: auth.user,
    role: auth.role,
    tenantName: auth.tenantName,
    // The notifications page marks them all read (its loader runs beside this one).
    unread: new URL(args.request.url).pathname === "/notifications" ? 0 : await unreadNotificationCount(auth),
    nav: [
      ...(can(auth.role, "dashboard:view") ? [{ to: "/dashboard", label: "Dashboard" }] : []),
      { to: "/uploads", label: "Uploads" },
      { to: "/review", label: "Review" },
      { to: "/transactions", label: "Transactions" },
      { to: "/reconcile", label: "Reconcile" },
      { to: "/categories", label: "Categories" },
      { to: "/rules", label: "Rules" },
      ...(can(auth.role, "audit:read") ? [{ to: "/audit", label: "Audit log" }] : []),
      ...(can(auth.role, "security:view") ? [{ to: "/security", label: "Security" }] : []),
      ...(can(auth.role, "self:manage") ? [{ to: "/settings", label: "Settings" }] : []),
    ],
  });
}

export default function AppShell() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/** A page's error (403, 404, bad input) keeps the navigation around it, so the user is not stranded. */
export function ErrorBoundary() {
  return (
    <Shell>
      <RouteError />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  // Undefined when this layout's own loader failed; then there is no navigation to show.
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  if (!data) return <main className="content">{children}</main>;
  const { user, role, tenantName, nav, unread } = data;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Cashline</span>
        <span className="tenant">{tenantName}</span>
        <nav aria-label="Main">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} prefetch="intent">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <NavLink to="/notifications" className="notifications-link" aria-label={unread ? `Notifications: ${unread} unread` : "Notifications"}>
          Notifications
          {unread ? (
            <>
              {" "}
              <span className="badge" data-testid="unread-count">
                {unread}
              </span>
            </>
          ) : null}
        </NavLink>
        <span className="who" title={user.email}>
          {user.name} · {role}
        </span>
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            Sign out
          </button>
        </Form>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
